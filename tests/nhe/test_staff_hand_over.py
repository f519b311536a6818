"""Deactivating a leaver: their unfinished work goes to a colleague, their bylines stay."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from articles.models import Article, Author, EditConflict
from columnists.models import Pitch
from tests.columnists.factories import PitchFactory
from tests.factories import ArticleFactory, AuthorFactory, DraftFactory, UserFactory, writer
from tests.nhe.staff import PASSWORD, superuser

pytestmark = pytest.mark.django_db

USERS = "/admin/auth/user/"


@pytest.fixture
def desk(client):
    user = superuser()
    client.force_login(user)
    return user


@pytest.fixture
def leaver(default_roles):
    return UserFactory(
        username="lee", first_name="Lee", last_name="Leaver", password=PASSWORD, roles=["Writer"]
    )


@pytest.fixture
def colleague(default_roles):
    return UserFactory(username="cat", first_name="Cat", last_name="Colleague", roles=["Editor"])


@pytest.fixture
def work(leaver):
    """Two drafts, one in review, one published piece; assignments; pitches open and decided."""
    byline = AuthorFactory(name="Lee Leaver", user=leaver)
    other = UserFactory(username="other")
    drafts = [
        DraftFactory(created_by=leaver, authors=[byline]),
        DraftFactory(created_by=leaver, status=Article.Status.REVIEW),
    ]
    published = ArticleFactory(created_by=leaver, authors=[byline], assignee=None)
    assigned = [DraftFactory(created_by=other, assignee=leaver), drafts[0]]
    Article.objects.filter(pk=drafts[0].pk).update(assignee=leaver)
    open_pitch = PitchFactory(assigned_to=leaver, status=Pitch.Status.IN_REVIEW)
    decided = PitchFactory(assigned_to=leaver, status=Pitch.Status.DECLINED)
    return {
        "byline": byline,
        "drafts": drafts,
        "published": published,
        "assigned": assigned,
        "open_pitch": open_pitch,
        "decided": decided,
        "other": other,
    }


def hand_over_page(leaver):
    return f"{USERS}{leaver.pk}/hand-over/"


def test_the_action_leads_to_the_hand_over_page(client, desk, leaver):
    response = client.post(
        USERS, {"action": "hand_over_work", "_selected_action": [leaver.pk]}, follow=True
    )
    assert response.redirect_chain == [(hand_over_page(leaver), 302)]
    assert b"Deactivate Lee Leaver (lee) and hand over their work" in response.content


def test_the_action_takes_one_leaver_at_a_time(client, desk, leaver, colleague):
    response = client.post(
        USERS,
        {"action": "hand_over_work", "_selected_action": [leaver.pk, colleague.pk]},
        follow=True,
    )
    assert b"Choose one person at a time" in response.content
    leaver.refresh_from_db()
    assert leaver.is_active


def test_the_page_says_what_will_move_and_what_stays(client, desk, leaver, colleague, work):
    page = client.get(hand_over_page(leaver))
    content = page.content.decode()
    assert "2 unpublished pieces they started" in content
    assert "2 pieces assigned to them" in content
    assert "1 open pitch assigned to them" in content
    assert "Their bylines stay as they are" in content
    options = [str(choice[1]) for choice in page.context["form"]["successor"].field.choices]
    assert "Cat Colleague (cat)" in options
    assert "Lee Leaver (lee)" not in options


def test_handing_over_moves_the_work_and_closes_the_account(client, desk, leaver, colleague, work):
    leaver_client = Client()
    leaver_client.force_login(leaver)
    response = client.post(hand_over_page(leaver), {"successor": colleague.pk}, follow=True)
    assert response.redirect_chain == [(USERS, 302)]
    assert (
        "Lee Leaver (lee) is deactivated and signed out everywhere. 2 drafts, 2 assignments "
        "and 1 open pitch went to Cat Colleague (cat). Their bylines are unchanged."
    ) in response.content.decode()

    leaver.refresh_from_db()
    assert not leaver.is_active
    for draft in work["drafts"]:
        draft.refresh_from_db()
        assert draft.created_by == colleague
    for piece in work["assigned"]:
        piece.refresh_from_db()
        assert piece.assignee == colleague
    assert Article.objects.get(pk=work["assigned"][0].pk).created_by == work["other"]
    work["published"].refresh_from_db()
    assert work["published"].created_by == leaver, "published work is not unfinished"
    assert list(work["published"].authors.all()) == [work["byline"]]
    assert Author.objects.get(pk=work["byline"].pk).user == leaver
    assert Pitch.objects.get(pk=work["open_pitch"].pk).assigned_to == colleague
    assert Pitch.objects.get(pk=work["decided"].pk).assigned_to == leaver
    revision = Article.history.filter(id=work["drafts"][0].pk).latest()
    assert revision.history_change_reason == "Handed over from Lee Leaver to Cat Colleague"
    assert revision.version == work["drafts"][0].version

    assert leaver_client.get("/admin/").status_code == 302, "their session has ended"
    response = Client().post(
        "/admin/login/",
        {"username": "lee", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 200, "an inactive account cannot sign in"


def test_an_edit_opened_before_the_hand_over_does_not_give_the_work_back(
    desk, leaver, colleague, work
):
    from nhe import staff

    opened = [Article.objects.get(pk=piece.pk) for piece in work["drafts"] + work["assigned"]]
    staff.deactivate_and_hand_over(leaver=leaver, successor=colleague)
    for copy in opened:
        with pytest.raises(EditConflict), transaction.atomic():
            copy.check_version(copy.version)


@pytest.mark.parametrize("who", ["leaver", "inactive", "nobody", "empty", "script"])
def test_a_bad_colleague_is_refused_and_nothing_changes(client, desk, leaver, work, who):
    inactive = UserFactory(username="gone", is_active=False)
    choice = {
        "leaver": leaver.pk,
        "inactive": inactive.pk,
        "nobody": 987654,
        "empty": "",
        "script": "<script>alert(1)</script>",
    }[who]
    response = client.post(hand_over_page(leaver), {"successor": choice})
    assert response.status_code == 200
    content = response.content.decode()
    expected = (
        "Choose the colleague who takes over their work."
        if who == "empty"
        else "Choose an active colleague other than the person who is leaving."
    )
    assert expected in content
    assert "<script>alert(1)" not in content
    leaver.refresh_from_db()
    assert leaver.is_active
    assert Article.objects.filter(created_by=leaver).count() == 3
    assert Article.objects.filter(assignee=leaver).count() == 2
    assert Pitch.objects.filter(assigned_to=leaver).count() == 2


def test_the_rule_refuses_a_bad_colleague_whoever_calls_it(leaver, work):
    from django.core.exceptions import ValidationError

    from nhe import staff

    inactive = UserFactory(username="gone", is_active=False)
    for successor in [leaver, inactive, None]:
        with pytest.raises(ValidationError):
            staff.deactivate_and_hand_over(leaver=leaver, successor=successor)
    leaver.refresh_from_db()
    assert leaver.is_active
    assert Article.objects.filter(created_by=leaver).count() == 3


def test_an_inactive_account_has_nothing_to_hand_over(client, desk, leaver):
    get_user_model().objects.filter(pk=leaver.pk).update(is_active=False)
    response = client.get(hand_over_page(leaver), follow=True)
    assert b"Lee Leaver (lee) is already inactive." in response.content


def test_a_writer_cannot_deactivate_anyone(client, leaver, colleague, work):
    client.force_login(writer())
    assert client.get(hand_over_page(leaver)).status_code == 403
    assert client.post(hand_over_page(leaver), {"successor": colleague.pk}).status_code == 403
    leaver.refresh_from_db()
    assert leaver.is_active


def test_someone_who_may_only_view_users_gets_no_hand_over_action(client, leaver):
    from django.contrib.auth.models import Permission

    viewer = UserFactory(username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(viewer)
    page = client.get(USERS)
    assert page.status_code == 200
    assert b"Deactivate and hand over their work" not in page.content
    assert b"Invite a colleague" not in page.content
    assert client.get(hand_over_page(leaver)).status_code == 403


@pytest.mark.parametrize("colleagues", [2, 20])
def test_the_hand_over_page_queries_do_not_grow_with_the_staff(
    client, desk, leaver, work, colleagues, django_assert_max_num_queries
):
    UserFactory.create_batch(colleagues)
    with django_assert_max_num_queries(12):
        response = client.get(hand_over_page(leaver))
    assert response.status_code == 200


def test_nobody_deactivates_their_own_account(client, desk, colleague):
    response = client.post(hand_over_page(desk), {"successor": colleague.pk}, follow=True)
    assert b"You cannot deactivate your own account" in response.content
    desk.refresh_from_db()
    assert desk.is_active
