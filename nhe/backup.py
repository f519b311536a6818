"""Whole-site backups: the PostgreSQL database, uploaded media and private uploads.

A backup is a folder holding `database.dump` (pg_dump custom format), one tar file per
upload folder, and `manifest.json`: the row count of every table and the SHA-256 of every
file, taken from the same database snapshot as the dump. A restore checks the archives
against the manifest before touching anything, and the restored site against it after.
"""

import hashlib
import json
import os
import shutil

# pg_dump and pg_restore run with argument lists, never through a shell.
import subprocess  # nosec B404
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from psycopg2 import sql

MANIFEST = "manifest.json"
DATABASE_DUMP = "database.dump"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup could not be made, or a restore found something not as recorded."""


def upload_folders():
    """The folders whose files are part of the site: public media and private uploads."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_checksums(root):
    """{relative path: sha256} of every file under root; empty when root does not exist."""
    root = Path(root)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256_of(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def table_counts(connection):
    """{table: row count} for every table in the connection's database."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
    return counts


def _client_args(connection):
    """Connection options and environment for pg_dump/pg_restore, from Django's settings."""
    params = connection.settings_dict
    if connection.vendor != "postgresql":
        raise BackupError("Backups need PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    args = [f"--dbname={params['NAME']}"]
    if params.get("HOST"):
        args.append(f"--host={params['HOST']}")
    if params.get("PORT"):
        args.append(f"--port={params['PORT']}")
    if params.get("USER"):
        args.append(f"--username={params['USER']}")
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args, env


def _run(command, env):
    result = subprocess.run(  # noqa: S603  # nosec B603
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _archive(root, target):
    with tarfile.open(target, "w") as archive:
        for path in sorted(Path(root).rglob("*")):
            if path.is_file():
                archive.add(path, arcname=path.relative_to(root).as_posix())


def create_backup(destination, using="default"):
    """Write a new backup folder under destination and return its path."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(destination) / f"nhe-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    # One REPEATABLE READ snapshot for the counts and the dump, so they agree even while
    # the site keeps taking comments.
    snapshot_connection = connections.create_connection(using)
    try:
        args, env = _client_args(snapshot_connection)
        with snapshot_connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = table_counts(snapshot_connection)
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    f"--file={folder / DATABASE_DUMP}",
                    *args,
                ],
                env,
            )
            cursor.execute("COMMIT")
    finally:
        snapshot_connection.close()

    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database": {
            "file": DATABASE_DUMP,
            "sha256": sha256_of(folder / DATABASE_DUMP),
            "tables": counts,
        },
        "folders": {},
    }
    for name, root in upload_folders().items():
        entry = {"present": root.is_dir(), "files": file_checksums(root)}
        if entry["present"]:
            entry["archive"] = f"{name}.tar"
            _archive(root, folder / entry["archive"])
            entry["sha256"] = sha256_of(folder / entry["archive"])
        manifest["folders"][name] = entry
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def read_manifest(folder):
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} is missing: this is not a backup folder.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def verify_archives(folder, manifest):
    """Check the dump and the tar files against the manifest, before restoring anything."""
    folder = Path(folder)
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    for entry in manifest["folders"].values():
        if entry["present"]:
            expected[entry["archive"]] = entry["sha256"]
    for name, checksum in expected.items():
        if not (folder / name).is_file():
            raise BackupError(f"{name} is missing from the backup.")
        if sha256_of(folder / name) != checksum:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged.")


def restore_backup(folder, using="default"):
    """Restore a backup over the configured database and upload folders, then verify it.

    Upload folders that already hold files are moved aside (to NAME.before-restore-STAMP),
    never deleted.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    verify_archives(folder, manifest)

    connection = connections[using]
    connection.close()
    args, env = _client_args(connection)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(folder / manifest["database"]["file"]),
        ],
        env,
    )

    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    for name, root in upload_folders().items():
        entry = manifest["folders"].get(name, {"present": False, "files": {}})
        if root.is_dir() and any(root.iterdir()):
            shutil.move(root, root.with_name(f"{root.name}.before-restore-{stamp}"))
        if entry["present"]:
            root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(folder / entry["archive"]) as archive:
                archive.extractall(root, filter="data")
    return verify_restored(manifest, connection)


def verify_restored(manifest, connection):
    """Compare the live database and folders with the manifest; raise on any difference."""
    problems = []
    counts = table_counts(connection)
    for table, expected in manifest["database"]["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} rows, expected {expected}")
    for name, root in upload_folders().items():
        expected = manifest["folders"].get(name, {}).get("files", {})
        if file_checksums(root) != expected:
            problems.append(f"{name} files differ from the backup ({root})")
    if problems:
        raise BackupError("Restore verification failed:\n  " + "\n  ".join(problems))
    files = sum(len(entry["files"]) for entry in manifest["folders"].values())
    return {"tables": len(counts), "rows": sum(counts.values()), "files": files}
