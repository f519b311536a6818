"""Properties that must hold for any input at all, searched for with hypothesis."""

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.urls import resolve, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.models import Article, video_embed_url
from articles.sanitise import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_html
from tests.factories import ArticleFactory

HOSTILE_PIECES = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js>", "<scr<script>ipt>",
    "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<svg><script>1</script></svg>",
    '<a href="javascript:alert(1)">', '<a href="JaVaScRiPt:alert(1)">', '<a href=" javascript:x">',
    '<a href="jav&#x09;ascript:x">', '<a href="jav\tascript:x">', '<a href="&#106;avascript:x">',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">', '<a href="vbscript:msgbox(1)">',
    '<a href="https://example.org/" onclick="x()">', '<p style="background:url(x)">',
    "<style>p{}</style>", "<iframe src=//evil>", "<object data=x>", "<math><mi>",
    '" onmouseover="alert(1)', "' onfocus='x", "<!--", "-->", "<![CDATA[", "]]>",
    "<table>", "<td>", "<p>", "</p>", "<a>", "</a>", "<b>", "<blockquote class=pull-quote>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<template>",
    "<form action=javascript:x>", "<input autofocus onfocus=x>", "<base href=//evil>",
    "&lt;script&gt;", "&", "<", ">", '"', "'", "\x00", "\u202e", "😀",
]  # fmt: skip
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
# nh3 (ammonia) allows these on every tag besides the per-tag lists, and adds rel to links.
GENERIC_ATTRIBUTES = {"title", "lang", "rel", "class"}

hostile_html = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=12)), max_size=12
).map("".join)


class Markup(HTMLParser):
    """Every tag and attribute in a piece of markup, as a browser's tokenizer sees them."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes = [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag


def scheme_of(url):
    squeezed = re.sub(r"[\x00-\x20]", "", unescape(url)).lower()
    return squeezed.split(":", 1)[0] + ":" if ":" in squeezed else ""


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_html)
@example('<a href="javascript:alert(1)">x</a><script>alert(1)</script>')
@example('<a href="javascript:alert(1)"><table><a href="javascript:alert(1)">')
def test_clean_html_output_is_a_fixed_point(html):
    once = clean_html(html)
    assert clean_html(once) == once


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_html)
@example('<img src=x onerror=alert(1)><a href=" JaVaScRiPt:x" style="x">y</a>')
def test_clean_html_output_carries_no_script_handlers_styles_or_dangerous_urls(html):
    cleaned = clean_html(html)
    assert "<script" not in cleaned.lower()
    assert "<style" not in cleaned.lower()
    markup = Markup(cleaned)
    assert set(markup.tags) <= ALLOWED_TAGS
    for tag, name, value in markup.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name != "style"
        assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES, (tag, name)
        if name == "href":
            assert scheme_of(value) not in DANGEROUS_SCHEMES, value


@pytest.mark.django_db
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
@example("")
@example("!!!")
@example("Ünïcödé — “quotes” & ‘more’ 北京")
def test_a_slug_made_from_any_title_is_a_valid_url_part(title):
    slug = Article(title=title)._unique_slug()
    assert re.fullmatch(r"[a-z0-9_]+(-[a-z0-9_]+)*", slug), slug
    assert len(slug) <= 200
    path = reverse("articles:article", kwargs={"section": "news", "slug": slug})
    assert resolve(path).kwargs["slug"] == slug


@pytest.mark.django_db
def test_articles_with_the_same_title_get_different_slugs():
    titles = ["Waiting lists fall", "Waiting lists fall!", "waiting-lists-fall"]
    slugs = {ArticleFactory(title=title, slug="").slug for title in titles}
    assert len(slugs) == len(titles)


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    page=st.one_of(
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.text(max_size=40),
        st.sampled_from(["last", "1.5", "1e9", "0x10", "NaN", "-0", " 2", "２", "¹", "%00"]),
    )
)
def test_any_page_parameter_gives_a_news_page_not_an_error(page):
    ArticleFactory()
    response = Client(raise_request_exception=False).get("/news/", {"page": page})
    assert response.status_code == 200


URL_PARTS = st.fixed_dictionaries(
    {
        "scheme": st.sampled_from(["https", "http", "javascript", "data", "HTTPS", "", "//"]),
        "host": st.sampled_from(
            [
                "youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "vimeo.com",
                "player.vimeo.com", "youtube.com.evil.example", "evil.example", "YOUTU.BE",
                "youtube.com@evil.example", "evil.example#youtube.com", "[::1]", "",
            ]
        ),
        "path": st.sampled_from(
            ["/watch", "/embed/", "/shorts/", "/live/", "/", "/video/", "/channels/x/", ""]
        ),
        "tail": st.text(max_size=30),
        "query": st.sampled_from(["", "?v=", "?v=dQw4w9WgXcQ", "?v=<script>", "?list=x&v="]),
    }
)  # fmt: skip


@given(st.one_of(st.text(max_size=80), URL_PARTS.map(
    lambda p: f"{p['scheme']}://{p['host']}{p['path']}{p['tail']}{p['query']}{p['tail']}"
)))  # fmt: skip
@example("https://youtu.be/dQw4w9WgXcQ")
@example("https://vimeo.com/١٢٣")
@example("https://youtu.be/é")
def test_a_video_address_only_ever_becomes_an_https_embed_on_the_two_players(url):
    embed = video_embed_url(url)
    if embed is None:
        return
    parsed = urlparse(embed)
    assert parsed.scheme == "https"
    assert parsed.hostname in {"www.youtube-nocookie.com", "player.vimeo.com"}
    assert re.fullmatch(r"/(embed/[A-Za-z0-9_-]{1,20}|video/[0-9]+)", parsed.path), embed
    assert embed.isascii()
