import re

import pytest
from django.core import mail
from django.urls import reverse

SUBSCRIBE = "/newsletter/"
LINK = re.compile(r"https?://[^\s<>\"]+")


@pytest.fixture
def subscribe(client, db, django_capture_on_commit_callbacks):
    """Post the sign-up form as a reader's browser would, with any fields changed; the
    emails it enqueues are sent (the immediate task backend) once it commits."""

    def post(client=client, headers=None, **fields):
        data = {"email": "jo.rivers@example.org", "frequency": "daily", "page": "/"}
        data.update(fields)
        data = {key: value for key, value in data.items() if value is not None}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("newsletter:subscribe"), data, headers=headers or {})

    return post


def links_in(message):
    return LINK.findall(message.body)


def confirm_link(message):
    (link,) = [url for url in links_in(message) if "/newsletter/confirm/" in url]
    return link


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def confirmed_reader(subscribe, client):
    """A reader who signed up and clicked the link: their address and their last email."""
    subscribe(email="sam.okoro@example.org")
    (message,) = mail.outbox
    client.get(path_of(confirm_link(message)))
    mail.outbox.clear()
    return "sam.okoro@example.org"
