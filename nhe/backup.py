"""Whole-site backups: the PostgreSQL database and every file storage the site uses.

A backup is a folder `nhe-YYYYMMDD-HHMMSS` (UTC) holding `database.dump` (pg_dump custom
format), one tar file per storage in STORAGES (`media.tar` for the default storage,
`private.tar` for pitch uploads; static files are built, not kept) and `manifest.json`: the
row count of every table, taken from the same snapshot as the dump, the name, size and
SHA-256 of every stored object, and the SHA-256 of every file in the folder. Storages are
read and written through Django's storage API, so media on S3 is backed up like media on disk.

With BACKUP_ENCRYPTION_KEY (an age secret key) set, every file, the manifest too, is
encrypted with age (https://age-encryption.org) and named `*.age`; `age -d -i KEYFILE`
decrypts one by hand.

A restore checks the files and every object against the manifest before touching anything,
restores the database, writes the objects back through the storage API, and then reads the
row counts and every object back and compares them with the manifest.
"""

import contextlib
import hashlib
import json
import os
import posixpath
import re
import shutil

# pg_dump and pg_restore run with argument lists, never through a shell.
import subprocess  # nosec B404
import tarfile
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyrage
from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connections
from django.utils import timezone
from psycopg2 import sql

MANIFEST = "manifest.json"
DATABASE_DUMP = "database.dump"
ENCRYPTED_SUFFIX = ".age"
FORMAT_VERSION = 2
FOLDER_NAME = re.compile(r"nhe-(\d{8}-\d{6})")
STAMP_FORMAT = "%Y%m%d-%H%M%S"
# Built by collectstatic from the code, so not part of what a backup must keep.
NOT_BACKED_UP = {"staticfiles"}
# What an operator calls each storage in the backup; other aliases keep their own name.
LABELS = {"default": "media"}
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup could not be made, or a restore found something not as recorded."""


def backed_up_storages():
    """{label: STORAGES alias} of every storage whose objects a backup keeps."""
    aliases = [alias for alias in settings.STORAGES if alias not in NOT_BACKED_UP]
    return {LABELS.get(alias, alias): alias for alias in aliases}


def encryption_identity():
    """The age identity from BACKUP_ENCRYPTION_KEY, or None when backups are not encrypted."""
    key = settings.BACKUP_ENCRYPTION_KEY.strip()
    if not key:
        return None
    try:
        return pyrage.x25519.Identity.from_str(key)
    except pyrage.IdentityError as error:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY is not an age secret key (AGE-SECRET-KEY-1...)."
        ) from error


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def object_names(storage, folder=""):
    """Every object name in a storage, found by walking its listdir, in sorted order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        # A file system storage whose folder nobody has written to yet holds nothing.
        return
    for name in sorted(files):
        if name:
            yield posixpath.join(folder, name)
    for subfolder in sorted(folders):
        yield from object_names(storage, posixpath.join(folder, subfolder))


def checksum_of_object(storage, name):
    """(size, sha256) of an object as the storage gives it back."""
    digest = hashlib.sha256()
    size = 0
    with storage.open(name, "rb") as handle:
        for chunk in handle.chunks(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


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


def dump_database(target, using):
    """pg_dump into target; return the row counts of the same snapshot."""
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
                    f"--file={target}",
                    *args,
                ],
                env,
            )
            cursor.execute("COMMIT")
    finally:
        snapshot_connection.close()
    return counts


def archive_storage(storage, target):
    """Copy every object of a storage into a tar file; return {name: {size, sha256}}."""
    objects = {}
    with tarfile.open(target, "w") as archive:
        for name in object_names(storage):
            with tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as copy:
                digest = hashlib.sha256()
                with storage.open(name, "rb") as handle:
                    for chunk in handle.chunks(CHUNK):
                        digest.update(chunk)
                        copy.write(chunk)
                size = copy.tell()
                if size != storage.size(name):
                    raise BackupError(f"{name} changed while it was being read; run again.")
                copy.seek(0)
                member = tarfile.TarInfo(name)
                member.size = size
                member.mtime = int(timezone.now().timestamp())
                member.mode = 0o640
                archive.addfile(member, copy)
            objects[name] = {"size": size, "sha256": digest.hexdigest()}
    return objects


def seal(work, folder, name, identity):
    """Put work/name into the backup folder, encrypted when there is an identity; return
    the manifest's record of the file."""
    if identity is not None:
        stored = name + ENCRYPTED_SUFFIX
        pyrage.encrypt_file(str(work / name), str(folder / stored), [identity.to_public()])
        (work / name).unlink()
        name = stored
    return {"file": name, "sha256": sha256_of(folder / name)}


def create_backup(destination, using="default"):
    """Write a new backup folder under destination and return its path."""
    identity = encryption_identity()
    folder = Path(destination) / f"nhe-{timezone.now().strftime(STAMP_FORMAT)}"
    folder.mkdir(parents=True, exist_ok=False)
    try:
        with contextlib.ExitStack() as stack:
            # Encrypted backups are made in a private work folder, so no clear copy is left
            # in the backup folder; plain ones are written in place.
            work = folder
            if identity is not None:
                work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nhe-")))

            counts = dump_database(work / DATABASE_DUMP, using)
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "encrypted": identity is not None,
                "database": {**seal(work, folder, DATABASE_DUMP, identity), "tables": counts},
                "storages": {},
            }
            for label, alias in backed_up_storages().items():
                objects = archive_storage(storages[alias], work / f"{label}.tar")
                manifest["storages"][label] = {
                    "alias": alias,
                    "backend": settings.STORAGES[alias]["BACKEND"],
                    **seal(work, folder, f"{label}.tar", identity),
                    "objects": objects,
                }
            text = json.dumps(manifest, indent=2, sort_keys=True).encode()
            if identity is None:
                (folder / MANIFEST).write_bytes(text)
            else:
                encrypted = pyrage.encrypt(text, [identity.to_public()])
                (folder / (MANIFEST + ENCRYPTED_SUFFIX)).write_bytes(encrypted)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def read_manifest(folder, identity=None):
    folder = Path(folder)
    path = folder / MANIFEST
    encrypted_path = folder / (MANIFEST + ENCRYPTED_SUFFIX)
    if encrypted_path.is_file():
        if identity is None:
            raise BackupError(
                f"{folder} is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with."
            )
        try:
            text = pyrage.decrypt(encrypted_path.read_bytes(), [identity])
        except pyrage.DecryptError as error:
            raise BackupError(
                f"{encrypted_path.name} cannot be decrypted with BACKUP_ENCRYPTION_KEY: the "
                f"backup was made with another key, or is damaged (age: {error})."
            ) from error
    elif path.is_file():
        text = path.read_bytes()
    else:
        raise BackupError(f"{path} is missing: this is not a backup folder.")
    manifest = json.loads(text)
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def verify_files(folder, manifest):
    """Check every file of the backup folder against the manifest."""
    for entry in [manifest["database"], *manifest["storages"].values()]:
        path = Path(folder) / entry["file"]
        if not path.is_file():
            raise BackupError(f"{entry['file']} is missing from the backup.")
        if sha256_of(path) != entry["sha256"]:
            raise BackupError(
                f"{entry['file']} does not match its checksum: the backup is damaged."
            )


def verify_archive(label, archive_path, expected):
    """Check that a storage's archive holds exactly the recorded objects, byte for byte."""
    seen = set()
    with tarfile.open(archive_path, "r:") as archive:
        for member in archive:
            record = expected.get(member.name)
            if record is None or not member.isfile():
                raise BackupError(f"{label}: {member.name} is not in the manifest.")
            digest = hashlib.sha256()
            with archive.extractfile(member) as handle:
                for block in iter(lambda: handle.read(CHUNK), b""):
                    digest.update(block)
            if member.size != record["size"] or digest.hexdigest() != record["sha256"]:
                raise BackupError(
                    f"{label}: {member.name} does not match its checksum: the backup is damaged."
                )
            seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"{label}: {len(missing)} objects are missing, {missing[0]} first.")


def restore_objects(label, storage, archive_path):
    """Write every object of an archive to its storage under its own name."""
    with tarfile.open(archive_path, "r:") as archive:
        for member in archive:
            name = member.name
            with archive.extractfile(member) as handle:
                if storage.exists(name):
                    digest = hashlib.sha256()
                    for block in iter(lambda: handle.read(CHUNK), b""):
                        digest.update(block)
                    if checksum_of_object(storage, name) == (member.size, digest.hexdigest()):
                        continue
                    # A different object under the same name: the backup's copy wins.
                    storage.delete(name)
                    handle.seek(0)
                saved = storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(f"{label}: {name} was stored as {saved}.")


def restore_backup(folder, using="default"):
    """Restore a backup over the configured database and storages, then verify it.

    Objects in a storage that the backup does not hold are left in place (and counted).
    """
    folder = Path(folder)
    identity = encryption_identity()
    manifest = read_manifest(folder, identity)
    verify_files(folder, manifest)
    targets = {}
    for label, entry in manifest["storages"].items():
        if entry["alias"] not in settings.STORAGES:
            raise BackupError(f"The backup holds {label}, but STORAGES has no {entry['alias']!r}.")
        targets[label] = storages[entry["alias"]]

    with contextlib.ExitStack() as stack:
        clear = folder
        if manifest["encrypted"]:
            clear = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nhe-")))
            for entry in [manifest["database"], *manifest["storages"].values()]:
                name = entry["file"].removesuffix(ENCRYPTED_SUFFIX)
                try:
                    pyrage.decrypt_file(str(folder / entry["file"]), str(clear / name), [identity])
                except pyrage.DecryptError as error:
                    raise BackupError(f"{entry['file']} cannot be decrypted: {error}") from error

        def plain(entry):
            return clear / entry["file"].removesuffix(ENCRYPTED_SUFFIX)

        for label, entry in manifest["storages"].items():
            verify_archive(label, plain(entry), entry["objects"])

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
                str(plain(manifest["database"])),
            ],
            env,
        )
        for label, entry in manifest["storages"].items():
            restore_objects(label, targets[label], plain(entry))
    return verify_restored(manifest, connection)


def verify_restored(manifest, connection):
    """Compare the live database and storages with the manifest; raise on any difference."""
    problems = []
    counts = table_counts(connection)
    for table, expected in manifest["database"]["tables"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} rows, expected {expected}")
    objects = extra = 0
    for label, entry in manifest["storages"].items():
        storage = storages[entry["alias"]]
        expected = entry["objects"]
        for name, record in expected.items():
            if not storage.exists(name):
                problems.append(f"{label}: {name} is missing")
            elif checksum_of_object(storage, name) != (record["size"], record["sha256"]):
                problems.append(f"{label}: {name} differs from the backup")
        objects += len(expected)
        extra += sum(1 for name in object_names(storage) if name not in expected)
    if problems:
        raise BackupError("Restore verification failed:\n  " + "\n  ".join(problems))
    rows = sum(counts.values())
    return {"tables": len(counts), "rows": rows, "objects": objects, "extra": extra}


def backups_in(root):
    """[(taken at, folder)] of the backups under root, newest first."""
    root = Path(root)
    found = []
    if root.is_dir():
        for path in root.iterdir():
            match = FOLDER_NAME.fullmatch(path.name)
            if match and path.is_dir():
                taken = datetime.strptime(match[1], STAMP_FORMAT).replace(tzinfo=UTC)
                found.append((taken, path))
    return sorted(found, reverse=True)


def prune_backups(root, *, keep_days, keep_weeks, now=None):
    """Delete the backups under root that the retention does not keep; return their folders.

    Kept: the newest backup of each day of the last keep_days days and of each ISO week of
    the last keep_weeks weeks, and always the newest of all. Nothing older survives, so
    personal data erased from the site is gone from every backup after that time.
    """
    now = now or timezone.now()
    days, weeks, removed = set(), set(), []
    for position, (taken, path) in enumerate(backups_in(root)):
        age = now - taken
        day, week = taken.date(), taken.isocalendar()[:2]
        keep = position == 0
        if age < timedelta(days=keep_days) and day not in days:
            days.add(day)
            keep = True
        if age < timedelta(weeks=keep_weeks) and week not in weeks:
            weeks.add(week)
            keep = True
        if not keep:
            shutil.rmtree(path)
            removed.append(path)
    return removed
