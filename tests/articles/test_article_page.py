"""Under every article, as on the reference page: the columnist call, the comments, then the
site's blocks in the reference's order, never listing the article itself."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Section
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db

BLOCKS_IN_ORDER = [
    ("NHE TV", "More videos", "/news/nhe-tv/"),
    ("Featured articles", "View all news", "/news/"),
    ("Last word", "More Last word articles", "/news/last-word/"),
    ("Health service focus", "More from Health service focus", "/news/health-service-focus/"),
    ("The Scalpel", "Read more blog posts from The Scalpel", "/news/the-scalpel/"),
]


def section(slug):
    return Section.objects.get(slug=slug)


@pytest.fixture
def site():
    """A piece in every block, the newest of each first."""
    return {
        "video": ArticleFactory(title="Video: inside a virtual ward", section=section("nhe-tv")),
        "featured": ArticleFactory(title="A featured long read", is_featured=True),
        "interview": ArticleFactory(
            title="The Last Word: a chief nurse", section=section("last-word")
        ),
        "focus": ArticleFactory(title="Focus on estates", section=section("health-service-focus")),
        "blog": ArticleFactory(title="The Scalpel on targets", section=section("the-scalpel")),
        "news": ArticleFactory(title="Ambulance handovers improve", section=section("news")),
    }


def under_the_article(page):
    """The page after the comments: the site's blocks."""
    return page.split('class="site-blocks"', 1)[1]


def test_the_call_the_comments_and_the_blocks_follow_the_body_in_the_reference_order(client, site):
    page = client.get(site["news"].get_absolute_url()).text
    body = page.index('class="article__body')
    call = page.index("Have you got a story to tell?")
    comments = page.index('id="comments"')
    empty = page.index("There are no comments. Why not be the first?")
    blocks = page.index('class="site-blocks"')
    assert body < call < comments < empty < blocks
    rest = under_the_article(page)
    headings = re.findall(r'<h2 class="block__title"[^>]*>([^<]*)</h2>', rest)
    assert headings == [heading for heading, _, _ in BLOCKS_IN_ORDER]
    for heading, more, url in BLOCKS_IN_ORDER:
        assert f'<a class="block__more" href="{url}">{more}&nbsp;<span' in rest, heading
    for title in ("Video: inside a virtual ward", "A featured long read", "Focus on estates"):
        assert f">{title}</a></h3>" in rest, title


@pytest.mark.parametrize("kind", ["video", "featured", "interview", "focus", "blog"])
def test_an_article_is_never_listed_under_itself(client, site, kind, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600  # the blocks come from the cache shared by all pages
    article = site[kind]
    assert f">{article.title}</a></h3>" in under_the_article(
        client.get(site["news"].get_absolute_url()).text
    )
    page = client.get(article.get_absolute_url()).text
    assert f">{article.title}</a>" not in under_the_article(page)
    assert f">{article.title}</a>" not in page.split('class="article-sidebar"', 1)[1]


def test_a_block_keeps_its_length_when_the_article_is_left_out(client):
    tv = section("nhe-tv")
    videos = [ArticleFactory(title=f"Video number {n}", section=tv) for n in range(6)]
    newest = videos[-1]
    for article in (videos[0], newest):
        rest = under_the_article(client.get(article.get_absolute_url()).text)
        tv = rest.split('id="block-nhe-tv"', 1)[1].split("</section>", 1)[0]
        assert tv.count('class="teaser__title"') == 4
    tv = under_the_article(client.get(newest.get_absolute_url()).text)
    assert "Video number 5<" not in tv and "Video number 1<" in tv


def test_the_sidebar_has_most_read_videos_and_the_latest_blog_posts(client, site):
    page = client.get(site["news"].get_absolute_url()).text
    sidebar = page.split('class="article-sidebar"', 1)[1].split('class="site-blocks"', 1)[0]
    assert ">Latest from NHE TV</h2>" in sidebar
    assert ">Latest from The Scalpel</h2>" in sidebar
    assert "The Scalpel on targets" in sidebar


def test_blocks_cost_no_query_on_another_article_once_cached(client, site, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    client.get(site["news"].get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        page = client.get(site["focus"].get_absolute_url()).text
    sqls = [query["sql"] for query in queries]
    assert "A featured long read" in under_the_article(page)
    assert not any('ORDER BY "articles_article"."featured_order"' in sql for sql in sqls), sqls
    assert not any(sql.startswith('SELECT "articles_section"') for sql in sqls), sqls


def test_the_front_page_and_the_article_page_share_the_block_markup(client, site):
    ArticleFactory(title="Top", is_featured=True, featured_order=0, lead_image=ImageFactory())
    front = client.get(reverse("articles:home")).text
    article = client.get(site["news"].get_absolute_url()).text
    for page in (front, article):
        assert '<h2 class="block__title" id="block-the-scalpel">The Scalpel</h2>' in page
        assert "Read more blog posts from The Scalpel&nbsp;<span" in page
    assert "More The Scalpel" not in front
