"""Planning in the browser: the front page's order by drag and drop or by keyboard, the Q&A
turns by keyboard, and moving a piece on the calendar by dragging it to another day."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, DraftFactory, InterviewQuestionFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
FRONT_PAGE_ADMIN = "/admin/articles/frontpagearticle/"


@pytest.fixture
def desk_editor(default_sections, default_roles):
    return UserFactory(username="eddie", roles=["Editor"])


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")


def top_story(page, live_server):
    page.goto(live_server.url + "/")
    return page.locator(".top-story").inner_text()


@pytest.fixture
def featured(desk_editor):
    return [
        ArticleFactory(title=title, is_featured=True, featured_order=n)
        for n, title in enumerate(["Ambulance handovers", "Elective recovery", "Winter beds"], 1)
    ]


def test_dragging_a_piece_to_first_place_makes_it_the_top_story(live_server, page, featured):
    sign_in(page, live_server, "eddie")
    assert "Ambulance handovers" in top_story(page, live_server)
    page.goto(live_server.url + FRONT_PAGE_ADMIN)
    rows = page.locator("#result_list tbody tr")
    rows.nth(2).locator(".reorder__handle").drag_to(rows.nth(0), target_position={"x": 20, "y": 3})
    assert rows.nth(0).inner_text().count("Winter beds") == 1
    assert page.get_by_role("status").inner_text().startswith("“Winter beds” is now number 1")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(live_server.url + FRONT_PAGE_ADMIN)
    assert "Winter beds" in top_story(page, live_server)


def test_the_order_can_be_changed_by_keyboard(live_server, page, featured):
    sign_in(page, live_server, "eddie")
    page.goto(live_server.url + FRONT_PAGE_ADMIN)
    move_up = page.locator("#result_list tbody tr", has_text="Elective recovery").get_by_role(
        "button", name="Move up"
    )
    move_up.focus()
    page.keyboard.press("Enter")
    # The focus stays on the button that moved, so pressing again goes on moving it.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move up"
    assert "Elective recovery" in page.locator("#result_list tbody tr").first.inner_text()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(live_server.url + FRONT_PAGE_ADMIN)
    assert "Elective recovery" in top_story(page, live_server)


def test_q_and_a_turns_are_reordered_by_keyboard(live_server, page, desk_editor):
    interview = ArticleFactory(title="The Last Word: on winter")
    InterviewQuestionFactory(article=interview, position=1, question="Asked first?")
    InterviewQuestionFactory(article=interview, position=2, question="Asked second?")
    sign_in(page, live_server, "eddie")
    page.goto(live_server.url + f"/admin/articles/article/{interview.pk}/change/")
    turn = page.locator("#questions-group .inline-related:not(.empty-form)").nth(1)
    turn.get_by_role("button", name="Move up").click()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(f"**/admin/articles/article/{interview.pk}/change/")
    page.goto(live_server.url + interview.get_absolute_url())
    questions = page.locator(".interview__question").all_inner_texts()
    assert [q.replace("Q", "", 1).strip() for q in questions] == ["Asked second?", "Asked first?"]


def test_dragging_a_piece_to_another_day_moves_it(live_server, page, desk_editor):
    monday = timezone.localdate() + timedelta(days=14 - timezone.localdate().weekday())
    planned = timezone.make_aware(datetime.combine(monday, time(10)))
    draft = DraftFactory(title="Workforce plan explainer", planned_for=planned)
    sign_in(page, live_server, "eddie")
    page.goto(live_server.url + f"/admin/articles/article/calendar/?view=week&day={monday}")
    wednesday = monday + timedelta(days=2)
    page.locator(".planner__piece", has_text="Workforce plan explainer").drag_to(
        page.locator(f'.planner__day[data-date="{wednesday}"]')
    )
    page.wait_for_url(f"**/calendar/?view=week&day={wednesday}")
    assert page.get_by_text("“Workforce plan explainer” moved to Wednesday").is_visible()
    cell = page.locator(f'.planner__day[data-date="{wednesday}"]')
    assert cell.get_by_role("link", name="Workforce plan explainer").is_visible()
    assert Article.objects.get(pk=draft.pk).planned_for == planned + timedelta(days=2)
