"""Each public page costs the same number of queries at 10 and at 300 articles."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Byline, Section
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    InterviewQuestionFactory,
)

pytestmark = pytest.mark.django_db

BOUNDS = {
    # With the fragment caches off, as here: the featured ids (1), the newest id (1), the
    # sections with a block (1), the newest ids of each of the six (6), the teasers with
    # their authors (1), their comment counts (1), most read (1). The number of sections is
    # the site's configuration, not its content; this bound holds at any archive size.
    "front": 12,
    # Lists: the count (1), the teasers (1), their comment counts (1); a section or an
    # author is looked up first (1).
    "news": 3,
    "section": 4,
    # The article with its comment settings and whether it has picks, corrections or Q&A
    # turns (1); bylines (1); tags (1); related reading, at most 3; the comments (1); most
    # read (1). Corrections and Q&A turns only for a piece that has them (below). The blocks
    # under it, as on the front page: the featured ids (1), the sections (1), the newest ids
    # of each of four (4), the teasers (1), their comment counts (1). With the caches on,
    # every article page shares them (test_article_page.py).
    "article": 16,
    "author": 4,
    "columnists": 4,
    "search": 7,
    "search_filtered": 8,
    "feed": 3,
    "section_feed": 4,
    "tag_feed": 4,
    # One count per sitemap section, and the newest change of those that have dates.
    "sitemap_index": 10,
    "sitemap_articles": 2,
    "sitemap_news": 2,
    # The flat page (1); the Site row is cached after the first page.
    "site_page": 1,
    "sitemap_site": 2,
}


def grow_to(total, image, authors):
    """Add articles (bulk, for speed) across sections until there are `total`."""
    sections = list(Section.objects.all())
    have = Article.objects.count()
    made = Article.objects.bulk_create(
        Article(
            title=f"Bulk story {n}",
            slug=f"bulk-story-{n}",
            standfirst="Teaser",
            body="<p>Body</p>",
            section=sections[n % len(sections)],
            status=Article.Status.PUBLISHED,
            lead_image=image,
            is_featured=n % 50 == 0,
        )
        for n in range(have, total)
    )
    Byline.objects.bulk_create(
        Byline(article=a, author=authors[n % len(authors)], position=0) for n, a in enumerate(made)
    )
    for article in made[:40]:
        article.tags.add("Workforce", "Finance")
    Article.objects.filter(pk__in=[a.pk for a in made]).refresh_search_vector()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_query_counts_hold_as_the_archive_grows(client):
    image = ImageFactory()
    columnist = AuthorFactory(is_columnist=True, headshot=image)  # no query per picture
    authors = [columnist, AuthorFactory(), AuthorFactory()]
    probe = ArticleFactory(title="Probe", authors=authors, lead_image=image)
    probe.tags.add("Workforce")
    probe.related.add(ArticleFactory(), ArticleFactory())
    urls = {
        "front": reverse("articles:home"),
        "news": reverse("articles:news"),
        "section": Section.objects.get(slug="news").get_absolute_url(),
        "article": probe.get_absolute_url(),
        "author": columnist.get_absolute_url(),
        "columnists": reverse("columnists:directory"),
        "search": reverse("articles:search") + "?q=bulk+story",
        "search_filtered": reverse("articles:search")
        + "?q=story&section=news&from_date=2000-01-01&to_date=2999-12-31&page=2",
        "feed": reverse("articles:feed"),
        "section_feed": reverse("articles:section-feed", args=["news"]),
        "tag_feed": reverse("articles:tag-feed", args=["workforce"]),
        "sitemap_index": reverse("articles:sitemap-index"),
        "sitemap_articles": reverse("articles:sitemap", args=["articles"]),
        "sitemap_news": reverse("articles:sitemap", args=["news"]),
        "site_page": reverse("privacy"),
        "sitemap_site": reverse("articles:sitemap", args=["site"]),
    }
    counts = {}
    for size in (10, 300):
        grow_to(size, image, authors)
        for url in urls.values():  # the navigation and the Site row are cached after one page
            client.get(url)
        counts[size] = {name: count_queries(client, url) for name, url in urls.items()}
    assert counts[10] == counts[300], (counts[10], counts[300])
    for name, bound in BOUNDS.items():
        assert counts[300][name] <= bound, (name, counts[300][name])


def article_queries(client, article):
    client.get(article.get_absolute_url())  # the navigation and the Site row are cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    return response, [query["sql"] for query in queries]


def test_corrections_and_interview_turns_are_asked_for_only_when_the_piece_has_them(client):
    def asks_for(sqls, table):  # a query of its own, not the article query's EXISTS
        return any(sql.startswith(f'SELECT "{table}".') for sql in sqls)

    plain = ArticleFactory()
    response, plain_sqls = article_queries(client, plain)
    assert "Corrections and updates" not in response.text
    assert not asks_for(plain_sqls, "articles_correction")
    assert not asks_for(plain_sqls, "articles_interviewquestion")

    interview = ArticleFactory()
    CorrectionFactory(article=interview, text="An earlier version gave the wrong trust name.")
    InterviewQuestionFactory(article=interview, question="What keeps you awake at night?")
    response, interview_sqls = article_queries(client, interview)
    assert "An earlier version gave the wrong trust name." in response.text
    assert "What keeps you awake at night?" in response.text
    assert asks_for(interview_sqls, "articles_correction")
    assert asks_for(interview_sqls, "articles_interviewquestion")
    assert len(interview_sqls) == len(plain_sqls) + 2


def test_authors_pictures_cost_no_query_of_their_own(client):
    plain = ArticleFactory(authors=[AuthorFactory(), AuthorFactory()])
    pictured = ArticleFactory(
        authors=[AuthorFactory(headshot=ImageFactory()), AuthorFactory(headshot=ImageFactory())]
    )
    _, plain_sqls = article_queries(client, plain)
    response, pictured_sqls = article_queries(client, pictured)
    assert response.text.count('class="byline__photo"') == 2
    assert len(pictured_sqls) == len(plain_sqls)


def test_the_blocks_under_an_article_cost_the_same_at_any_archive_size(client):
    image = ImageFactory()
    authors = [AuthorFactory(), AuthorFactory()]
    article = ArticleFactory(title="Probe", authors=authors)
    counts = {}
    for size in (10, 300):
        grow_to(size, image, authors)
        client.get(article.get_absolute_url())  # the navigation and the Site row are cached
        counts[size] = count_queries(client, article.get_absolute_url())
    blocks = client.get(article.get_absolute_url()).text.split('class="site-blocks"', 1)[1]
    titles = re.findall(r'<h2 class="block__title"[^>]*>([^<]*)</h2>', blocks)
    assert titles == [
        "NHE TV",
        "Featured articles",
        "Last word",
        "Health service focus",
        "The Scalpel",
    ]
    assert blocks.count('class="teaser__title"') == 4 + 4 + 2 + 3 + 3
    assert counts[10] == counts[300], counts
    assert counts[300] <= BOUNDS["article"]
