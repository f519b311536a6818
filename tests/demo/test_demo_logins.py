"""The demo logins have their newsroom roles, not superuser powers, and only under DEBUG."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_demo_editor_and_writer_get_their_roles(settings, client):
    settings.DEBUG = True
    call_command("create_demo_editor", stdout=None)
    users = get_user_model().objects
    editor, writer = users.get(username="editor"), users.get(username="writer")
    assert not editor.is_superuser and not writer.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editor"]
    assert list(writer.groups.values_list("name", flat=True)) == ["Writer"]
    assert editor.has_perm("articles.publish_article")
    assert not writer.has_perm("articles.publish_article")
    assert client.login(username="writer", password="nhe-demo-writer")


def test_demo_logins_are_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_editor")
    assert not get_user_model().objects.filter(username="editor").exists()
