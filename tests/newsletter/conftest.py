import pytest

from articles.models import Section
from newsletter.models import IssueItem
from tests.factories import ArticleFactory, DraftFactory

from .factories import IssueFactory, IssueItemFactory


@pytest.fixture(autouse=True)
def _site(settings):
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
    issue = IssueFactory(subject="Waiting lists fall for a third month")
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
