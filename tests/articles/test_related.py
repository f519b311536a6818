"""Related articles: editors' picks, then shared topics, then the same section."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.article_page import article_page
from articles.models import Article, Section
from articles.related import related_articles
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db


def loaded(article):
    """The article as its page loads it, tags prefetched."""
    return Article.objects.prefetch_related("tags").get(pk=article.pk)


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def test_picks_come_first_then_most_shared_tags_then_newest_in_section():
    blog = Section.objects.get(slug="the-scalpel")
    main = ArticleFactory(title="Main")
    main.tags.add("Workforce", "Finance")
    picked = ArticleFactory(title="Picked", section=blog, publish_at=ago(50))
    main.related.add(picked)
    one_tag = ArticleFactory(title="One shared tag", section=blog, publish_at=ago(2))
    one_tag.tags.add("Finance")
    two_tags = ArticleFactory(title="Two shared tags", section=blog, publish_at=ago(40))
    two_tags.tags.add("Workforce", "Finance")
    ArticleFactory(title="Same section, newest", publish_at=ago(3))
    ArticleFactory(title="Same section, older", publish_at=ago(30))
    ArticleFactory(title="Elsewhere", section=blog, publish_at=ago(1))
    titles = [a.title for a in related_articles(loaded(main))]
    assert titles == ["Picked", "Two shared tags", "One shared tag", "Same section, newest"]


def test_unpublished_pieces_are_never_related():
    main = ArticleFactory()
    main.tags.add("Workforce")
    for factory in (DraftFactory, ScheduledFactory):
        hidden = factory(title=f"Hidden {factory.__name__}")
        hidden.tags.add("Workforce")
        main.related.add(hidden)
    assert related_articles(loaded(main)) == []


def test_the_article_itself_and_duplicates_are_left_out():
    main = ArticleFactory()
    main.tags.add("Workforce")
    other = ArticleFactory(title="Other")
    other.tags.add("Workforce")
    main.related.add(other)
    assert [a.title for a in related_articles(loaded(main))] == ["Other"]


def test_related_costs_at_most_three_queries(django_assert_max_num_queries):
    main = ArticleFactory()
    main.tags.add("Workforce")
    for n in range(10):
        ArticleFactory(title=f"Section piece {n}")
    main = loaded(main)
    with django_assert_max_num_queries(3):
        related = related_articles(main)
        assert [a.section.slug for a in related] == ["news"] * 4


def test_article_page_shows_related_in_order(client):
    main = ArticleFactory(title="Main story")
    main.tags.add("Maternity")
    tagged = ArticleFactory(title="Shares a topic", section=Section.objects.get(slug="featured"))
    tagged.tags.add("Maternity")
    picked = ArticleFactory(
        title="Picked by the editor", section=Section.objects.get(slug="the-scalpel")
    )
    main.related.add(picked)
    ArticleFactory(title="From the same section")
    related = client.get(main.get_absolute_url()).content.decode().split('id="related-heading"')[1]
    order = [
        related.index(t)
        for t in ("Picked by the editor", "Shares a topic", "From the same section")
    ]
    assert order == sorted(order)


def test_an_article_loaded_for_its_page_looks_for_picks_only_when_it_has_some(
    django_assert_num_queries,
):
    main = ArticleFactory(title="Main")
    main.tags.add("Workforce")
    for n in range(4):
        ArticleFactory(title=f"Shares a topic {n}").tags.add("Workforce")
    unpicked = article_page(Article.objects.all()).get(pk=main.pk)
    with django_assert_num_queries(1):  # shared topics fill the list; no look for picks
        assert len(related_articles(unpicked)) == 4
    main.related.add(ArticleFactory(title="Picked", publish_at=ago(50)))
    picked = article_page(Article.objects.all()).get(pk=main.pk)
    assert related_articles(picked)[0].title == "Picked"


def test_shared_topics_are_weighed_among_the_newest_pieces_only(monkeypatch):
    # The pool is the TOPIC_POOL newest public pieces, as a time range from the oldest of
    # them; an older piece sharing every topic is not looked at, a newer one sharing one is.
    from articles import related

    monkeypatch.setattr(related, "TOPIC_POOL", 3)
    elsewhere = Section.objects.get(slug="the-scalpel")
    main = ArticleFactory(title="Main", publish_at=ago(1))
    main.tags.add("Workforce", "Finance")
    old = ArticleFactory(title="Old, shares both", section=elsewhere, publish_at=ago(100))
    old.tags.add("Workforce", "Finance")
    newer = ArticleFactory(title="Newer, shares one", section=elsewhere, publish_at=ago(5))
    newer.tags.add("Finance")
    ArticleFactory(title="Newest, shares none", section=elsewhere, publish_at=ago(2))
    titles = [a.title for a in related.related_articles(loaded(main))]
    assert titles == ["Newer, shares one"]
    monkeypatch.setattr(related, "TOPIC_POOL", 4)
    titles = [a.title for a in related.related_articles(loaded(main))]
    assert titles == ["Old, shares both", "Newer, shares one"]
