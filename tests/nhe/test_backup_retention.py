"""Old backups are deleted by a documented retention, so erased data does not live on."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from nhe.backup import prune_backups

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)  # a Wednesday, ISO week 47


def make_backups(root, *stamps):
    for stamp in stamps:
        (root / f"nhe-{stamp}").mkdir(parents=True)


def left(root):
    return sorted(path.name for path in root.iterdir())


def test_one_backup_a_day_for_the_days_and_one_a_week_for_the_weeks_are_kept(tmp_path):
    make_backups(
        tmp_path,
        "20261118-030000",  # today
        "20261117-030000",  # yesterday
        "20261117-010000",  # yesterday, earlier: not the day's newest
        "20261116-030000",  # two days ago
        "20261115-030000",  # Sunday of week 46: its newest, past the three days
        "20261114-030000",  # week 46 again
        "20261108-030000",  # Sunday of week 45, ten days ago
        "20261105-030000",  # week 45 again
        "20261101-030000",  # seventeen days ago: past the two weeks
        "20250101-030000",
    )
    (tmp_path / "notes").mkdir()
    (tmp_path / "nhe-20200101-000000.txt").write_text("not a backup folder")

    removed = prune_backups(tmp_path, keep_days=3, keep_weeks=2, now=NOW)

    assert left(tmp_path) == [
        "nhe-20200101-000000.txt",
        "nhe-20261108-030000",
        "nhe-20261115-030000",
        "nhe-20261116-030000",
        "nhe-20261117-030000",
        "nhe-20261118-030000",
        "notes",
    ]
    assert sorted(path.name for path in removed) == [
        "nhe-20250101-030000",
        "nhe-20261101-030000",
        "nhe-20261105-030000",
        "nhe-20261114-030000",
        "nhe-20261117-010000",
    ]


def test_the_newest_backup_is_kept_whatever_the_retention(tmp_path):
    make_backups(tmp_path, "20240101-030000", "20230101-030000")
    prune_backups(tmp_path, keep_days=0, keep_weeks=0, now=NOW)
    assert left(tmp_path) == ["nhe-20240101-030000"]


@pytest.mark.django_db(transaction=True)
def test_the_backup_command_deletes_what_the_retention_no_longer_keeps(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.BACKUP_KEEP_DAYS = 7
    settings.BACKUP_KEEP_WEEKS = 4
    root = tmp_path / "backups"
    recent = (timezone.now() - timedelta(days=1)).strftime("%Y%m%d-%H%M%S")
    make_backups(root, recent, "20200101-030000")

    out = io.StringIO()
    call_command("backup", output=root, stdout=out)

    assert f"nhe-{recent}" in left(root)
    assert "nhe-20200101-030000" not in left(root)
    assert len(left(root)) == 2
    assert "Deleted" in out.getvalue()
    assert "nhe-20200101-030000" in out.getvalue()
