import re

import pytest
from django.core import mail
from django.urls import reverse

from articles.models import Section
from newsletter.models import IssueItem
from tests.factories import ArticleFactory, DraftFactory

from .factories import IssueFactory, IssueItemFactory

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


# The email, sending and webhooks ---------------------------------------------------------------


@pytest.fixture
def bulletin_site(settings):
    """The site and sender the email, sending and webhook tests assume; batches of 5."""
    settings.SITE_URL = "https://www.nhe.example"
    settings.NEWSLETTER_FROM_EMAIL = "NHE bulletin <bulletin@nhe.example>"
    settings.NEWSLETTER_BATCH_SIZE = 5


@pytest.fixture
def sections(db):
    return {section.slug: section for section in Section.objects.all()}


@pytest.fixture
def issue(sections):
    """A daily issue: a top story, a News piece, an NHE TV piece, a Last word, and a piece
    unpublished since it was picked."""
    issue = IssueFactory(
        subject="Waiting lists fall for a third month",
        intro="Good morning.\n\nThree stories to start your day.",
    )
    IssueItemFactory(
        issue=issue,
        slot=IssueItem.Slot.TOP,
        article=ArticleFactory(title="Waiting lists fall", standfirst="The first fall in years."),
    )
    IssueItemFactory(
        issue=issue, article=ArticleFactory(title="Trust merger agreed", section=sections["news"])
    )
    IssueItemFactory(
        issue=issue,
        slot=IssueItem.Slot.VIDEO,
        article=ArticleFactory(title="Interview with a chief nurse", section=sections["nhe-tv"]),
    )
    IssueItemFactory(
        issue=issue,
        slot=IssueItem.Slot.LAST_WORD,
        article=ArticleFactory(title="Why rotas matter", section=sections["columnists"]),
    )
    IssueItemFactory(
        issue=issue, article=DraftFactory(title="Pulled story", section=sections["news"])
    )
    return issue
