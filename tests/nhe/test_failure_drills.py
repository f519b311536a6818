"""Failure drills on the real PostgreSQL: the database goes away, the site degrades politely,
nothing is half-written, and the next request works again."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.db.models.signals import post_save
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import generation as content_generation
from articles.models import Article, Author, Byline, Section
from columnists import emails as pitch_emails
from columnists.models import Pitch, PitchEmail, PitchEvent
from comments.models import Comment
from tests.columnists.factories import PDF_BYTES, started_ago
from tests.comments.factories import comment_data
from tests.factories import ArticleFactory, image_bytes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("default_sections")]

CLOSED_PORT = "1"


@pytest.fixture
def client():
    """A client that shows error responses instead of raising the view's exception."""
    return Client(raise_request_exception=False)


def terminate(backend_pid):
    """Kill one server backend from a second connection, as an operator or a failover would."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
    finally:
        other.close()


def backend_pid():
    connection.ensure_connection()
    return connection.connection.info.backend_pid


@contextmanager
def database_unreachable():
    """Point the app at a closed port: every new connection is refused until the end."""
    saved = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = CLOSED_PORT
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"] = saved


def test_healthz_answers_503_while_the_database_is_down_and_200_after(client):
    assert client.get("/healthz").status_code == 200
    with database_unreachable():
        for _ in range(2):
            response = client.get("/healthz")
            assert response.status_code == 503
            report = response.json()
            assert (report["status"], report["database"], report["cache"]) == (
                "error",
                "unavailable",
                "ok",
            )
    assert client.get("/healthz").status_code == 200


def test_healthz_recovers_after_its_connection_is_killed(client):
    assert client.get("/healthz").status_code == 200
    killed = backend_pid()
    terminate(killed)
    first = client.get("/healthz")
    assert first.status_code in {200, 503}
    assert client.get("/healthz").status_code == 200
    assert backend_pid() != killed


def test_a_page_answers_the_sites_503_page_while_the_database_is_unreachable(client):
    article = ArticleFactory()
    with database_unreachable():
        response = client.get(article.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "We’ll be back in a moment" in response.text
    assert "Traceback" not in response.text
    assert "OperationalError" not in response.text
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_page_whose_connection_was_killed_answers_503_and_the_next_request_works(client):
    article = ArticleFactory()
    assert client.get(article.get_absolute_url()).status_code == 200
    terminate(backend_pid())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 503
    assert "We’ll be back in a moment" in response.text
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(editor)
    return client


def empty_inlines(client):
    """Management-form data for every inline on the add form, each with no rows."""
    page = client.get("/admin/articles/article/add/")
    data = {}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def new_article_with_two_bylines(client):
    first, second = (
        Author.objects.create(name="A", slug="a"),
        Author.objects.create(name="B", slug="b"),
    )
    now = timezone.localtime()
    return empty_inlines(client) | {
        "title": "Integrated care boards merge back-office teams",
        "slug": "",
        "section": str(Section.objects.get(slug="news").pk),
        "standfirst": "Two boards share finance and HR.",
        "body": "<p>Story.</p>",
        "video_url": "",
        "status": "published",
        "publish_at_0": now.strftime("%d/%m/%Y"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "featured_order": "0",
        "bylines-TOTAL_FORMS": "2",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-author": str(first.pk),
        "bylines-0-position": "0",
        "bylines-1-author": str(second.pk),
        "bylines-1-position": "1",
    }


def save_failing_on_second_byline(failure):
    """Byline.save that runs `failure` just before the second byline is written."""
    real_save = Byline.save
    calls = []

    def save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            failure()
        return real_save(self, *args, **kwargs)

    return mock.patch.object(Byline, "save", save)


def test_the_admin_saves_an_article_with_two_bylines(editor_client):
    """The control for the drills below: the same form data saves when nothing fails."""
    response = editor_client.post(
        "/admin/articles/article/add/", new_article_with_two_bylines(editor_client)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Byline.objects.filter(article__slug__startswith="integrated-care").count() == 2


def test_a_save_that_fails_half_way_commits_nothing(editor_client):
    def fail():
        raise RuntimeError("disk full")

    with save_failing_on_second_byline(fail):
        response = editor_client.post(
            "/admin/articles/article/add/", new_article_with_two_bylines(editor_client)
        )
    assert response.status_code == 500
    assert Article.objects.count() == 0
    assert Byline.objects.count() == 0


def test_an_admin_save_whose_connection_is_killed_half_way_gets_503_and_leaves_no_rows(
    editor_client,
):
    data = new_article_with_two_bylines(editor_client)
    assert editor_client.get("/admin/").status_code == 200
    pid = backend_pid()
    with save_failing_on_second_byline(lambda: terminate(pid)):
        response = editor_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 503
    assert "We’ll be back in a moment" in response.text
    assert Article.objects.count() == 0
    assert Byline.objects.count() == 0
    assert editor_client.get("/admin/articles/article/").status_code == 200


# Readers' submissions ------------------------------------------------------------------------


@contextmanager
def killed_after_saving(model, pid):
    """Kill the connection just after `model`'s row is written, before the commit."""

    def kill(sender, **kwargs):
        terminate(pid)

    post_save.connect(kill, sender=model, dispatch_uid="drill:kill-after-save")
    try:
        yield
    finally:
        post_save.disconnect(sender=model, dispatch_uid="drill:kill-after-save")


@pytest.fixture
def moderator(moderator_group):
    user = get_user_model().objects.create_user("moderator", "moderator@nhe.example", "pw")
    user.groups.add(moderator_group)
    return user


def post_comment(client, article, **fields):
    return client.post(
        reverse("comments:post", args=[article.pk]), comment_data(article, **fields)
    )


@pytest.mark.parametrize("premoderate", [True, False], ids=["held", "published"])
def test_a_comment_post_whose_connection_is_killed_gets_503_and_leaves_nothing_behind(
    client, settings, moderator, premoderate
):
    settings.COMMENTS_PREMODERATE = premoderate
    article = ArticleFactory()
    assert client.get(article.get_absolute_url()).status_code == 200
    generation = content_generation.current()

    with killed_after_saving(Comment, backend_pid()):
        response = post_comment(client, article)

    assert response.status_code == 503
    assert "We’ll be back in a moment" in response.text
    assert Comment.objects.count() == 0
    assert mail.outbox == []  # the moderators' alert waits for a commit that never came
    assert cache.get(content_generation.GENERATION_KEY) == generation
    assert client.get(article.get_absolute_url()).status_code == 200
    assert post_comment(client, article).status_code == 302
    assert Comment.objects.count() == 1


def test_the_comment_drill_control_alerts_and_invalidates_once_committed(client, moderator):
    """The same post with nothing killed: the side effects the drill above must not see."""
    article = ArticleFactory()
    assert post_comment(client, article).status_code == 302
    assert [message.to for message in mail.outbox] == [["moderator@nhe.example"]]


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PITCH_EDITORS_EMAIL = ["editors@nhe.example"]
    return settings.PRIVATE_MEDIA_ROOT


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def pitch_with_files():
    return {
        "name": "Dr Amira Patel",
        "email": "amira.patel@example.org",
        "job_title": "Consultant geriatrician",
        "organisation": "",
        "pitch_title": "Frailty at the front door",
        "synopsis": "A monthly column on frail older people in emergency departments.",
        "sample_text": "",
        "links": "",
        "conflicts": "",
        "consent": "on",
        "leave_blank": "",
        "started": started_ago(120),
        "sample_file": SimpleUploadedFile("column.pdf", PDF_BYTES, "application/pdf"),
        "headshot": SimpleUploadedFile("me.jpg", image_bytes("JPEG", size=(300, 300))),
    }


def queue_killing_on_second_email(pid):
    """Queue pitch emails as usual, but kill the connection as the second one is written."""
    real_queue = pitch_emails.queue
    calls = []

    def queue(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            terminate(pid)
        return real_queue(*args, **kwargs)

    return mock.patch.object(pitch_emails, "queue", queue)


def test_a_pitch_post_whose_connection_is_killed_half_way_leaves_no_row_and_no_file(
    client, private_root
):
    assert client.get("/columnists/apply/").status_code == 200

    with queue_killing_on_second_email(backend_pid()):
        response = client.post("/columnists/apply/", pitch_with_files())

    assert response.status_code == 503
    assert "We’ll be back in a moment" in response.text
    assert Pitch.objects.count() == 0
    assert PitchEvent.objects.count() == 0
    assert PitchEmail.objects.count() == 0
    assert mail.outbox == []
    assert stored_files(private_root) == []
    # The applicant sends it again: not refused as a repeat of the pitch that was never kept.
    response = client.post("/columnists/apply/", pitch_with_files())
    assert response.status_code == 302
    pitch = Pitch.objects.get()
    assert len(stored_files(private_root)) == 2
    assert {str(path.relative_to(private_root)) for path in stored_files(private_root)} == {
        pitch.sample_file.name,
        pitch.headshot.name,
    }
    assert len(mail.outbox) == 2
