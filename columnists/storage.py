"""Storage for files that applicants send us in confidence.

They live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so no web server rule can serve
them; they have no URL, and staff fetch them through an admin view as attachments.
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateStorage(FileSystemStorage):
    """A file system storage whose folder is PRIVATE_MEDIA_ROOT, read at each use, so that a
    changed setting (a test's, or an operator's) takes effect without a new storage."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public address; use the admin download view.")


def private_storage():
    """The storage for private uploads, STORAGES["private"] (a callable, so migrations name
    no path)."""
    return storages["private"]


def random_name(folder: str, extension: str) -> str:
    """A storage name that says nothing of the person or the original file name."""
    return f"{folder}/{uuid.uuid4().hex}.{extension}"
