"""Every URL pattern the resolver knows, fed malformed path segments and query parameters:
NUL bytes, bytes that are not UTF-8, overlong values, numbers beyond any integer column,
negative numbers and digits of other scripts. A public page answers 400 or 404 (or the
redirect an old address gets), the admin its sign-in redirect or its own refusal; never a 500.

The patterns come from the URL resolver, so a route added later is swept without a change
here; a placeholder whose name is not in VALID gets "1" when another one is under test.
"""

import itertools
import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.columnists.factories import PitchFactory
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory, ShareLinkFactory, UserFactory

pytestmark = pytest.mark.django_db

# Route placeholders (<int:pk>), named regex groups (?P<app_label>...) and unnamed ones ([^/]+).
PLACEHOLDER = re.compile(r"<(?:[^>:]+:)?(\w+)>|\(\?P<(\w+)>[^()]*\)|\((?!\?)[^()]*\)")

MALFORMED = [
    "%00", "abc%00def", "%00" * 40,  # NUL bytes, which PostgreSQL refuses in any text
    "%FF", "%C0%AF", "%ED%A0%80", "%FF%FEabc",  # not UTF-8: a stray byte, overlong, a surrogate
    "x" * 2000, "-".join(["a"] * 300),  # overlong
    "99999999999999999999", "9223372036854775808", "2147483648",  # beyond int8, int4
    "-1", "-9223372036854775809", "0", "1.5", "1e9", "0x10",
    "%D9%A3", "%EF%BC%91", "%E0%A5%A7%E0%A5%A8",  # Arabic-Indic 3, fullwidth 1, Devanagari 12
    "%0A", "%0D%0A", "%20", "%09", "%2e%2e", "%2F%2Fevil.example", "%3Cscript%3E", "'%20OR%201=1",
]  # fmt: skip

# The admin has many more pages, each slower: these stand for the kinds above there.
MALFORMED_FOR_ADMIN = [
    "%00", "%FF", "%ED%A0%80", "x" * 2000, "99999999999999999999", "-1", "1.5", "%EF%BC%91",
    "%0A",
]  # fmt: skip

# Every query parameter a page or the admin reads, and what crawlers commonly try.
PARAMETERS = [
    "page", "q", "comments", "reply_to", "section", "from_date", "to_date", "next", "from",
    "to", "weeks", "o", "p", "e", "all", "_changelist_filters", "_popup", "_to_field", "id",
]  # fmt: skip


def url_templates(patterns=None, prefix=""):
    """Each URL pattern as a path with {name} slots, in the resolver's order."""
    unnamed = itertools.count()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern).removeprefix("^").removesuffix("$").replace("\\", "")
        route = PLACEHOLDER.sub(
            lambda match: "{%s}" % (match[1] or match[2] or f"arg{next(unnamed)}"), route
        )
        if isinstance(entry, URLResolver):
            yield from url_templates(entry.url_patterns, prefix + route)
        else:
            yield "/" + prefix + route


TEMPLATES = sorted(set(url_templates()))
PUBLIC = [template for template in TEMPLATES if not template.startswith("/admin/")]
ADMIN = [template for template in TEMPLATES if template.startswith("/admin/")]


def slots(template):
    return re.findall(r"{(\w+)}", template)


@pytest.fixture
def valid(default_sections):
    """A real value for each placeholder name, so that the one under test is reached."""
    author = AuthorFactory()
    article = ArticleFactory(authors=[author])
    article.tags.add("waiting lists")
    CommentFactory(article=article)
    PitchFactory()
    return {
        "section": article.section.slug,
        "slug": article.slug,
        "pk": str(article.pk),
        "article_id": str(article.pk),
        "object_id": str(article.pk),
        "token": ShareLinkFactory(article=article).token,
        "app_label": "articles",
    }


def filled(template, valid, **under_test):
    return template.format(**{name: valid.get(name, "1") for name in slots(template)} | under_test)


def hostile_paths(templates, valid, values=MALFORMED):
    for template in templates:
        for name in slots(template):
            for segment in values:
                yield template, name, segment, filled(template, valid, **{name: segment})


# What a browser on our own pages sends, so that posts get past the cross-site check.
SAME_ORIGIN = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}


def get_or_post(client, path):
    """GET the address, and POST to it too when it takes only posts (forms, the read beacon)."""
    response = client.get(path)
    if response.status_code == 405:
        response = client.post(path, headers=SAME_ORIGIN)
    return response


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_sweep_reaches_every_kind_of_route():
    for expected in [
        "/news/{section}/{slug}/",
        "/read/{pk}/",
        "/comments/article/{article_id}/",
        "/columnists/pitches/{token}/",
        "/feeds/sections/{slug}/atom/",
        "/sitemap-{section}.xml",
        "/healthz",
        "/admin/login/",
        "/admin/articles/article/{object_id}/history/",
    ]:
        assert expected in TEMPLATES


def test_malformed_segments_of_public_addresses_are_not_found(client, valid):
    failures = [
        (template, name, segment[:24], response.status_code)
        for template, name, segment, path in hostile_paths(PUBLIC, valid)
        if (response := get_or_post(client, path)).status_code not in {301, 400, 404}
    ]
    assert failures == []


def test_malformed_segments_of_admin_addresses_never_cause_a_server_error(client, valid):
    failures = [
        (template, name, segment[:24], status)
        for template, name, segment, path in hostile_paths(ADMIN, valid, MALFORMED_FOR_ADMIN)
        if (status := client.get(path).status_code) >= 500
    ]
    assert failures == []


def test_malformed_segments_of_admin_addresses_never_err_for_an_editor(editor_client, valid):
    failures = [
        (template, name, segment[:24], status)
        for template, name, segment, path in hostile_paths(ADMIN, valid, MALFORMED_FOR_ADMIN)
        if (status := get_or_post(editor_client, path).status_code) >= 500
    ]
    assert failures == []


def query(value):
    return "&".join(f"{name}={value}" for name in PARAMETERS)


@pytest.mark.parametrize("signed_in", [False, True], ids=["reader", "editor"])
def test_malformed_query_parameters_never_cause_a_server_error(client, valid, signed_in):
    if signed_in:
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    # The admin's pages for one object are covered above; its lists and forms are here.
    cases = [(template, MALFORMED) for template in PUBLIC] + [
        (template, MALFORMED_FOR_ADMIN) for template in ADMIN if not slots(template)
    ]
    failures = []
    for template, values in cases:
        path = filled(template, valid)
        for value in values:
            status = client.get(f"{path}?{query(value)}").status_code
            if status >= 500:
                failures.append((path, value[:24], status))
    assert failures == []


def test_malformed_sign_in_fields_are_a_form_error(client):
    for value in MALFORMED:
        response = client.post(
            "/admin/login/",
            f"username={value}&password={value}&next={value}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200, value
        assert "<title>Error: Log in" in response.text


def percent_encoded(text):
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


segments = st.one_of(
    st.sampled_from(MALFORMED),
    st.text(max_size=60).map(percent_encoded),
    st.binary(min_size=1, max_size=30).map(lambda data: quote(data, safe="")),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)


@given(template=st.sampled_from(TEMPLATES), segment=segments, data=st.data())
@example(template="/read/{pk}/", segment="%00", data=None)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_segment_in_any_route_never_causes_a_server_error(
    editor_client, valid, template, segment, data
):
    names = slots(template)
    under_test = {}
    if names:
        name = data.draw(st.sampled_from(names)) if data is not None else names[0]
        under_test = {name: segment}
    path = filled(template, valid, **under_test)
    response = get_or_post(editor_client, f"{path}?{query(segment)}")
    assert response.status_code < 500, path
