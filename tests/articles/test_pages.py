"""What readers see on each public page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.redirects.models import Redirect
from django.urls import reverse

from articles.models import Section
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    InterviewQuestionFactory,
)

pytestmark = pytest.mark.django_db


def section(slug):
    return Section.objects.get(slug=slug)


def test_front_page_shows_every_block_with_links_to_sections(client):
    ArticleFactory(title="The top story", is_featured=True, lead_image=ImageFactory())
    ArticleFactory(title="A featured long read", is_featured=True, featured_order=2)
    ArticleFactory(title="Ambulance handovers improve", section=section("news"))
    ArticleFactory(title="Video: a day in A&E", section=section("nhe-tv"))
    ArticleFactory(title="Last word with a chief nurse", section=section("last-word"))
    ArticleFactory(title="Focus on estates", section=section("health-service-focus"))
    ArticleFactory(title="The Scalpel on targets", section=section("the-scalpel"))
    ArticleFactory(title="A column on culture", section=section("columnists"))

    page = client.get("/").content.decode()

    for text in [
        "The top story",
        "Featured articles",
        "A featured long read",
        "Latest news",
        "Ambulance handovers improve",
        "NHE TV",
        "Video: a day in A&amp;E",
        "Last word with a chief nurse",
        "Focus on estates",
        "The Scalpel on targets",
        "A column on culture",
        "Would you like to become an NHE columnist?",
    ]:
        assert text in page, text
    for slug in ["news", "nhe-tv", "last-word", "health-service-focus", "the-scalpel"]:
        assert f'href="/news/{slug}/"' in page


def test_front_page_never_shows_an_article_twice(client):
    news = section("news")
    featured = [ArticleFactory(title=f"Featured story {n}", is_featured=True) for n in range(3)]
    ArticleFactory(title="Plain news story", section=news)
    page = client.get("/").content.decode()
    for article in featured:
        assert page.count(f">{article.title}</a>") == 1


def test_front_page_top_story_is_newest_when_nothing_is_featured(client):
    ArticleFactory(title="Older story", publish_at=datetime(2026, 1, 1, tzinfo=UTC))
    ArticleFactory(title="Newest story")
    page = client.get("/").content.decode()
    top = page.split('class="top-story"')[1].split("</section>")[0]
    assert "Newest story" in top


def test_dates_are_day_month_year_in_london_time(client):
    # 23:30 UTC on 30 June is already 1 July in London (BST).
    ArticleFactory(title="Late night story", publish_at=datetime(2025, 6, 30, 23, 30, tzinfo=UTC))
    page = client.get(reverse("articles:news")).content.decode()
    assert "01/07/2025" in page


def test_article_page_shows_byline_role_declarations_dates_and_tags(client):
    author = AuthorFactory(
        name="Dr Priya Shah",
        role_line="senior consultant at the Northfield Institute",
        declarations="Trustee of a mental health charity.",
    )
    article = ArticleFactory(
        title="Compassionate leadership in practice",
        body="<p>Leaders who listen make <strong>safer</strong> services.</p>",
        authors=[author],
        publish_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        updated_at=datetime(2026, 3, 4, 12, 0, tzinfo=UTC),
    )
    article.tags.add("Leadership")
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<h1 class="article__title">Compassionate leadership in practice</h1>' in page
    assert "Dr Priya Shah" in page
    assert "senior consultant at the Northfield Institute" in page
    assert "Declarations of interest:</strong> Trustee of a mental health charity." in page
    assert "Published <time" in page and "02/03/2026" in page
    assert "Updated <time" in page and "04/03/2026" in page
    assert "<strong>safer</strong>" in page
    assert 'href="/tags/leadership/"' in page


def test_article_body_is_sanitised_on_save():
    article = ArticleFactory(
        body='<p onclick="steal()">Hi<script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)></p>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript:" not in article.body
    assert "onerror" not in article.body
    assert "Hi" in article.body


def test_corrections_are_shown_with_their_type_and_date(client):
    correction = CorrectionFactory(kind="clarification", text="We have clarified the figures.")
    page = client.get(correction.article.get_absolute_url()).content.decode()
    assert "Corrections and updates" in page
    assert "Clarification" in page
    assert "We have clarified the figures." in page


def test_lead_image_has_dimensions_srcset_alt_caption_and_credit(client):
    image = ImageFactory(
        alt_text="Nurses at a ward station", caption="Night shift", credit="J Doe"
    )
    article = ArticleFactory(lead_image=image)
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Nurses at a ward station"' in page
    assert 'width="640" height="400"' in page
    assert "srcset=" in page and "480w" in page
    assert "Night shift" in page and "Image: J Doe" in page


def test_teaser_images_load_lazily(client):
    ArticleFactory(lead_image=ImageFactory())
    page = client.get(reverse("articles:news")).content.decode()
    assert 'loading="lazy"' in page


def test_video_article_offers_the_privacy_friendly_player(client):
    article = ArticleFactory(
        section=section("nhe-tv"), video_url="https://www.youtube.com/watch?v=abcDEF12345"
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/abcDEF12345"' in page
    assert 'data-player-title="Video: ' in page


def test_qa_article_reads_as_questions_and_answers(client):
    article = ArticleFactory(section=section("last-word"), body="<p>An introduction.</p>")
    InterviewQuestionFactory(article=article, position=1, question="What keeps you awake?")
    InterviewQuestionFactory(
        article=article, position=2, question="What would you change?", answer="<p>Rotas.</p>"
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "article--interview" in page
    first = page.index("What keeps you awake?")
    second = page.index("What would you change?")
    assert first < second
    assert 'class="interview__question"' in page
    answer = page.split('<div class="interview__answer">')[2].split("</div>")[0]
    assert answer.endswith("<p>Rotas.</p>")


def test_every_article_carries_the_columnist_call(client):
    columnist = AuthorFactory(is_columnist=True)
    column = ArticleFactory(section=section("columnists"), authors=[columnist])
    news = ArticleFactory(section=section("news"))
    for article in (column, news):
        page = client.get(article.get_absolute_url()).content.decode()
        assert "Have you got a story to tell?" in page
        assert "Would you like to become an NHE columnist?" in page
        assert f'href="{reverse("columnists:apply")}">pitch us a column</a>' in page


def test_related_articles_prefer_editor_picks_then_same_section(client):
    article = ArticleFactory(title="Main story")
    picked = ArticleFactory(title="Picked by the editor", section=section("the-scalpel"))
    ArticleFactory(title="From the same section")
    article.related.add(picked)
    page = client.get(article.get_absolute_url()).content.decode()
    related = page.split('id="related-heading"')[1]
    assert related.index("Picked by the editor") < related.index("From the same section")


def test_comments_region_says_when_comments_are_closed(client):
    article = ArticleFactory(comments_open=False)
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'id="comments"' in page
    assert "Comments are closed for this article." in page


def test_author_page_lists_their_pieces_and_profile(client):
    author = AuthorFactory(
        name="Sam Reporter", bio="Covers workforce.", links="https://example.org/sam"
    )
    ArticleFactory(title="Sam's story", authors=[author])
    ArticleFactory(title="Someone else's story")
    page = client.get(author.get_absolute_url()).content.decode()
    assert "Sam Reporter" in page and "Covers workforce." in page
    assert "Sam&#x27;s story" in page
    assert "Someone else" not in page
    assert 'href="https://example.org/sam"' in page


def test_columnists_directory_lists_columnists_with_latest_pieces(client):
    columnist = AuthorFactory(is_columnist=True, name="Dr Columnist", role_line="GP partner")
    for n in range(4):
        ArticleFactory(
            title=f"Column {n}",
            authors=[columnist],
            publish_at=datetime(2026, 1, 1 + n, tzinfo=UTC),
        )
    AuthorFactory(is_columnist=False, name="Staff Reporter")
    page = client.get(reverse("columnists:directory")).content.decode()
    assert "Dr Columnist" in page and "GP partner" in page
    assert "Column 3" in page and "Column 1" in page
    assert "Column 0" not in page  # only the latest three
    assert "Staff Reporter" not in page


@pytest.mark.parametrize("page_param", ["0", "abc", "-1", "99999", "1.5", "", "%00"])
def test_pagination_never_fails_on_odd_page_numbers(client, page_param):
    for n in range(25):
        ArticleFactory(
            title=f"Listed story {n}",
            publish_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n),
        )
    response = client.get(reverse("articles:news"), {"page": page_param})
    assert response.status_code == 200
    assert "Listed story" in response.content.decode()


def test_pagination_walks_from_newest_to_oldest(client):
    for n in range(25):
        ArticleFactory(
            title=f"Listed story {n:02}",
            publish_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n),
        )
    first = client.get(reverse("articles:news")).content.decode()
    second = client.get(reverse("articles:news"), {"page": 2}).content.decode()
    assert "Listed story 24" in first and "Listed story 04" not in first
    assert "Listed story 04" in second and "Listed story 24" not in second
    assert "Page 1 of 2" in first and 'rel="next" href="?page=2"' in first


@pytest.mark.parametrize(
    "url",
    [
        "/no-such-page/",
        "/news/no-such-section/",
        "/news/news/no-such-story/",
        "/authors/nobody/",
        "/tags/nothing/",
    ],
)
def test_unknown_addresses_answer_with_the_sites_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_old_address_redirects_after_slug_change(client):
    article = ArticleFactory(title="First headline")
    old_url = article.get_absolute_url()
    article.slug = "better-headline"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_old_address_redirects_after_section_change_and_chains_collapse(client):
    article = ArticleFactory(title="Moving story")
    first_url = article.get_absolute_url()
    article.section = section("featured")
    article.save()
    article.slug = "moved-again"
    article.save()
    final_url = article.get_absolute_url()
    assert client.get(first_url)["Location"] == final_url
    assert client.get("/news/featured/moving-story/")["Location"] == final_url
    assert client.get(final_url).status_code == 200


def test_drafts_leave_no_redirects_behind():
    article = ArticleFactory(status="draft")
    article.slug = "renamed-draft"
    article.save()
    assert not Redirect.objects.exists()


def test_server_error_answers_with_the_sites_500_page(client, settings):
    settings.ROOT_URLCONF = "tests.nhe.failing_urls"
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_article_topics_are_listed_in_alphabetical_order(client):
    article = ArticleFactory()
    article.tags.add("Workforce", "finance", "Adult care")
    page = client.get(article.get_absolute_url()).text
    topics = page[page.index('aria-label="Topics"') :]
    assert topics.index(">Adult care<") < topics.index(">finance<") < topics.index(">Workforce<")
    meta = [line for line in page.splitlines() if 'property="article:tag"' in line]
    assert [line.split('content="')[1].split('"')[0] for line in meta] == [
        "Adult care",
        "finance",
        "Workforce",
    ]
