"""Search at /search/: ranked full-text search over public articles, filters, hostile input."""

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.db.models import FloatField, Func, Value
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles import search
from articles.models import Article, Section
from demo.seeding import seed_archive
from tests.articles.admin_forms import article_form_data
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DraftFactory,
    InterviewQuestionFactory,
    ScheduledFactory,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("articles:search")


def results(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response.content.decode()


def result_titles(page):
    """Titles of the results, in order, with highlight markup removed."""
    chunks = page.split('class="result__title">')[1:]
    return [
        chunk.split(">", 1)[1].split("</a>")[0].replace("<mark>", "").replace("</mark>", "")
        for chunk in chunks
    ]


def test_title_match_outranks_body_match(client):
    ArticleFactory(title="Board papers published", body="<p>Ambulance handovers slowed.</p>")
    ArticleFactory(title="Ambulance handovers speed up", body="<p>Board papers show it.</p>")
    assert result_titles(results(client, q="ambulance")) == [
        "Ambulance handovers speed up",
        "Board papers published",
    ]


def test_standfirst_match_outranks_body_match(client):
    ArticleFactory(title="One", standfirst="Nothing here.", body="<p>Pharmacy first.</p>")
    ArticleFactory(title="Two", standfirst="Pharmacy first expands.", body="<p>Text.</p>")
    assert result_titles(results(client, q="pharmacy")) == ["Two", "One"]


def test_words_are_matched_by_their_stem(client):
    ArticleFactory(title="Nurse strike ballot opens")
    page = results(client, q="nurses striking")
    assert result_titles(page) == ["Nurse strike ballot opens"]


def test_finds_by_tag_byline_and_interview_answers(client):
    tagged = ArticleFactory(title="Tagged piece")
    tagged.tags.add("Elective recovery")
    ArticleFactory(title="Bylined piece", authors=[AuthorFactory(name="Priya Lindqvist")])
    InterviewQuestionFactory(
        article=ArticleFactory(title="Interview piece"),
        question="What keeps you awake?",
        answer="<p>Hyperkalaemia protocols.</p>",
    )
    assert result_titles(results(client, q="elective recovery")) == ["Tagged piece"]
    assert result_titles(results(client, q="Lindqvist")) == ["Bylined piece"]
    assert result_titles(results(client, q="hyperkalaemia")) == ["Interview piece"]


def test_drafts_and_scheduled_pieces_are_never_found(client):
    ArticleFactory(title="Public dialysis story")
    DraftFactory(title="Draft dialysis story")
    ScheduledFactory(title="Scheduled dialysis story")
    page = results(client, q="dialysis")
    assert result_titles(page) == ["Public dialysis story"]
    assert "1 result for “dialysis”" in page


def test_matches_are_highlighted_and_everything_else_escaped(client):
    ArticleFactory(
        title="<script>alert(1)</script> sepsis checklist",
        standfirst='Sepsis "bundles" & alerts',
        body="<p>A&amp;E teams saw <strong>sepsis</strong> rates fall.</p>",
    )
    page = results(client, q="sepsis")
    results_html = page.split('class="search-results"')[1]
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>sepsis</mark> checklist" in results_html
    assert "<mark>Sepsis</mark> &quot;bundles&quot; &amp; alerts" in results_html
    assert "A&amp;E teams saw <mark>sepsis</mark> rates fall" in results_html
    assert "<strong>" not in results_html


def test_section_filter_keeps_only_that_section(client):
    ArticleFactory(title="Winter news")
    ArticleFactory(title="Winter blog", section=Section.objects.get(slug="the-scalpel"))
    page = results(client, q="winter", section="the-scalpel")
    assert result_titles(page) == ["Winter blog"]


def test_date_range_counts_days_in_london_time(client):
    london = timezone.get_current_timezone()
    ArticleFactory(
        title="Late on the first", publish_at=datetime(2024, 7, 1, 23, 30, tzinfo=london)
    )
    ArticleFactory(
        title="Early on the second", publish_at=datetime(2024, 7, 2, 0, 30, tzinfo=london)
    )
    ArticleFactory(
        title="Early on the third", publish_at=datetime(2024, 7, 3, 0, 30, tzinfo=london)
    )
    page = results(client, q="early late", from_date="2024-07-02", to_date="2024-07-02")
    assert "0 results" in page
    page = results(client, q="early", from_date="2024-07-02", to_date="2024-07-02")
    assert result_titles(page) == ["Early on the second"]
    page = results(client, q="first", to_date="2024-07-01")
    assert result_titles(page) == ["Late on the first"]


def test_filters_without_words_list_the_newest_matching_pieces(client):
    ArticleFactory(title="Older blog", section=Section.objects.get(slug="the-scalpel"))
    ArticleFactory(
        title="Newer blog",
        section=Section.objects.get(slug="the-scalpel"),
        publish_at=timezone.now() - timedelta(minutes=5),
    )
    ArticleFactory(title="News piece")
    page = results(client, section="the-scalpel")
    assert result_titles(page) == ["Newer blog", "Older blog"]
    assert "2 articles" in page


def test_bad_filters_get_a_linked_error_summary_and_keep_what_was_typed(client):
    page = results(client, q="rotas", from_date="2024-13-45", section="no-such-section")
    assert "There is a problem with your search" in page
    assert '<a href="#id_from_date">Published from: Enter a valid date.</a>' in page
    assert 'href="#id_section"' in page
    assert 'value="rotas"' in page
    assert 'value="2024-13-45"' in page
    assert 'aria-invalid="true"' in page


def test_end_date_before_start_date_is_explained(client):
    page = results(client, q="rotas", from_date="2024-05-02", to_date="2024-05-01")
    assert "The end date must be on or after the start date." in page


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "a",
        "!!!",
        "...,;:",
        "& | ! :* <->",
        "!(nurse",
        "nurse:*",
        "nurse <-> strike",
        "'; DROP TABLE articles_article; --",
        '"unclosed phrase',
        "-nurse",
        "- - -",
        "the and of",
        "or",
        "\\",
        "%_%",
        "😷 NHS 🏥",
        "a" * 2000,
        "nurse " * 400,
        "<script>alert(1)</script>",
    ],
)
def test_hostile_queries_answer_with_a_page(client, query):
    ArticleFactory(title="Nurse strike ballot opens")
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page


def test_null_character_is_refused_with_a_message(client):
    page = results(client, q="nurse\x00strike")
    assert "Null characters are not allowed." in page


def test_long_query_is_cut_and_the_reader_is_told(client):
    ArticleFactory(title="Nurse strike ballot opens")
    page = results(client, q="nurse " + "x" * 2000)
    assert "Your search was too long, so we searched for “nurse”." in page
    assert result_titles(page) == ["Nurse strike ballot opens"]


def test_many_words_are_cut_to_the_first_sixteen(client):
    found = [f"alpha{n}" for n in range(16)]
    ArticleFactory(title="Word soup", body=f"<p>{' '.join(found)}</p>")
    page = results(client, q=" ".join([*found, "unmatched", "absent"]))
    assert result_titles(page) == ["Word soup"]
    assert "Your search was too long" in page


def test_repeated_words_count_once(client):
    ArticleFactory(title="Nurse strike ballot opens")
    page = results(client, q="nurse Nurse NURSE strike nurse")
    assert result_titles(page) == ["Nurse strike ballot opens"]
    assert "1 result for “nurse strike”" in page
    assert "too long" not in page


def test_only_negated_words_search_for_nothing(client):
    ArticleFactory(title="Nurse strike ballot opens")
    page = results(client, q="-nurse -strike")
    assert "Type some words to search our articles." in page
    assert result_titles(page) == []


def test_pages_of_results_keep_the_words_and_filters(client):
    for n in range(search.PAGE_SIZE + 3):
        ArticleFactory(title=f"Maternity review {n}")
    page = results(client, q="maternity", section="news")
    assert len(result_titles(page)) == search.PAGE_SIZE
    assert 'href="?q=maternity&amp;section=news&amp;page=2"' in page
    page = results(client, q="maternity", section="news", page="2")
    assert len(result_titles(page)) == 3
    assert results(client, q="maternity", page="999").count('class="result__title"') == 3


def test_search_that_runs_too_long_is_stopped_with_a_message(client, monkeypatch):
    ArticleFactory(title="Nurse strike ballot opens")
    monkeypatch.setattr(search, "TIMEOUT_MS", 50)
    slow = search.search_articles

    def sleepy(query, articles):
        sleep = Func(Value(0.5), function="pg_sleep", output_field=FloatField())
        return slow(query, articles).annotate(sleep=sleep)

    monkeypatch.setattr(search, "search_articles", sleepy)
    page = results(client, q="nurse")
    assert "That search took too long to run." in page


def test_vector_follows_edits_to_title_tags_and_bylines(client):
    author = AuthorFactory(name="Sam Writer")
    ArticleFactory(title="Quarterly figures", authors=[author])
    article = Article.objects.get(title="Quarterly figures")  # loaded as the admin loads it
    article.title = "Cancer waiting times figures"
    article.save()
    assert result_titles(results(client, q="cancer")) == ["Cancer waiting times figures"]
    article.tags.add("Radiotherapy")
    assert result_titles(results(client, q="radiotherapy")) == ["Cancer waiting times figures"]
    article.tags.remove("Radiotherapy")
    assert result_titles(results(client, q="radiotherapy")) == []
    author.name = "Sam Okonjo"
    author.save()
    assert result_titles(results(client, q="okonjo")) == ["Cancer waiting times figures"]
    article.tags.add("Oncology")
    tag = Tag.objects.get(name="Oncology")
    tag.name = "Cancer services"
    tag.save()
    assert result_titles(results(client, q="services")) == ["Cancer waiting times figures"]


def test_bulk_archive_is_searchable(client):
    AuthorFactory()
    seed_archive(3)
    assert Article.objects.filter(search_vector__isnull=True).count() == 0
    assert "3 results" in results(client, q="archive")


def test_update_search_index_command_fills_missing_vectors(client):
    article = ArticleFactory(title="Community diagnostic centres")
    Article.objects.filter(pk=article.pk).update(search_vector=None)
    assert result_titles(results(client, q="diagnostic")) == []
    call_command("update_search_index", stdout=None)
    assert result_titles(results(client, q="diagnostic")) == ["Community diagnostic centres"]


def test_search_page_is_kept_out_of_search_engines(client):
    assert '<meta name="robots" content="noindex, follow">' in results(client, q="x")


def test_every_page_has_a_labelled_search_box(client):
    page = client.get("/").content.decode()
    assert 'role="search" action="/search/"' in page
    assert '<label class="visually-hidden" for="site-search-q">Search articles</label>' in page


class TestWordMatchFallback:
    """The search SQLite uses: every word must appear somewhere; title hits first."""

    @pytest.fixture(autouse=True)
    def _without_full_text(self, monkeypatch):
        monkeypatch.setattr(search, "uses_full_text", lambda using="default": False)

    def test_every_word_must_be_found_somewhere(self, client):
        ArticleFactory(title="Ward rotas", body="<p>Published by the trust.</p>")
        ArticleFactory(title="Ward closures", body="<p>Nothing else.</p>")
        tagged = ArticleFactory(title="Tagged", standfirst="About rotas.")
        tagged.tags.add("Ward")
        assert sorted(result_titles(results(client, q="ward rotas"))) == ["Tagged", "Ward rotas"]

    def test_title_hits_come_first_and_are_highlighted(self, client):
        ArticleFactory(title="Body only", body="<p>Mentions hospices.</p>")
        ArticleFactory(title="Hospices funding <b>gap</b>")
        page = results(client, q="hospices")
        assert result_titles(page) == ["Hospices funding &lt;b&gt;gap&lt;/b&gt;", "Body only"]
        assert "<mark>Hospices</mark> funding &lt;b&gt;gap&lt;/b&gt;" in page

    def test_finds_by_byline(self, client):
        ArticleFactory(title="By her", authors=[AuthorFactory(name="Ngozi Brennan")])
        assert result_titles(results(client, q="brennan")) == ["By her"]


def test_piece_written_in_the_admin_is_found_by_its_tags_and_byline(client, admin_user):
    author = AuthorFactory(name="Morwenna Tregothnan")
    client.force_login(admin_user)
    news = Section.objects.get(slug="news")
    data = article_form_data(
        title="Board approves estates plan",
        section=news.pk,
        standfirst="A ten-year plan.",
        body="<p>New theatres.</p>",
        new_tags="Capital funding",
        status="published",
    )
    data.update({"bylines-TOTAL_FORMS": 1, "bylines-0-author": author.pk, "bylines-0-position": 0})
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors or [
        (f.formset.prefix, f.formset.errors, f.formset.non_form_errors())
        for f in response.context["inline_admin_formsets"]
    ]
    client.logout()
    assert result_titles(results(client, q="capital funding")) == ["Board approves estates plan"]
    assert result_titles(results(client, q="Tregothnan")) == ["Board approves estates plan"]


def test_very_common_words_rank_the_newest_matches(client, monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    ArticleFactory(title="Hospital at home", publish_at=timezone.now() - timedelta(days=9))
    ArticleFactory(title="Newer", body="<p>Hospital news.</p>")
    ArticleFactory(title="Newest", body="<p>Hospital news.</p>", publish_at=timezone.now())
    page = results(client, q="hospital")
    assert sorted(result_titles(page)) == ["Newer", "Newest"]
    assert "2 or more results for “hospital”" in page
    assert "These are the newest 2 matches, best first." in page
