"""Security headers on every kind of response, scored as the Mozilla HTTP Observatory would.

The Observatory's deductions are mirrored by `observatory_problems`: a response passes when
that list is empty. Requests are made over https (`secure=True`), as the site is served.
"""

from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SIX_MONTHS = 15_768_000
GOOD_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


def parse_csp(policy):
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name.lower()] = values
    return directives


def observatory_problems(response):
    """What the Observatory would mark down in this https response (empty means A+)."""
    problems = []
    policy = response.headers.get("Content-Security-Policy")
    if not policy:
        problems.append("no Content-Security-Policy")
    else:
        csp = parse_csp(policy)
        scripts = csp.get("script-src", csp.get("default-src", []))
        if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts:
            problems.append("scripts allow unsafe-inline or unsafe-eval")
        if {"*", "http:", "https:", "data:"} & set(scripts):
            problems.append("scripts may come from any origin")
        if "'unsafe-inline'" in csp.get("style-src", csp.get("default-src", [])):
            problems.append("styles allow unsafe-inline")
        if csp.get("default-src") != ["'none'"] and csp.get("object-src") != ["'none'"]:
            problems.append("neither default-src nor object-src is 'none'")
        if csp.get("frame-ancestors") != ["'none'"]:
            problems.append("frame-ancestors is not 'none'")
        if "base-uri" not in csp or "form-action" not in csp:
            problems.append("base-uri or form-action missing")
    hsts = response.headers.get("Strict-Transport-Security", "")
    max_age = next(
        (int(p.split("=")[1]) for p in hsts.split(";") if p.strip().startswith("max-age")), 0
    )
    if max_age < SIX_MONTHS:
        problems.append(f"HSTS max-age {max_age} is under six months")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response.headers.get("X-Frame-Options") != "DENY":
        problems.append("no X-Frame-Options: DENY")
    if response.headers.get("Referrer-Policy") not in GOOD_REFERRER_POLICIES:
        problems.append("Referrer-Policy missing or leaky")
    if response.headers.get("Cross-Origin-Opener-Policy") != "same-origin":
        problems.append("no Cross-Origin-Opener-Policy: same-origin")
    if not response.headers.get("Permissions-Policy"):
        problems.append("no Permissions-Policy")
    for morsel in response.cookies.values():
        if not morsel["secure"]:
            problems.append(f"cookie {morsel.key} without Secure")
        if morsel["samesite"].lower() not in {"lax", "strict"}:
            problems.append(f"cookie {morsel.key} without SameSite")
        if not morsel["httponly"]:
            problems.append(f"cookie {morsel.key} without HttpOnly")
    return problems


def test_a_page_scores_full_marks(client, default_sections):
    assert observatory_problems(client.get("/", secure=True)) == []


def test_an_article_page_scores_full_marks(client):
    article = ArticleFactory()
    response = client.get(article.get_absolute_url(), secure=True)
    assert response.status_code == 200
    assert observatory_problems(response) == []


def test_the_404_page_scores_full_marks(client):
    response = client.get("/no-such-page/", secure=True)
    assert response.status_code == 404
    assert observatory_problems(response) == []


def test_the_500_page_scores_full_marks(settings):
    settings.ROOT_URLCONF = "tests.nhe.failing_urls"
    response = Client(raise_request_exception=False).get("/boom/", secure=True)
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert observatory_problems(response) == []


def test_the_admin_login_page_and_its_cookie_score_full_marks(client):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert observatory_problems(response) == []


def test_signing_in_sets_a_session_cookie_that_scores_full_marks(client):
    get_user_model().objects.create_user("desk", password="a long passphrase", is_staff=True)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "desk", "password": "a long passphrase", "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_NAME in response.cookies
    assert observatory_problems(response) == []
    assert observatory_problems(client.get("/admin/", secure=True)) == []


def test_static_files_from_whitenoise_score_full_marks(client):
    response = client.get("/static/css/site.css", secure=True)
    assert response.status_code == 200
    assert observatory_problems(response) == []
    assert "nonce-" not in response["Content-Security-Policy"]


@pytest.mark.urls("tests.nhe.media_urls")
def test_media_files_score_full_marks(client, _media_root):
    Path(_media_root).mkdir(parents=True, exist_ok=True)
    Path(_media_root, "picture.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    response = client.get("/media/picture.jpg", secure=True)
    assert response.status_code == 200
    assert observatory_problems(response) == []


def test_the_health_check_scores_full_marks(client):
    assert observatory_problems(client.get("/healthz", secure=True)) == []


def test_plain_http_is_redirected_to_https_on_the_same_host(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/news/?page=2", headers={"host": "localhost"})
    assert response.status_code == 301
    assert response["Location"] == "https://localhost/news/?page=2"


def test_a_forged_forwarded_proto_is_not_trusted_unless_configured(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/news/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 301


def test_public_pages_carry_no_nonce_so_a_cached_copy_stays_valid(client, default_sections):
    """A page cached whole must not replay a nonce: ours never ask for one."""
    article = ArticleFactory()
    for path in ["/", "/news/", article.get_absolute_url(), "/no-such-page/"]:
        first, second = client.get(path), client.get(path)
        assert "nonce-" not in first["Content-Security-Policy"], path
        assert first["Content-Security-Policy"] == second["Content-Security-Policy"], path
        assert b"nonce=" not in first.content, path


def test_unknown_hosts_are_refused(client):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_no_page_template_uses_inline_script_style_or_event_handlers():
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        if "email" in template.parent.parts:
            # Emails are read in mail programs, which take styles only inline; no page
            # of ours includes them (the admin's preview frames one under a policy of its own).
            continue
        text = template.read_text()
        assert " style=" not in text, template
        assert "<style" not in text, template
        assert " onclick=" not in text and " onload=" not in text, template
        for chunk in text.split("<script")[1:]:
            opening = chunk.split(">")[0]
            # Structured data is never executed; anything that runs is a file of ours, so
            # that a page cached whole needs no per-request nonce.
            assert 'type="application/ld+json"' in opening or " src=" in opening, template


def test_the_cookie_parser_used_above_sees_missing_flags():
    """The scoring helper itself catches a cookie without its flags."""

    class Response:
        headers = {}
        cookies = SimpleCookie("sessionid=abc; Path=/")

    problems = observatory_problems(Response())
    assert "cookie sessionid without Secure" in problems
    assert "cookie sessionid without HttpOnly" in problems
    assert "no Content-Security-Policy" in problems
