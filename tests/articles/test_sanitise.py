"""Editors' rich text against a corpus of hostile HTML: nothing dangerous reaches a reader."""

import html
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from articles.models import Article
from articles.sanitise import ALLOWED_ATTRIBUTES, ALLOWED_CLASSES, ALLOWED_TAGS, clean_html
from tests.articles.admin_forms import ADD_URL, article_form_data
from tests.factories import ArticleFactory, editor

CORPUS = [
    line
    for line in (Path(__file__).parent / "data" / "hostile_html.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
]
SAFE_SCHEMES = {"http", "https", "mailto", ""}


class Inspector(HTMLParser):
    """Collects every tag and attribute the cleaned markup would give a browser."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")

    def check_attribute(self, tag, name, value):
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}
        if name == "class":
            if not set(value.split()) <= ALLOWED_CLASSES.get(tag, set()):
                self.problems.append(f"class {value!r} on <{tag}>")
        elif name not in allowed:
            self.problems.append(f"attribute {name} on <{tag}>")
        if name in ("href", "src"):
            scheme = urlparse(html.unescape(value).strip()).scheme.lower()
            if scheme not in SAFE_SCHEMES:
                self.problems.append(f"{scheme}: URL")

    def handle_data(self, data):
        if "<script" in data.lower():
            self.problems.append("script text that a browser could read as markup")


def problems_in(markup):
    inspector = Inspector()
    inspector.feed(markup)
    inspector.close()
    return inspector.problems


def test_corpus_is_not_empty():
    assert len(CORPUS) > 40


@pytest.mark.parametrize("hostile", CORPUS)
def test_hostile_html_is_made_harmless(hostile):
    cleaned = clean_html(hostile)
    assert problems_in(cleaned) == [], cleaned
    lowered = html.unescape(cleaned).lower()
    for marker in ("<script", "javascript:", "vbscript:", "data:", "style=", "onerror", "onload"):
        assert marker not in lowered, (marker, cleaned)


def test_the_formatting_editors_use_survives():
    markup = (
        "<h2>Heading</h2><p><strong>Bold</strong> <em>italic</em> "
        '<a href="https://www.nhs.uk/">link</a></p><ul><li>one</li></ul><ol><li>two</li></ol>'
        '<blockquote>quote</blockquote><blockquote class="pull-quote">pull quote</blockquote>'
    )
    cleaned = clean_html(markup)
    for kept in (
        "<h2>Heading</h2>",
        "<strong>Bold</strong>",
        "<em>italic</em>",
        'href="https://www.nhs.uk/"',
        "<ul><li>one</li></ul>",
        "<ol><li>two</li></ol>",
        "<blockquote>quote</blockquote>",
        '<blockquote class="pull-quote">pull quote</blockquote>',
    ):
        assert kept in cleaned


@pytest.mark.django_db
def test_a_hostile_body_is_cleaned_when_saved_from_the_model(client):
    article = ArticleFactory(body='<p onclick="x()">Hi</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"
    page = client.get(article.get_absolute_url()).content.decode()
    assert "alert(1)" not in page


@pytest.mark.django_db
def test_a_hostile_body_posted_through_admin_is_cleaned(client):
    from articles.models import Section

    client.force_login(editor())
    data = article_form_data(
        section=str(Section.objects.get(slug="news").pk),
        body='<p style="color:red">Text<img src=x onerror=alert(1)></p>'
        '<a href="javascript:alert(1)">link</a>',
    )
    assert client.post(ADD_URL, data).status_code == 302
    body = Article.objects.get(title=data["title"]).body
    assert problems_in(body) == []
    assert "Text" in body
    assert "javascript" not in body and "onerror" not in body and "style" not in body


@pytest.mark.django_db
def test_the_editor_assets_are_served_by_us_without_inline_script(client):
    client.force_login(editor())
    page = client.get(ADD_URL).content.decode()
    assert "/static/django_prose_editor/" in page
    assert "data-django-prose-editor-configurable" in page
    # The import map is the only inline script, and it carries the request's CSP nonce.
    assert '<script type="importmap" nonce="' in page
