"""The periodic jobs are declared in code (nhe/schedule.py) and enqueued by the scheduler once
in each of their periods, however many schedulers run; a worker then runs them."""

import collections
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command

from nhe import schedule
from tests.nhe.test_two_processes import database_url

DAILY = {"comments_purge", "purge_pitches", "prune_db_task_results"}
EVERY_JOB_BUT_THE_BACKUP = {job.command for job in schedule.JOBS} - {"backup"}
# A Monday, 09:01 UTC.
MONDAY_MORNING = datetime(2026, 3, 2, 9, 1, tzinfo=UTC)


@pytest.fixture
def queue_only(settings):
    """Tasks are stored, never run: these tests are about what gets enqueued."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.mark.django_db
def test_each_job_is_enqueued_once_in_each_of_its_periods(queue_only):
    first = schedule.enqueue_due(MONDAY_MORNING)
    assert set(first) == EVERY_JOB_BUT_THE_BACKUP
    assert schedule.enqueue_due(MONDAY_MORNING + timedelta(minutes=3)) == []

    later = schedule.enqueue_due(MONDAY_MORNING + timedelta(minutes=5))
    assert later == ["flush_most_read", "send_live_notices", "send_due_issues"]

    next_hour = set(schedule.enqueue_due(MONDAY_MORNING + timedelta(hours=1)))
    assert next_hour == {
        "flush_most_read",
        "send_live_notices",
        "send_pitch_emails",
        "comments_digest",
        "draft_bulletins",
        "send_due_issues",
    }

    next_day = set(schedule.enqueue_due(MONDAY_MORNING + timedelta(days=1)))
    assert next_day >= DAILY
    assert "send_pitch_digest" not in next_day
    assert "send_pitch_digest" in schedule.enqueue_due(MONDAY_MORNING + timedelta(weeks=1))


@pytest.mark.django_db
def test_a_period_missed_while_no_scheduler_ran_is_caught_up_once(queue_only):
    schedule.enqueue_due(MONDAY_MORNING)
    three_days_later = MONDAY_MORNING + timedelta(days=3)
    assert set(schedule.enqueue_due(three_days_later)) >= DAILY
    assert schedule.enqueue_due(three_days_later + timedelta(seconds=30)) == []


@pytest.mark.django_db
def test_the_backup_is_scheduled_only_when_switched_on(queue_only, settings):
    assert "backup" not in schedule.enqueue_due(MONDAY_MORNING)
    settings.SCHEDULE_BACKUPS = True
    assert schedule.enqueue_due(MONDAY_MORNING + timedelta(minutes=1)) == ["backup"]


@pytest.mark.django_db
def test_the_scheduler_command_says_what_it_enqueued(queue_only, capsys):
    call_command("run_scheduler", "--once")
    enqueued = capsys.readouterr().out.splitlines()
    assert sorted(enqueued) == sorted(f"Enqueued {job}." for job in EVERY_JOB_BUT_THE_BACKUP)
    call_command("run_scheduler", "--once")
    assert capsys.readouterr().out == ""


def test_only_scheduled_commands_run_as_jobs():
    with pytest.raises(ValueError, match="not a scheduled job"):
        schedule.run_command.call("flush")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("default_sections")
def test_two_schedulers_at_once_enqueue_each_job_once_and_a_worker_runs_them(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "CONN_MAX_AGE": "0",
        "TEST_EMAIL_DIR": str(tmp_path / "mail"),
    }

    def start(*command):
        return subprocess.Popen(
            [sys.executable, "manage.py", *command],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    schedulers = [start("run_scheduler", "--once") for _ in range(2)]
    outputs = [process.communicate(timeout=60) for process in schedulers]
    assert [process.returncode for process in schedulers] == [0, 0], outputs
    enqueued = collections.Counter(
        line.removeprefix("Enqueued ").removesuffix(".")
        for out, _ in outputs
        for line in out.splitlines()
    )
    assert enqueued == dict.fromkeys(EVERY_JOB_BUT_THE_BACKUP, 1)

    worker = start("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    out, err = worker.communicate(timeout=120)
    assert worker.returncode == 0, err
    log = out + err
    assert "FAILED" not in log
    assert log.count("state=SUCCESSFUL") == len(EVERY_JOB_BUT_THE_BACKUP)
