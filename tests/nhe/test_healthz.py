import json
from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def health(client):
    return json.loads(client.get("/healthz").content)


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "tasks": "not configured",
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unavailable"
    assert json.loads(response.content)["status"] == "error"


def test_media_storage_that_takes_no_files_is_degraded_not_down(client, settings, tmp_path):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocked
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content)["storage"] == "unavailable"
    assert json.loads(response.content)["status"] == "degraded"


def test_the_storage_check_leaves_no_file_behind(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    assert health(client)["storage"] == "ok"
    assert list((tmp_path / "media").rglob("*.txt")) == []


def test_a_task_queue_in_settings_is_reported(client, settings):
    settings.TASKS = {"default": {"BACKEND": "tests.nhe.test_healthz.QueueBackend"}}
    assert health(client)["tasks"] == "ok"
    settings.HEALTHZ_TASK_QUEUE_CHECK = "tests.nhe.test_healthz.queue_away"
    report = health(client)
    assert (report["tasks"], report["status"]) == ("unavailable", "degraded")


def test_a_task_backend_that_does_not_load_is_unavailable(client, settings):
    settings.TASKS = {"default": {"BACKEND": "tests.nhe.test_healthz.NoSuchBackend"}}
    assert health(client)["tasks"] == "unavailable"


def queue_away():
    raise ConnectionError("the queue's server does not answer")


def _queue_backend():
    from django.tasks.backends.dummy import DummyBackend

    return type("QueueBackend", (DummyBackend,), {})


QueueBackend = _queue_backend()
