"""Secret tokens in URLs (pitch status pages, share links, unsubscribe links) of the wrong
shape answer the site's 404 page before any query looks them up."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.columnists.factories import PitchFactory
from tests.comments.factories import CommentFactory
from tests.factories import ShareLinkFactory

pytestmark = pytest.mark.django_db

MALFORMED = [
    "%00",
    "abc%00def",
    "%00" * 40,
    "%FF%FE",
    "%C3%A9t%C3%A9",
    "a%20b",
    "%3Cscript%3E",
    "x" * 400,
]

LOOKUPS = {
    "/columnists/pitches/{}/": "columnists_pitch",
    "/preview/{}/": "articles_sharelink",
    "/comments/unsubscribe/{}/": "comments_comment",
}


@pytest.mark.parametrize("token", MALFORMED)
@pytest.mark.parametrize("route", LOOKUPS)
def test_a_malformed_token_is_not_found_without_a_lookup(client, route, token):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(route.format(token))
    assert response.status_code == 404
    assert "Page not found" in response.text
    table = LOOKUPS[route]
    assert not [query for query in queries if table in query["sql"]]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_nul_byte_in_a_pitch_status_address_is_a_404_not_a_500(client, method):
    PitchFactory()
    response = getattr(client, method)("/columnists/pitches/%00/")
    assert response.status_code == 404


def test_well_formed_tokens_still_open_their_pages(client):
    pitch = PitchFactory(pitch_title="A column on waiting lists")
    assert "A column on waiting lists" in client.get(pitch.get_status_url()).text
    link = ShareLinkFactory(article__title="An unpublished piece")
    assert "An unpublished piece" in client.get(link.get_absolute_url()).text
    from comments.notifications import unsubscribe_token

    comment = CommentFactory(notify_replies=True)
    response = client.get(f"/comments/unsubscribe/{unsubscribe_token(comment)}/")
    assert response.status_code == 200
