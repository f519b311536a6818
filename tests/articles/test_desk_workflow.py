"""The desk's workflow buttons: submit, return with a note, publish now, schedule; who is told."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleNote, Notice
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import DraftFactory, UserFactory, editor, writer

pytestmark = pytest.mark.django_db


@pytest.fixture
def wendy():
    return writer(username="wendy", first_name="Wendy", last_name="Ward")


@pytest.fixture
def ana():
    return editor(username="ana", first_name="Ana", last_name="Lopez")


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Post the article form as a browser does, emails sent as the change commits."""

    def post(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, follow=True)

    return post


def page_of(response):
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# What each person is offered.


def test_a_writer_on_their_draft_is_offered_submit_and_a_choice_of_editor(client, wendy, ana):
    article = DraftFactory(created_by=wendy)
    client.force_login(wendy)
    page = page_of(client.get(change_url(article)))
    assert 'name="_workflow" value="submit"' in page
    assert ">Submit for review</button>" in page
    assert "Ask for review by" in page and "Ana Lopez" in page
    assert 'value="publish"' not in page and 'value="return"' not in page
    assert 'name="status"' not in page
    assert 'name="_save"' in page  # Django's own Save stays


def test_an_editor_on_a_piece_in_review_is_offered_return_and_publish(client, ana):
    article = DraftFactory(status=Article.Status.REVIEW, publish_at=timezone.now())
    client.force_login(ana)
    page = page_of(client.get(change_url(article)))
    assert ">Return to writer</button>" in page
    assert ">Publish now</button>" in page
    assert "Schedule for" not in page
    assert ">Submit for review</button>" not in page


def test_an_editor_is_offered_to_schedule_when_the_publish_time_is_ahead(client, ana):
    when = timezone.now() + timedelta(days=2)
    article = DraftFactory(publish_at=when)
    client.force_login(ana)
    page = page_of(client.get(change_url(article)))
    assert f">Schedule for {timezone.localtime(when):%d/%m/%Y %H:%M}</button>" in page
    assert ">Publish now</button>" in page
    assert ">Return to writer</button>" not in page  # a draft is with its writer already


def test_a_writer_is_offered_no_step_on_a_piece_in_review(client, wendy):
    article = DraftFactory(created_by=wendy, status=Article.Status.REVIEW)
    client.force_login(wendy)
    assert 'name="_workflow"' not in page_of(client.get(change_url(article)))


# Submitting.


def test_a_writer_submits_to_a_chosen_editor_who_is_told(send, client, wendy, ana):
    other_editor = editor()
    article = DraftFactory(created_by=wendy)
    client.force_login(wendy)
    data = article_form_data(
        article, title="Typed before submitting", _workflow="submit", submit_to=ana.pk
    )
    response = send(change_url(article), data)
    assert "Submitted for review. Ana Lopez will be told." in messages_of(response)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert article.assignee == ana
    assert article.title == "Typed before submitting"
    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (ana, Notice.Kind.SUBMITTED)
    assert "Wendy Ward submitted “Typed before submitting” for review." in notice.text
    assert not Notice.objects.for_user(other_editor).exists()
    [email] = mail.outbox
    assert email.to == [ana.email]
    assert f"/admin/articles/article/{article.pk}/change/" in email.body


def test_the_email_links_to_the_piece_on_the_site_address(send, client, wendy, ana, settings):
    settings.SITE_URL = "https://desk.nhe.example"
    article = DraftFactory(created_by=wendy)
    client.force_login(wendy)
    send(change_url(article), article_form_data(article, _workflow="submit", submit_to=ana.pk))
    link = f"https://desk.nhe.example/admin/articles/article/{article.pk}/change/"
    assert link in mail.outbox[0].body


def test_submitting_to_nobody_in_particular_tells_every_active_editor(send, client, wendy, ana):
    other = editor(username="bob")
    editor(username="gone", is_active=False)
    article = DraftFactory(created_by=wendy)
    client.force_login(wendy)
    response = send(change_url(article), article_form_data(article, _workflow="submit"))
    assert "Submitted for review. The editors will be told." in messages_of(response)
    told = set(Notice.objects.values_list("recipient__username", flat=True))
    assert told == {ana.username, other.username}
    assert sorted(email.to[0] for email in mail.outbox) == sorted([ana.email, other.email])


def test_a_writer_submits_a_new_piece_straight_from_the_add_form(send, client, wendy, ana):
    from articles.models import Section

    client.force_login(wendy)
    data = article_form_data(
        section=str(Section.objects.get(slug="news").pk), _workflow="submit", submit_to=ana.pk
    )
    response = send("/admin/articles/article/add/", data)
    assert "Submitted for review. Ana Lopez will be told." in messages_of(response)
    article = Article.objects.get(title=data["title"])
    assert (article.status, article.created_by, article.assignee) == ("review", wendy, ana)


def test_a_submit_that_does_not_validate_saves_and_tells_nothing(send, client, wendy, ana):
    article = DraftFactory(created_by=wendy, title="Kept title")
    client.force_login(wendy)
    response = send(change_url(article), article_form_data(article, title="", _workflow="submit"))
    assert "This field is required." in page_of(response)
    article.refresh_from_db()
    assert (article.status, article.title) == (Article.Status.DRAFT, "Kept title")
    assert not Notice.objects.exists() and mail.outbox == []


def test_a_submit_after_someone_else_saved_is_refused_whole(send, client, wendy, ana):
    article = DraftFactory(created_by=wendy)
    data = article_form_data(article, title="My version", _workflow="submit")
    article.title = "Their version"
    article.save()
    client.force_login(wendy)
    response = send(change_url(article), data)
    assert "Someone else saved this article" in page_of(response)
    assert 'value="My version"' in page_of(response)
    article.refresh_from_db()
    assert (article.status, article.title) == (Article.Status.DRAFT, "Their version")
    assert not Notice.objects.exists()


def test_a_writer_cannot_submit_someone_elses_piece(wendy):
    article = DraftFactory(created_by=writer())
    assert "Only the piece's writer" in workflow.refusal("submit", article, wendy)
    with pytest.raises(PermissionDenied):
        workflow.take_step("submit", article, by=wendy)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


@pytest.mark.parametrize(
    ("step", "words"),
    [("publish", "Only an editor can publish"), ("return", "Only an editor can return")],
)
def test_a_writer_cannot_publish_or_return_by_forging_the_button(send, client, wendy, step, words):
    status = Article.Status.DRAFT if step == "publish" else Article.Status.REVIEW
    article = DraftFactory(created_by=wendy, status=status)
    client.force_login(wendy)
    data = article_form_data(article, _workflow=step, note="Sending it myself")
    response = send(change_url(article), data)
    assert words in page_of(response)
    article.refresh_from_db()
    assert article.status == status
    assert not ArticleNote.objects.exists() and not Notice.objects.exists()


def test_an_unknown_step_is_refused(send, client, ana):
    article = DraftFactory()
    client.force_login(ana)
    response = send(change_url(article), article_form_data(article, _workflow="launch"))
    assert "That is not a step on the desk." in page_of(response)


# Returning.


def test_returning_without_a_note_is_refused_and_the_form_kept(send, client, wendy, ana):
    article = DraftFactory(created_by=wendy, status=Article.Status.REVIEW)
    client.force_login(ana)
    data = article_form_data(article, title="Typed by the editor", _workflow="return", note="  ")
    response = send(change_url(article), data)
    assert workflow.NOTE_NEEDED in page_of(response)
    assert 'value="Typed by the editor"' in page_of(response)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert not Notice.objects.exists()


def test_returning_with_a_note_hands_the_piece_back_and_quotes_the_note(send, client, wendy, ana):
    article = DraftFactory(created_by=wendy, status=Article.Status.REVIEW, assignee=ana)
    client.force_login(ana)
    note = "Check the waiting-list figure with the trust."
    response = send(change_url(article), article_form_data(article, _workflow="return", note=note))
    assert "Returned to Wendy Ward with your note. They will be told." in messages_of(response)
    article.refresh_from_db()
    assert (article.status, article.assignee) == (Article.Status.DRAFT, wendy)
    stored = ArticleNote.objects.get()
    assert (stored.article, stored.author, stored.text) == (article, ana, note)
    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (wendy, Notice.Kind.RETURNED)
    assert f"“{note}”" in notice.text
    [email] = mail.outbox
    assert email.to == [wendy.email] and note in email.body

    client.force_login(wendy)
    page = page_of(client.get(change_url(article)))
    assert note in page and "Ana Lopez" in page


# Publishing and scheduling.


def test_publish_now_puts_the_piece_live_and_tells_the_writer(send, client, wendy, ana):
    article = DraftFactory(created_by=wendy, status=Article.Status.REVIEW)
    client.force_login(ana)
    response = send(change_url(article), article_form_data(article, _workflow="publish"))
    assert "Published. It is live now. Wendy Ward will be told." in messages_of(response)
    article.refresh_from_db()
    assert article.state == Article.State.LIVE
    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (wendy, Notice.Kind.PUBLISHED)
    assert [email.to for email in mail.outbox] == [[wendy.email]]


def test_publish_now_with_a_future_time_goes_out_now(send, client, ana):
    article = DraftFactory(publish_at=timezone.now() + timedelta(days=3))
    client.force_login(ana)
    send(change_url(article), article_form_data(article, _workflow="publish"))
    article.refresh_from_db()
    assert article.state == Article.State.LIVE


def test_an_editor_publishing_their_own_piece_is_not_told(send, client, ana):
    article = DraftFactory(created_by=ana)
    client.force_login(ana)
    response = send(change_url(article), article_form_data(article, _workflow="publish"))
    assert "Published. It is live now." in messages_of(response)
    assert not Notice.objects.exists() and mail.outbox == []


def test_the_status_list_publishes_through_the_same_step(send, client, wendy, ana):
    article = DraftFactory(created_by=wendy, status=Article.Status.REVIEW)
    client.force_login(ana)
    send(change_url(article), article_form_data(article, status=Article.Status.PUBLISHED))
    article.refresh_from_db()
    assert article.state == Article.State.LIVE
    assert Notice.objects.get().recipient == wendy


def test_scheduling_then_going_live_tells_writer_and_scheduler_once(
    send, client, wendy, ana, django_capture_on_commit_callbacks
):
    when = timezone.now() + timedelta(hours=5)
    article = DraftFactory(created_by=wendy, status=Article.Status.REVIEW, publish_at=when)
    client.force_login(ana)
    response = send(change_url(article), article_form_data(article, _workflow="schedule"))
    local = timezone.localtime(when)
    assert (
        f"Scheduled for {local:%d/%m/%Y %H:%M}. It goes live by itself then; Wendy Ward and "
        "you will be told." in messages_of(response)
    )
    article.refresh_from_db()
    assert article.state == Article.State.SCHEDULED
    assert not Notice.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_live_notices")
    assert not Notice.objects.exists()  # not live yet

    went_live = timezone.now() - timedelta(minutes=1)
    Article.objects.filter(pk=article.pk).update(publish_at=went_live)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_live_notices")
    notices = Notice.objects.filter(kind=Notice.Kind.WENT_LIVE)
    assert {notice.recipient for notice in notices} == {wendy, ana}
    assert sorted(email.to[0] for email in mail.outbox) == sorted([wendy.email, ana.email])
    assert "went live at" in notices[0].text


def test_a_piece_scheduled_again_is_announced_again_for_its_new_time(ana):
    article = DraftFactory(publish_at=timezone.now() + timedelta(hours=1), created_by=ana)
    workflow.take_step("schedule", article, by=ana)
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(hours=1))
    assert workflow.send_live_notices() == 1
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert workflow.send_live_notices() == 1
    assert workflow.send_live_notices() == 0


def test_scheduling_with_a_time_that_has_passed_is_refused(send, client, ana):
    article = DraftFactory(publish_at=timezone.now() + timedelta(hours=5))
    client.force_login(ana)
    data = article_form_data(
        article, _workflow="schedule", publish_at=timezone.now() - timedelta(hours=1)
    )
    response = send(change_url(article), data)
    assert "The publish time has passed" in page_of(response)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


# Internal notes.


def test_a_note_added_on_save_is_listed_with_who_and_when(send, client, wendy):
    article = DraftFactory(created_by=wendy)
    client.force_login(wendy)
    response = send(
        change_url(article), article_form_data(article, note="Quote checked.", _continue="1")
    )
    assert "Your note was added." in messages_of(response)
    note = ArticleNote.objects.get()
    page = page_of(client.get(change_url(article)))
    assert "Quote checked." in page
    assert f"Wendy Ward, {timezone.localtime(note.created_at):%d/%m/%Y %H:%M}" in page


def test_a_blank_note_is_ignored(send, client, wendy):
    article = DraftFactory(created_by=wendy)
    client.force_login(wendy)
    send(change_url(article), article_form_data(article, note="   \n  "))
    assert not ArticleNote.objects.exists()


def test_a_note_too_long_is_refused_with_the_form_kept(send, client, wendy):
    article = DraftFactory(created_by=wendy)
    client.force_login(wendy)
    data = article_form_data(article, title="Still here", note="x" * 2001)
    response = send(change_url(article), data)
    assert "A note can be at most 2000 characters; this one has 2001." in page_of(response)
    assert 'value="Still here"' in page_of(response)
    assert not ArticleNote.objects.exists()


def test_hostile_notes_are_shown_as_text(send, client, wendy):
    article = DraftFactory(created_by=wendy)
    client.force_login(wendy)
    hostile = '<script>alert("x")</script> <a href="javascript:alert(1)">look</a>'
    send(change_url(article), article_form_data(article, note=hostile))
    page = page_of(client.get(change_url(article)))
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


def test_notes_are_never_shown_to_readers(client, ana):
    article = DraftFactory(created_by=ana)
    workflow.add_note(article, by=ana, text="Legal say hold the name.")
    workflow.take_step("publish", article, by=ana)
    assert "Legal say hold the name." not in page_of(client.get(article.get_absolute_url()))


# Not yours, and bylines.


def test_a_writer_opening_a_colleagues_piece_is_told_whose_it_is(client, wendy):
    sam = writer(first_name="Sam", last_name="Jones")
    article = DraftFactory(created_by=sam, title="Ward closures")
    client.force_login(wendy)
    response = client.get(change_url(article), follow=True)
    assert response.redirect_chain[-1][0] == "/admin/articles/article/"
    assert (
        "“Ward closures” is Sam Jones’s piece, not yours, so you cannot open it. "
        "Ask Sam or an editor." in messages_of(response)
    )


def test_a_missing_piece_keeps_djangos_message(client, wendy):
    client.force_login(wendy)
    response = client.get("/admin/articles/article/987654/change/", follow=True)
    assert any("doesn’t exist" in message for message in messages_of(response))


def test_a_writers_new_piece_starts_with_their_own_byline(client, wendy):
    client.force_login(wendy)
    page = page_of(client.get("/admin/articles/article/add/"))
    author = wendy.author
    assert author.name == "Wendy Ward"
    assert f'<option value="{author.pk}" selected>Wendy Ward</option>' in page


def test_an_editor_gets_a_default_byline_only_if_linked(client, ana):
    from tests.factories import AuthorFactory

    client.force_login(ana)
    page = page_of(client.get("/admin/articles/article/add/"))
    assert " selected>" not in page.split('id="bylines-group"')[1].split("</fieldset>")[0]
    assert not hasattr(ana, "author") or ana.author is None
    linked = AuthorFactory(name="Ana Lopez", user=ana)
    page = page_of(client.get("/admin/articles/article/add/"))
    assert f'<option value="{linked.pk}" selected>Ana Lopez</option>' in page


def test_the_author_form_links_a_staff_account_by_search(admin_client):
    page = page_of(admin_client.get("/admin/articles/author/add/"))
    assert 'name="user"' in page and "admin-autocomplete" in page
    assert "Staff account" in page


# The notices page.


def make_notices(recipient, count):
    article = DraftFactory()
    Notice.objects.bulk_create(
        Notice(recipient=recipient, article=article, kind="submitted", text=f"Notice {n}")
        for n in range(count)
    )


def test_the_notices_page_shows_only_ones_own_newest_first(client, wendy, ana):
    article = DraftFactory(title="A piece of hers")
    old = Notice.objects.create(
        recipient=wendy,
        article=article,
        kind="returned",
        text="Older",
        created_at=timezone.now() - timedelta(days=1),
    )
    Notice.objects.create(recipient=wendy, article=article, kind="published", text="Newer")
    Notice.objects.create(recipient=ana, article=article, kind="submitted", text="Not hers")
    client.force_login(wendy)
    page = page_of(client.get("/admin/articles/notice/"))
    assert "Your notices, newest first" in page
    assert page.index("Newer") < page.index("Older")
    assert "Not hers" not in page
    newer = Notice.objects.get(text="Newer")
    assert f'href="/admin/articles/notice/{newer.pk}/open/">A piece of hers</a>' in page
    # Following it leads to the piece and counts as reading it.
    assert client.get(f"/admin/articles/notice/{newer.pk}/open/").url == change_url(article)
    newer.refresh_from_db()
    assert newer.read_at is not None
    # Another's notice cannot be opened by its address.
    theirs = Notice.objects.get(text="Not hers")
    assert client.get(f"/admin/articles/notice/{theirs.pk}/change/").status_code == 302
    assert old.read_at is None


def test_mark_as_read_marks_only_ones_own(client, wendy, ana):
    make_notices(wendy, 2)
    make_notices(ana, 1)
    client.force_login(wendy)
    mine = list(Notice.objects.for_user(wendy).values_list("pk", flat=True))
    theirs = Notice.objects.for_user(ana).get().pk
    response = client.post(
        "/admin/articles/notice/",
        {"action": "mark_as_read", "_selected_action": [*mine, theirs]},
        follow=True,
    )
    assert "Marked 2 notice(s) as read." in messages_of(response)
    assert not Notice.objects.for_user(wendy).unread().exists()
    assert Notice.objects.for_user(ana).unread().exists()
    assert "Notice 0" not in page_of(client.get("/admin/articles/notice/", {"read": "no"}))


def test_notices_for_gives_a_dashboard_the_newest_few(wendy):
    make_notices(wendy, 7)
    shown = workflow.notices_for(wendy, limit=5)
    assert [notice.text for notice in shown] == [f"Notice {n}" for n in (6, 5, 4, 3, 2)]


def test_the_notices_page_costs_the_same_queries_for_few_and_many(
    client, wendy, django_assert_max_num_queries
):
    client.force_login(wendy)
    client.get("/admin/articles/notice/")
    for count in (3, 40):
        make_notices(wendy, count)
        with django_assert_max_num_queries(10):
            response = client.get("/admin/articles/notice/")
        assert response.status_code == 200


def test_the_article_list_with_assignees_costs_the_same_for_few_and_many(
    client, ana, django_assert_max_num_queries
):
    client.force_login(ana)
    client.get("/admin/articles/article/")
    for count in (3, 40):
        for _n in range(count):
            DraftFactory(assignee=UserFactory(first_name="Pat", last_name="Lee"))
        with django_assert_max_num_queries(12):
            page = page_of(client.get("/admin/articles/article/"))
        assert "Pat Lee" in page


def test_the_article_list_filters_what_is_assigned_to_me(client, ana):
    DraftFactory(title="Mine to do", assignee=ana)
    DraftFactory(title="Someone else's", assignee=editor())
    client.force_login(ana)
    page = page_of(client.get("/admin/articles/article/", {"assigned": "me"}))
    assert "Assigned to me" in page
    assert "Mine to do" in page and "Someone else" not in page


def test_publishing_from_the_list_tells_writers_and_remembers_the_scheduler(
    client, wendy, ana, django_capture_on_commit_callbacks
):
    now_piece = DraftFactory(created_by=wendy, status=Article.Status.REVIEW)
    later_piece = DraftFactory(
        created_by=wendy,
        status=Article.Status.REVIEW,
        publish_at=timezone.now() + timedelta(hours=2),
    )
    client.force_login(ana)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/articles/article/",
            {"action": "publish_selected", "_selected_action": [now_piece.pk, later_piece.pk]},
        )
    assert list(Notice.objects.values_list("article", "kind")) == [(now_piece.pk, "published")]
    later_piece.refresh_from_db()
    assert (later_piece.state, later_piece.scheduled_by) == (Article.State.SCHEDULED, ana)


def test_the_staff_account_permission_migration_is_reversible():
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    migration = importlib.import_module("articles.migrations.0019_editors_find_staff_accounts")
    editors = Group.objects.get(name="Editor")
    assert editors.permissions.filter(codename="view_user").exists()
    migration.take_it_back(apps, None)
    assert not editors.permissions.filter(codename="view_user").exists()
    migration.let_editors_find_staff_accounts(apps, None)
    assert editors.permissions.filter(codename="view_user").exists()


def test_an_editor_finds_a_staff_account_for_a_byline(client, wendy, ana):
    client.force_login(ana)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "author", "field_name": "user", "term": "wendy"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["wendy"]
    client.force_login(wendy)
    assert client.get("/admin/articles/author/add/").status_code == 403
