"""One of every public page type, from realistic data, for the quality floors.

`build_site()` fills the database the way a working newsroom would (pictures, a video, a
Q&A interview, comments with a reply, tags, columnists, a pitch, enough stories to paginate)
and returns the pages to check as (label, path) pairs. The HTML validator (test client) and
the browser checks (tests/e2e/test_quality.py) share it, so both look at the same pages.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.sites.models import Site
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Section
from comments.models import Comment
from newsletter import links
from tests.columnists.factories import PitchFactory
from tests.comments.factories import CommentFactory
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    InterviewQuestionFactory,
    image_bytes,
)
from tests.newsletter.factories import ConsentFactory, SubscriberFactory

# A site page the site pages feature serves; checked when it exists (see site_page_path).
SITE_PAGE_PATH = "/about/"

BODY = (
    "<p>The trust board agreed the plan on Tuesday after a long debate about how the money "
    "would be found.</p>"
    "<h2>What changes for patients</h2>"
    "<p>Patients waiting longest will be offered treatment at the new surgical hub, and "
    '<a href="https://www.england.nhs.uk/">NHS England</a> will publish the figures each '
    "month.</p>"
    "<blockquote><p>We cannot keep asking staff to do more with less.</p></blockquote>"
    "<ul><li>Two new theatres by spring</li><li>Weekend clinics for day cases</li></ul>"
)


@dataclass(frozen=True)
class SitePage:
    label: str
    path: str
    status: int = 200


def section(slug):
    return Section.objects.get(slug=slug)


def build_site():
    """Public content of every kind; returns the pages to check, one of each type."""
    Site.objects.update_or_create(pk=1, defaults={"domain": "testserver", "name": "NHE"})
    columnist = AuthorFactory(
        name="Dr Amara Bello",
        slug="amara-bello",
        role_line="medical director at Northshire Hospitals NHS Foundation Trust",
        organisation="Northshire Hospitals NHS Foundation Trust",
        bio="Amara writes each month about running a hospital in winter.",
        is_columnist=True,
        headshot=ImageFactory(
            alt_text="", file=ContentFile(image_bytes(size=(400, 400)), name="headshot.jpg")
        ),
    )
    reporter = AuthorFactory(name="Sam Whitfield", slug="sam-whitfield")
    hour = timedelta(hours=1)
    now = timezone.now()

    # Enough news for a second page of every listing, each teaser with a picture.
    for number in range(23):
        ArticleFactory(
            title=f"Trust board agrees recovery plan for elective care, number {number}",
            standfirst="Boards across the region set out how they will clear the backlog.",
            section=section("news"),
            authors=[reporter],
            lead_image=ImageFactory(alt_text=f"A hospital corridor, photograph {number}"),
            publish_at=now - (number + 30) * hour,
        )
    news = ArticleFactory(
        title="Surgical hub cuts orthopaedic waits by a third",
        standfirst="The region's first elective hub has cleared its longest waiters.",
        body=BODY,
        section=section("news"),
        authors=[reporter, columnist],
        lead_image=ImageFactory(alt_text="Surgeons at work in an operating theatre"),
        is_featured=True,
        publish_at=now - 2 * hour,
    )
    news.tags.add("elective care", "workforce")
    CorrectionFactory(article=news)
    first = CommentFactory(article=news, name="Priya Shah", body="Good to see weekend lists.")
    CommentFactory(article=news, parent=first, body="Our trust did the same last year.")
    CommentFactory(article=news, body="What about community services?")
    CommentFactory(article=news, status=Comment.Status.PENDING, body="Not yet moderated.")

    column = ArticleFactory(
        title="Flow is a whole-system problem, so stop blaming the front door",
        standfirst="A medical director on why A&E is where the delay shows, not where it starts.",
        body=BODY,
        section=section("columnists"),
        authors=[columnist],
        lead_image=ImageFactory(alt_text="A busy emergency department waiting room"),
        publish_at=now - 3 * hour,
    )
    column.tags.add("urgent care")
    interview = ArticleFactory(
        title="The last word: Deborah Allcott on making integrated care stick",
        standfirst="The chief executive of an integrated care board answers our questions.",
        body="<p>Deborah Allcott has led the board since it was formed.</p>",
        section=section("last-word"),
        authors=[reporter],
        lead_image=ImageFactory(alt_text="Deborah Allcott in her office"),
        publish_at=now - 4 * hour,
    )
    for question in (
        "What would you change tomorrow?",
        "Who inspired you?",
        "What is the best advice you were given?",
    ):
        InterviewQuestionFactory(
            article=interview,
            question=question,
            answer="<p>Listening to the people who do the work, and then acting on it.</p>",
        )
    video = ArticleFactory(
        title="NHE TV: a night on the virtual ward",
        standfirst="We follow a nurse-led team caring for patients at home.",
        body="<p>The virtual ward looks after forty patients a night.</p>",
        section=section("nhe-tv"),
        authors=[reporter],
        lead_image=ImageFactory(alt_text="A nurse on a video call with a patient"),
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        publish_at=now - 5 * hour,
    )
    blog = ArticleFactory(
        title="Another framework? Spare us the laminated posters",
        standfirst="The Scalpel on this week's policy launch.",
        body=BODY,
        section=section("the-scalpel"),
        authors=[AuthorFactory(name="The Scalpel", slug="the-scalpel")],
        publish_at=now - 6 * hour,
    )
    ArticleFactory(
        title="Community diagnostic centres and the long road to the one-stop shop",
        section=section("health-service-focus"),
        lead_image=ImageFactory(alt_text="A scanner in a community diagnostic centre"),
        publish_at=now - 7 * hour,
    )
    ArticleFactory(
        title="The productivity puzzle: why more staff has not yet meant more patients treated",
        section=section("featured"),
        is_featured=True,
        featured_order=1,
        lead_image=ImageFactory(alt_text="Staff at a nurses' station"),
        publish_at=now - 8 * hour,
    )
    pitch = PitchFactory()
    reader = SubscriberFactory(email="reader@example.org")
    reader.sections.add(section("news"))
    leaving = SubscriberFactory(email="leaving@example.org")
    request = ConsentFactory(
        subscriber=SubscriberFactory(email="new@example.org", status="pending", confirmed_at=None)
    )

    return [
        SitePage("front page", "/"),
        SitePage("news list, page 2", reverse("articles:news") + "?page=2"),
        SitePage("section", reverse("articles:section", args=["news"])),
        SitePage("news article with comments", news.get_absolute_url()),
        SitePage("column", column.get_absolute_url()),
        SitePage("last word Q&A", interview.get_absolute_url()),
        SitePage("NHE TV video", video.get_absolute_url()),
        SitePage("Scalpel blog post", blog.get_absolute_url()),
        SitePage("author", reverse("articles:author", args=[columnist.slug])),
        SitePage("tag", reverse("articles:tag", args=["elective-care"])),
        SitePage("search", reverse("articles:search") + "?q=recovery+plan"),
        SitePage("columnists directory", reverse("columnists:directory")),
        SitePage("pitch form", reverse("columnists:apply")),
        SitePage("pitch status", pitch.get_status_url()),
        SitePage("bulletin sign-up", reverse("newsletter:subscribe")),
        SitePage("bulletin confirmed", urlsplit(links.confirm_url(request)).path),
        SitePage("bulletin preferences", urlsplit(links.preferences_url(reader)).path),
        SitePage("bulletin unsubscribed", urlsplit(links.unsubscribe_url(leaving)).path),
        SitePage("404", "/no-such-page/", status=404),
    ]


def site_page(client):
    """The site page case, or the reason it is skipped while the site pages are not there."""
    if client.get(SITE_PAGE_PATH).status_code == 200:
        return SitePage("site page", SITE_PAGE_PATH), None
    from django.apps import apps

    if apps.is_installed("django.contrib.flatpages"):
        from django.contrib.flatpages.models import FlatPage

        about = FlatPage.objects.create(
            url=SITE_PAGE_PATH,
            title="About us",
            content="<p>National Health Executive reports on the NHS for those who run it.</p>",
        )
        about.sites.add(Site.objects.get_current())
        if client.get(SITE_PAGE_PATH).status_code == 200:
            return SitePage("site page", SITE_PAGE_PATH), None
    return None, f"no site page at {SITE_PAGE_PATH} yet (the site pages are not in this build)"


def grouped(findings):
    """[(page, problem)] as text: each distinct problem once, with every page that shows it."""
    pages_of = {}
    for page, problem in findings:
        pages_of.setdefault(problem, []).append(page)
    return "\n".join(
        f"- {problem}\n    on {len(pages)} page(s): {'; '.join(pages)}"
        for problem, pages in pages_of.items()
    )
