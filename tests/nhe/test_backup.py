"""Backup and restore round-trip a seeded site into a fresh database on the same server."""

import hashlib
import io
import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from psycopg2 import sql

from nhe.backup import table_counts
from tests.factories import ImageFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_sections"),
]


def file_checksums(root):
    """{relative path: sha256} of every file under root."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def scratch_database():
    """A new, empty database on the test server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def database_url(name):
    params = connection.settings_dict
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    return (
        f"postgres://{params['USER']}{password}@{params['HOST'] or 'localhost'}"
        f":{params['PORT'] or 5432}/{name}"
    )


def restore_in_new_process(backup, database, var_dir):
    """`manage.py restore` as an operator runs it, against the scratch database."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(database),
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "PRIVATE_MEDIA_ROOT": str(var_dir / "private"),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup), "--noinput"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def counts_in(database):
    wrapper = type(connections["default"])
    other = wrapper({**connection.settings_dict, "NAME": database}, "default")
    try:
        return table_counts(other)
    finally:
        other.close()


@pytest.fixture
def seeded_backup(tmp_path, private_root, _media_root):
    call_command("seed_demo", stdout=io.StringIO())
    private_root.mkdir(parents=True)
    (private_root / "pitches").mkdir()
    (private_root / "pitches" / "sample.pdf").write_bytes(b"%PDF-1.4 a writing sample")
    out = io.StringIO()
    call_command("backup", output=tmp_path / "backups", stdout=out)
    return next((tmp_path / "backups").iterdir())


def test_a_seeded_site_round_trips_into_a_fresh_database(
    seeded_backup, scratch_database, tmp_path, _media_root, private_root
):
    manifest = json.loads((seeded_backup / "manifest.json").read_text())
    assert manifest["database"]["tables"]["articles_article"] > 0
    assert manifest["storages"]["private"]["objects"] == {
        "pitches/sample.pdf": {
            "size": len(b"%PDF-1.4 a writing sample"),
            "sha256": file_checksums(private_root)["pitches/sample.pdf"],
        }
    }

    restored = tmp_path / "restored"
    result = restore_in_new_process(seeded_backup, scratch_database, restored)
    assert result.returncode == 0, result.stderr
    assert "Restored and verified" in result.stdout

    assert counts_in(scratch_database) == table_counts(connection)
    assert file_checksums(restored / "media") == file_checksums(_media_root)
    assert file_checksums(restored / "private") == file_checksums(private_root)
    assert len(file_checksums(restored / "media")) > 0


def test_a_damaged_backup_is_refused_before_anything_is_restored(
    scratch_database, tmp_path, private_root
):
    ImageFactory()
    call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    backup = next((tmp_path / "backups").iterdir())
    archive = backup / "media.tar"
    data = bytearray(archive.read_bytes())
    data[-1] ^= 0xFF
    archive.write_bytes(bytes(data))
    result = restore_in_new_process(backup, scratch_database, tmp_path / "restored")
    assert result.returncode != 0
    assert "media.tar does not match its checksum" in result.stderr
    assert counts_in(scratch_database) == {}


def test_a_missing_private_folder_is_recorded_and_restores_as_absent(
    tmp_path, private_root, scratch_database
):
    call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    backup = next((tmp_path / "backups").iterdir())
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["storages"]["private"]["objects"] == {}
    result = restore_in_new_process(backup, scratch_database, tmp_path / "restored")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "restored" / "private").exists()
