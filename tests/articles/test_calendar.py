"""The planning calendar: a month or a week of drafts (on their planned date), scheduled
and embargoed pieces, each marked by state; and moving a piece to another day."""

from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_forms import article_form_data, change_url, split
from tests.factories import ArticleFactory, DraftFactory, editor, writer

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_article_calendar")

# A week wholly in the future, so that its scheduled pieces stay scheduled.
MONDAY = timezone.localdate() + timedelta(days=14 - timezone.localdate().weekday())


def at(days, hour, minute=0):
    """A moment `days` after the Monday of the test week."""
    return timezone.make_aware(datetime.combine(MONDAY + timedelta(days=days), time(hour, minute)))


def move_url(article):
    return reverse("admin:articles_article_calendar_move", args=[article.pk])


def day_in(page, day):
    """The markup of one day's cell on the calendar page."""
    start = page.index(f'data-date="{day:%Y-%m-%d}"')
    end = page.find("data-date=", start + 10)
    return page[start : end if end != -1 else len(page)]


@pytest.fixture
def plan():
    return {
        "draft": DraftFactory(title="A planned draft", planned_for=at(0, 10)),
        "review": DraftFactory(
            title="Waiting for review", status=Article.Status.REVIEW, planned_for=at(1, 8)
        ),
        "scheduled": ArticleFactory(title="Scheduled for Wednesday", publish_at=at(2, 9)),
        "embargoed": ArticleFactory(
            title="Embargo lifts on Friday", publish_at=at(1, 9), embargo_until=at(4, 0, 1)
        ),
        "live": ArticleFactory(title="Already live"),
        "undated": DraftFactory(title="A draft with no plan yet"),
    }


def week_page(client, day=MONDAY):
    return client.get(URL, {"view": "week", "day": f"{day:%Y-%m-%d}"}).content.decode()


def test_the_week_shows_each_piece_on_its_day_marked_by_state(client, plan):
    client.force_login(editor())
    page = week_page(client)
    expected = {
        0: ("A planned draft", "Draft"),
        1: ("Waiting for review", "In review"),
        2: ("Scheduled for Wednesday", "Scheduled"),
        4: ("Embargo lifts on Friday", "Embargoed"),
    }
    for offset, (title, state) in expected.items():
        cell = day_in(page, MONDAY + timedelta(days=offset))
        assert title in cell and f">{state}</span>" in cell
    assert "00:01" in day_in(page, MONDAY + timedelta(days=4))
    for absent in ("Already live", "A draft with no plan yet"):
        assert absent not in page
    assert "4 pieces in this week" in page


def test_the_month_shows_the_whole_month_with_the_neighbouring_days(client, plan):
    client.force_login(editor())
    page = client.get(URL, {"view": "month", "day": f"{MONDAY:%Y-%m-%d}"}).content.decode()
    assert f"{MONDAY:%B %Y}" in page
    first = MONDAY.replace(day=1)
    assert f'data-date="{first - timedelta(days=first.weekday()):%Y-%m-%d}"' in page
    for title in ("A planned draft", "Scheduled for Wednesday", "Embargo lifts on Friday"):
        assert title in page


def test_the_month_of_today_is_shown_first_with_today_marked(client):
    client.force_login(editor())
    page = client.get(URL).content.decode()
    today = timezone.localdate()
    assert f"{today:%B %Y}" in page
    assert 'aria-current="date"' in day_in(page, today)
    assert ">Today</span>" in day_in(page, today)


def test_previous_and_next_lead_to_the_neighbouring_weeks_and_months(client):
    client.force_login(editor())
    page = week_page(client)
    assert f"day={MONDAY - timedelta(days=7):%Y-%m-%d}" in page
    assert f"day={MONDAY + timedelta(days=7):%Y-%m-%d}" in page
    month = client.get(URL, {"view": "month", "day": "2027-01-15"}).content.decode()
    assert "December 2026" in month and "day=2026-12-01" in month
    assert "February 2027" in month and "day=2027-02-01" in month


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-15", "9999-12-31", "9999-12-01"])
def test_a_day_at_the_end_of_the_calendar_shows_this_month(client, day):
    client.force_login(editor())
    for view in ("month", "week"):
        response = client.get(URL, {"view": view, "day": day})
        assert response.status_code == 200
        assert f"{timezone.localdate():%Y}" in response.content.decode()


def test_a_nonsense_address_shows_this_month(client):
    client.force_login(editor())
    response = client.get(URL, {"view": "<script>", "day": "tomorrow"})
    assert response.status_code == 200
    assert f"{timezone.localdate():%B %Y}" in response.content.decode()


def test_writer_sees_only_their_own_pieces_on_the_calendar(client, plan):
    person = writer()
    DraftFactory(title="Mine, planned", planned_for=at(3, 9), created_by=person)
    client.force_login(person)
    page = week_page(client)
    assert "Mine, planned" in page
    assert "Scheduled for Wednesday" not in page and "A planned draft" not in page


def test_calendar_is_linked_from_the_article_list(client):
    client.force_login(editor())
    assert URL in client.get(reverse("admin:articles_article_changelist")).content.decode()


def move_data(article, day, hour="09:30", *, version=None, view="week"):
    prefix = f"move-{article.pk}"
    return {
        f"{prefix}-date": day if isinstance(day, str) else f"{day:%Y-%m-%d}",
        f"{prefix}-time": hour,
        f"{prefix}-version": str(article.version if version is None else version),
        f"{prefix}-view": view,
    }


def test_an_editor_moves_a_scheduled_piece_to_another_day(client, plan):
    person = editor()
    client.force_login(person)
    piece = plan["scheduled"]
    response = client.post(move_url(piece), move_data(piece, MONDAY + timedelta(days=3)))
    assert response.status_code == 302
    assert f"day={MONDAY + timedelta(days=3):%Y-%m-%d}" in response["Location"]
    moved = Article.objects.get(pk=piece.pk)
    assert moved.publish_at == at(3, 9, 30)
    assert moved.version == piece.version + 1
    record = Article.history.filter(id=piece.pk).latest()
    assert record.history_user == person
    assert "Moved on the calendar" in record.history_change_reason
    page = client.get(response["Location"]).content.decode()
    assert "“Scheduled for Wednesday” moved to Thursday" in page
    assert "Scheduled for Wednesday" in day_in(page, MONDAY + timedelta(days=3))


def test_a_writer_moves_their_own_drafts_planned_date(client):
    person = writer()
    draft = DraftFactory(title="My draft", planned_for=at(0, 9), created_by=person)
    client.force_login(person)
    response = client.post(move_url(draft), move_data(draft, MONDAY + timedelta(days=2), "14:00"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.planned_for == at(2, 14)
    assert draft.status == Article.Status.DRAFT


def test_a_writer_may_not_move_a_scheduled_piece(client):
    person = writer()
    piece = ArticleFactory(title="Mine, scheduled", publish_at=at(2, 9), created_by=person)
    client.force_login(person)
    response = client.post(move_url(piece), move_data(piece, MONDAY + timedelta(days=3)))
    assert response.status_code == 400
    assert "Only an editor can move a scheduled piece." in response.content.decode()
    assert Article.objects.get(pk=piece.pk).publish_at == at(2, 9)
    assert 'draggable="true"' not in week_page(client)


def test_a_writer_cannot_reach_a_colleagues_draft(client, plan):
    client.force_login(writer())
    response = client.post(move_url(plan["draft"]), move_data(plan["draft"], MONDAY))
    assert response.status_code == 404
    assert Article.objects.get(pk=plan["draft"].pk).planned_for == at(0, 10)


def test_a_scheduled_piece_cannot_move_into_the_past(client, plan):
    client.force_login(editor())
    piece = plan["scheduled"]
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(move_url(piece), move_data(piece, yesterday, "07:45"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "That time has passed." in page
    assert f'value="{yesterday:%Y-%m-%d}"' in page and 'value="07:45"' in page
    assert Article.objects.get(pk=piece.pk).publish_at == at(2, 9)


def test_an_embargoed_piece_is_moved_on_the_piece_itself(client, plan):
    client.force_login(editor())
    piece = plan["embargoed"]
    response = client.post(move_url(piece), move_data(piece, MONDAY + timedelta(days=5)))
    assert response.status_code == 400
    assert "An embargo is agreed with a source" in response.content.decode()
    assert Article.objects.get(pk=piece.pk).embargo_until == at(4, 0, 1)


def test_a_piece_saved_by_someone_else_meanwhile_is_not_moved(client, plan):
    client.force_login(editor())
    draft = plan["draft"]
    stale = draft.version
    draft.title = "A planned draft, retitled"
    draft.save()
    response = client.post(
        move_url(draft), move_data(draft, MONDAY + timedelta(days=5), version=stale)
    )
    assert response.status_code == 400
    assert "Someone saved this piece after you opened the calendar" in response.content.decode()
    assert Article.objects.get(pk=draft.pk).planned_for == at(0, 10)


@pytest.mark.parametrize(
    ("day", "hour", "message"),
    [
        ("", "09:00", "Choose the day to move it to."),
        ("<script>alert(1)</script>", "09:00", "Enter a valid date."),
        ("2027-01-10", "", "Choose the time, e.g. 09:00."),
        ("2027-01-10", "javascript:alert(1)", "Enter a valid time."),
        ("9" * 300, "09:00", "Enter a valid date."),
    ],
)
def test_bad_input_is_refused_clearly_and_kept(client, plan, day, hour, message):
    client.force_login(editor())
    draft = plan["draft"]
    response = client.post(move_url(draft), move_data(draft, day, hour))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "<script>alert(1)</script>" not in page
    if day.startswith("<script>"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert Article.objects.get(pk=draft.pk).planned_for == at(0, 10)


def test_moving_needs_a_post_with_the_csrf_token(plan):
    piece = plan["draft"]
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor())
    assert browser.get(move_url(piece)).status_code == 405
    assert browser.post(move_url(piece), move_data(piece, MONDAY)).status_code == 403
    assert Article.objects.get(pk=piece.pk).planned_for == at(0, 10)


@pytest.mark.parametrize("per_day", [1, 6])
def test_calendar_queries_do_not_grow_with_its_pieces(
    client, django_assert_max_num_queries, per_day
):
    for day in range(7):
        for n in range(per_day):
            DraftFactory(title=f"Draft {day}-{n}", planned_for=at(day, 9))
            ArticleFactory(title=f"Scheduled {day}-{n}", publish_at=at(day, 10))
            ArticleFactory(title=f"Embargoed {day}-{n}", embargo_until=at(day, 11))
    client.force_login(editor())
    for view in ("week", "month"):
        with django_assert_max_num_queries(8):
            response = client.get(URL, {"view": view, "day": f"{MONDAY:%Y-%m-%d}"})
        assert f"Scheduled 6-{per_day - 1}" in response.content.decode()


def test_a_writer_plans_a_draft_on_the_article_form_and_it_joins_the_calendar(client):
    person = writer()
    draft = DraftFactory(title="Planned from the form", created_by=person)
    client.force_login(person)
    data = article_form_data(draft)
    data.update({"planned_for" + suffix: value for suffix, value in split(at(3, 11)).items()})
    response = client.post(change_url(draft), {**data, "_continue": "Save"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get(pk=draft.pk).planned_for == at(3, 11)
    assert "Planned from the form" in day_in(week_page(client), MONDAY + timedelta(days=3))
