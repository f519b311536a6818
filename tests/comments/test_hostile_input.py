"""Hostile input through every field: inert on the page and in admin, never a 500, never
stored truncated."""

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment

from .factories import CommentFactory, form_token

pytestmark = pytest.mark.django_db

CORPUS = json.loads((Path(__file__).parent / "hostile_inputs.json").read_text())
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


class ActiveMarkup(HTMLParser):
    """Collects whatever in a page could run: scripts, handlers, dangerous links."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "style"):
            harmless_script = tag == "script" and (
                attributes.get("src")
                or attributes.get("type") in ("application/json", "application/ld+json")
            )
            if not harmless_script:
                self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src", "action", "formaction") and value:
                squeezed = "".join(value.split()).lower()
                if squeezed.startswith(DANGEROUS_SCHEMES):
                    self.found.append(f"{tag} {name}={value}")


def active_markup(html):
    parser = ActiveMarkup()
    parser.feed(html)
    return parser.found


def encode(data):
    """A urlencoded body that can carry what a hostile client sends, lone surrogates too."""
    return "&".join(
        f"{key}={quote_plus(value.encode('utf-8', 'surrogatepass'))}"
        for key, value in data.items()
    )


def post_raw(client, article, **fields):
    data = {
        "name": "Hostile Tester",
        "email": "tester@example.org",
        "body": "An ordinary body.",
        "token": form_token(article),
        "website": "",
        **fields,
    }
    return client.post(
        reverse("comments:post", args=[article.pk]),
        encode(data),
        content_type="application/x-www-form-urlencoded",
    )


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.COMMENTS_RATE_PER_IP = 10_000
    settings.COMMENTS_RATE_PER_EMAIL = 10_000
    settings.COMMENTS_PREMODERATE = False
    settings.COMMENTS_MAX_LINKS = 100


@pytest.mark.parametrize("field", ["name", "email", "body"])
def test_every_hostile_value_in_every_field_is_inert_and_never_a_500(article, field):
    client = Client(raise_request_exception=True)
    for value in CORPUS:
        response = post_raw(client, article, **{field: value, "body": f"{value} ({field})"})
        assert response.status_code in (200, 302), (field, value)
        if response.status_code == 200:  # refused with a message; the page shows it again
            assert "There is a problem with your comment" in response.text
            assert active_markup(response.text) == [], (field, value)
    page = client.get(article.get_absolute_url())
    assert active_markup(page.text) == []


def test_stored_values_are_byte_for_byte_what_was_sent(article):
    client = Client()
    for value in CORPUS:
        body = f"{value} end"
        response = post_raw(client, article, body=body)
        if response.status_code == 302:
            stored = Comment.objects.latest("pk").body
            encodable = not any(0xD800 <= ord(c) <= 0xDFFF for c in body)
            if encodable:
                assert stored == body.strip(), value
        else:
            assert response.status_code == 200


def test_over_long_input_is_refused_not_truncated(article, settings):
    response = post_raw(Client(), article, body="\U0001f600" * (settings.COMMENTS_MAX_LENGTH + 1))
    assert response.status_code == 200
    assert "Please shorten your comment" in response.text
    assert not Comment.objects.exists()


def test_a_nul_byte_is_refused_with_a_message(article):
    response = post_raw(Client(), article, body="nul\x00byte")
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.text


def test_direction_controls_in_a_name_are_refused(article):
    response = post_raw(Client(), article, name="Admin\u202e")
    assert "control or text-direction characters" in response.text


def test_hostile_comments_are_inert_on_the_page_and_in_admin(client, admin_user, article):
    for value in CORPUS:
        if "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            continue
        CommentFactory(article=article, name=value[:80], body=value)
        CommentFactory(article=article, name="Reader", body=value, status="pending")
    assert active_markup(client.get(article.get_absolute_url()).text) == []
    client.force_login(admin_user)
    changelist = client.get("/admin/comments/comment/?all=")
    assert changelist.status_code == 200
    assert active_markup(changelist.text) == []
    for comment in Comment.objects.all()[:60]:
        page = client.get(f"/admin/comments/comment/{comment.pk}/change/")
        assert active_markup(page.text) == [], comment.body
