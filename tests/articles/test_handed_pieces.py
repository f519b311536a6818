"""A writer handed a colleague's piece (by an editor, or at a hand-over) works on it as on
their own: it is on their desk, they can open, change and submit it."""

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import DraftFactory, writer

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam():
    return writer(username="sam", first_name="Sam", last_name="Jones")


@pytest.fixture
def wendy():
    return writer(username="wendy", first_name="Wendy", last_name="Ward")


def test_a_writer_handed_a_colleagues_draft_sees_it_on_their_desk_and_in_the_list(
    client, sam, wendy
):
    DraftFactory(title="Sam's own piece", created_by=sam)
    DraftFactory(title="Handed to Wendy", created_by=sam, assignee=wendy)
    client.force_login(wendy)

    desk = client.get("/admin/").content.decode()
    listing = client.get("/admin/articles/article/").content.decode()

    assert "Handed to Wendy" in desk and "Handed to Wendy" in listing
    assert "Sam's own piece" not in desk and "Sam's own piece" not in listing


def test_a_writer_handed_a_draft_can_change_and_submit_it(client, sam, wendy):
    article = DraftFactory(title="Handed over", created_by=sam, assignee=wendy)
    client.force_login(wendy)

    page = client.get(change_url(article)).content.decode()
    assert ">Submit for review</button>" in page

    data = article_form_data(article, title="Handed over, finished")
    response = client.post(change_url(article), {**data, "_workflow": "submit"}, follow=True)

    article.refresh_from_db()
    assert article.title == "Handed over, finished"
    assert article.status == Article.Status.REVIEW
    assert "Submitted for review." in response.content.decode()


def test_a_colleagues_piece_not_handed_over_is_still_not_theirs(client, sam, wendy):
    article = DraftFactory(title="Sam's scoop", created_by=sam, publish_at=timezone.now())
    client.force_login(wendy)

    response = client.get(change_url(article), follow=True)

    assert "is Sam Jones’s piece, not yours" in response.content.decode()
