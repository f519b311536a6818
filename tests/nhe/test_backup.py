"""Backup and restore round-trip a seeded site into a fresh database on the same server."""

import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import tarfile
import time
import uuid

import boto3
import pyrage
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from psycopg2 import sql

from columnists.storage import private_storage
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


def restore_in_new_process(backup, database, var_dir, **environment):
    """`manage.py restore` as an operator runs it, against the scratch database."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(database),
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "PRIVATE_MEDIA_ROOT": str(var_dir / "private"),
        **environment,
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


def only_backup(root):
    (backup,) = root.iterdir()
    return backup


BINARY = bytes(range(256)) * 64 + b"\x00\xff\r\n"


@pytest.fixture(scope="module")
def s3_endpoint():
    """A local S3-compatible server (moto's server mode) on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("moto's S3 server did not start")
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def s3_environment(endpoint, bucket):
    """The environment that puts media on S3, as production sets it."""
    return {
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
    }


def new_bucket(endpoint):
    name = f"nhe-{uuid.uuid4().hex[:12]}"
    s3_client(endpoint).create_bucket(Bucket=name)
    return name


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def bucket_contents(endpoint, bucket):
    client = s3_client(endpoint)
    listing = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        for item in listing
    }


@pytest.fixture
def media_on_s3(settings, s3_endpoint):
    """The default storage on a new bucket of the local S3 server, as MEDIA_STORAGE=s3 sets it."""
    bucket = new_bucket(s3_endpoint)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "location": "media",
                "file_overwrite": False,
            },
        },
    }
    return bucket


def damage_object(archive_path, name):
    """Flip one byte of an object inside a backup's tar file."""
    with tarfile.open(archive_path) as archive:
        offset = archive.getmember(name).offset_data
    with open(archive_path, "r+b") as handle:
        handle.seek(offset + 10)
        byte = handle.read(1)
        handle.seek(offset + 10)
        handle.write(bytes([byte[0] ^ 0xFF]))


def test_media_on_s3_round_trips_into_a_new_bucket(
    media_on_s3, s3_endpoint, private_root, scratch_database, tmp_path
):
    image = ImageFactory()
    default_storage.save("renditions/2026/11/deep/folder/scan 1.bin", ContentFile(BINARY))
    private_storage().save("pitches/samples/sample.pdf", ContentFile(b"%PDF-1.4\x00\x01"))
    originals = bucket_contents(s3_endpoint, media_on_s3)
    assert f"media/{image.file.name}" in originals
    assert originals["media/renditions/2026/11/deep/folder/scan 1.bin"] == BINARY

    call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    backup = only_backup(tmp_path / "backups")
    manifest = json.loads((backup / "manifest.json").read_text())
    objects = manifest["storages"]["media"]["objects"]
    assert objects["renditions/2026/11/deep/folder/scan 1.bin"] == {
        "size": len(BINARY),
        "sha256": hashlib.sha256(BINARY).hexdigest(),
    }
    assert len(objects) == len(originals)

    restored_bucket = new_bucket(s3_endpoint)
    result = restore_in_new_process(
        backup,
        scratch_database,
        tmp_path / "restored",
        **s3_environment(s3_endpoint, restored_bucket),
    )
    assert result.returncode == 0, result.stderr
    assert f"and {len(originals) + 1} stored files" in result.stdout
    assert bucket_contents(s3_endpoint, restored_bucket) == originals
    assert file_checksums(tmp_path / "restored" / "private") == file_checksums(private_root)
    assert counts_in(scratch_database)["articles_image"] == 1


def test_a_corrupted_object_in_the_backup_fails_the_restore_before_anything_is_written(
    media_on_s3, s3_endpoint, private_root, scratch_database, tmp_path
):
    default_storage.save("renditions/a/b/photo.bin", ContentFile(BINARY))
    call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    backup = only_backup(tmp_path / "backups")
    damage_object(backup / "media.tar", "renditions/a/b/photo.bin")

    restored_bucket = new_bucket(s3_endpoint)
    result = restore_in_new_process(
        backup,
        scratch_database,
        tmp_path / "restored",
        **s3_environment(s3_endpoint, restored_bucket),
    )
    assert result.returncode != 0
    assert "media.tar does not match its checksum" in result.stderr
    assert bucket_contents(s3_endpoint, restored_bucket) == {}
    assert counts_in(scratch_database) == {}


def test_every_object_is_checked_even_when_the_archive_checksum_agrees(
    private_root, scratch_database, tmp_path
):
    default_storage.save("renditions/a/b/photo.bin", ContentFile(BINARY))
    call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    backup = only_backup(tmp_path / "backups")
    damage_object(backup / "media.tar", "renditions/a/b/photo.bin")
    # Damage done before the archive was checksummed: only the object's own checksum sees it.
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["storages"]["media"]["sha256"] = hashlib.sha256(
        (backup / "media.tar").read_bytes()
    ).hexdigest()
    (backup / "manifest.json").write_text(json.dumps(manifest))

    result = restore_in_new_process(backup, scratch_database, tmp_path / "restored")
    assert result.returncode != 0
    assert "media: renditions/a/b/photo.bin does not match its checksum" in result.stderr
    assert not (tmp_path / "restored" / "media").exists()
    assert counts_in(scratch_database) == {}


@pytest.fixture
def backup_key(settings):
    settings.BACKUP_ENCRYPTION_KEY = str(pyrage.x25519.Identity.generate())
    return settings.BACKUP_ENCRYPTION_KEY


def test_an_encrypted_backup_holds_nothing_readable_and_restores_with_its_key(
    backup_key, private_root, scratch_database, tmp_path, _media_root
):
    ImageFactory()
    default_storage.save("renditions/secret.bin", ContentFile(b"Jane Doe's headshot" + BINARY))
    call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    backup = only_backup(tmp_path / "backups")

    stored = sorted(path.name for path in backup.iterdir())
    assert stored == ["database.dump.age", "manifest.json.age", "media.tar.age", "private.tar.age"]
    for path in backup.iterdir():
        content = path.read_bytes()
        assert content.startswith(b"age-encryption.org/v1\n")
        assert b"Jane Doe" not in content
        assert b"renditions" not in content

    result = restore_in_new_process(
        backup, scratch_database, tmp_path / "restored", BACKUP_ENCRYPTION_KEY=backup_key
    )
    assert result.returncode == 0, result.stderr
    assert file_checksums(tmp_path / "restored" / "media") == file_checksums(_media_root)
    assert counts_in(scratch_database) == table_counts(connection)


def test_an_encrypted_backup_is_refused_with_another_key_or_none(
    backup_key, private_root, tmp_path, settings
):
    call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    backup = only_backup(tmp_path / "backups")

    settings.BACKUP_ENCRYPTION_KEY = str(pyrage.x25519.Identity.generate())
    with pytest.raises(CommandError, match="cannot be decrypted with BACKUP_ENCRYPTION_KEY"):
        call_command("restore", str(backup), interactive=False)

    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="is encrypted: set BACKUP_ENCRYPTION_KEY"):
        call_command("restore", str(backup), interactive=False)


def test_a_malformed_key_stops_the_backup_before_it_starts(settings, tmp_path):
    settings.BACKUP_ENCRYPTION_KEY = "not-a-key"
    with pytest.raises(CommandError, match="not an age secret key"):
        call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    assert not (tmp_path / "backups").exists()


def test_a_restore_over_existing_files_puts_back_the_backups_copy_and_keeps_the_rest(
    private_root, scratch_database, tmp_path
):
    default_storage.save("renditions/photo.bin", ContentFile(BINARY))
    call_command("backup", output=tmp_path / "backups", stdout=io.StringIO())
    backup = only_backup(tmp_path / "backups")
    media = tmp_path / "restored" / "media"
    (media / "renditions").mkdir(parents=True)
    (media / "renditions" / "photo.bin").write_bytes(b"a different picture")
    (media / "renditions" / "newer.bin").write_bytes(b"uploaded after the backup")

    result = restore_in_new_process(backup, scratch_database, tmp_path / "restored")

    assert result.returncode == 0, result.stderr
    assert (media / "renditions" / "photo.bin").read_bytes() == BINARY
    assert (media / "renditions" / "newer.bin").read_bytes() == b"uploaded after the backup"
    assert "Left in place: 1 stored files that are not in the backup" in result.stdout
