"""`make run`'s processes (scripts/run: development server, task worker, scheduler) with its
embedded defaults share what they must: a read counted by the web server reaches "most read"
through the worker. (The database here is the test suite's PostgreSQL; `make run` uses
SQLite, which the same processes share as a file.)"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles.models import ReadCount
from nhe import schedule
from nhe.models import ScheduledJob
from tests.articles.test_most_read import BROWSER
from tests.factories import ArticleFactory
from tests.nhe.test_production_settings import settings_of
from tests.nhe.test_two_processes import database_url, free_port, wait_until_up

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_sections"),
]


def test_without_cache_url_debug_gets_a_cache_in_var_dir_that_processes_share(tmp_path):
    chosen = settings_of("CACHES", DEBUG="1", VAR_DIR=str(tmp_path))["CACHES"]["default"]
    assert chosen["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert chosen["LOCATION"] == str(tmp_path / "cache")


def eventually(check, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def make_run(tmp_path):
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "1",
        "VAR_DIR": str(tmp_path),
        "DATABASE_URL": database_url(),
        "RUN_ADDRESS": f"127.0.0.1:{port}",
        "BIN": os.path.dirname(sys.executable),
    }
    log = open(tmp_path / "run.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        ["scripts/run"], cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url)
        yield url
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: scripts/run stops all three
        try:
            process.wait(timeout=30)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            log.close()


def test_a_read_counted_by_the_web_server_reaches_most_read_through_the_worker(make_run, settings):
    article = ArticleFactory()
    assert eventually(lambda: ScheduledJob.objects.filter(command="flush_most_read").exists())

    beacon = urllib.request.Request(
        make_run + reverse("articles:read", args=[article.pk]),
        method="POST",
        headers={"Origin": make_run, "Sec-Fetch-Site": "same-origin", "User-Agent": BROWSER},
    )
    assert urllib.request.urlopen(beacon, timeout=10).status == 204

    # The scheduler flushed once at start; ask for the next flush now rather than in 5 minutes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    schedule.run_command.enqueue("flush_most_read")

    day = timezone.localdate()
    assert eventually(lambda: ReadCount.objects.filter(article=article, day=day).exists())
    assert ReadCount.objects.get(article=article, day=day).count == 1
