"""Storage for files that applicants send us in confidence.

They live under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, so no web server rule can serve
them; they have no URL, and staff fetch them through an admin view as attachments.
"""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no public address; use the admin download view.")


_private_storage = PrivateStorage()


def private_storage():
    """The storage for private uploads (a callable, so migrations name no path)."""
    return _private_storage


def random_name(folder: str, extension: str) -> str:
    """A storage name that says nothing of the person or the original file name."""
    return f"{folder}/{uuid.uuid4().hex}.{extension}"
