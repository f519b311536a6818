"""The bulletin as an email: HTML and plain text, rendered once per choice of sections and
addressed to each subscriber with their own signed links.

The HTML is a table layout with inline styles (what mail clients read), a <style> only for
narrow screens and dark mode, no scripts, web fonts or external CSS, and no tracking pixel:
every picture has its alt text and a background colour, and nothing is said only in one.
"""

import email.policy
from email.headerregistry import HeaderRegistry
from email.utils import formataddr, make_msgid, parseaddr
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from . import links
from .contents import Contents
from .models import IssueItem

# Stand-ins for a subscriber's own links, rendered once per variant and replaced per message.
PREFERENCES = "https://newsletter.invalid/preferences"
UNSUBSCRIBE = "https://newsletter.invalid/unsubscribe"


class HeaderClasses(HeaderRegistry):
    """The standard header registry, making each header name's class once.

    The standard one makes a new class for every header of every message: a tenth of the
    time it takes to build a bulletin message, for nothing a message needs.
    """

    @lru_cache(maxsize=64)  # noqa: B019 (one registry lives as long as the process)
    def __getitem__(self, name):
        return super().__getitem__(name)


HEADER_CLASSES = HeaderClasses()


class BulletinMessage(EmailMultiAlternatives):
    """A bulletin email, serialised with lines of up to 998 characters (RFC 5322's limit).

    At the usual 78, a List-Unsubscribe URL longer than a line (any real one with its signed
    token) would be written as RFC 2047 encoded words, which mail programs do not read as a
    URL; and bodies with longer lines would be re-encoded as quoted-printable for no reader's
    benefit. A line over 998 characters is still encoded as before.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(
            policy=policy.clone(max_line_length=998, header_factory=HEADER_CLASSES)
        )


def one_line(text):
    """Header text with every run of whitespace (CR and LF too) made one space."""
    return " ".join(str(text).split())


def absolute_url(url):
    """A media or page address as readers' mail clients need it: with scheme and host."""
    return links.absolute(url) if url.startswith("/") else url


def sender_domain():
    return parseaddr(settings.NEWSLETTER_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"


class Edition:
    """One issue ready to address: its contents loaded once, each variant rendered once."""

    def __init__(self, issue, contents=None):
        self.issue = issue
        self.contents = contents or Contents(issue)
        self.variants = {}
        self.subject = one_line(issue.subject)
        self.domain = sender_domain()
        # RFC 2919: a name for the list and a dot-atom id under our domain.
        self.list_id = formataddr(
            (
                f"{settings.SITE_NAME} {issue.get_edition_display()}",
                f"{issue.edition}.{self.domain}",
            )
        )
        self.archive_url = links.absolute(reverse("newsletter:issue", args=[issue.pk]))

    def variant(self, section_ids=()):
        """(html, text) for readers who chose these sections, with stand-in links."""
        key = frozenset(section_ids)
        if key not in self.variants:
            blocks = self.contents.blocks_for(key)
            context = self.context(blocks)
            self.variants[key] = (
                render_to_string("newsletter/email/issue.html", context),
                render_to_string("newsletter/email/issue.txt", context),
            )
        return self.variants[key]

    def context(self, blocks):
        for block in blocks:
            block.pieces = [self.piece(item, block) for item in block.items]
        intro = self.issue.intro.replace("\r\n", "\n").strip()
        paragraphs = [p.strip() for p in intro.split("\n\n") if p.strip()]
        lead = paragraphs[0] if paragraphs else (blocks[0].pieces[0]["title"] if blocks else "")
        site_url = settings.SITE_URL.rstrip("/")
        return {
            "subject": self.subject,
            "issue_date": timezone.localtime(self.issue.covers_until),
            "edition_name": self.issue.get_edition_display(),
            "preheader": Truncator(one_line(lead)).chars(110),
            "intro_paragraphs": paragraphs,
            "blocks": blocks,
            "site_url": site_url,
            "site_host": urlsplit(site_url).netloc,
            "site_name": settings.SITE_NAME,
            "sender_address": settings.NEWSLETTER_SENDER_ADDRESS,
            "preferences_url": PREFERENCES,
            "unsubscribe_url": UNSUBSCRIBE,
            "archive_url": self.archive_url,
        }

    def piece(self, item, block):
        article = item.article
        image = None
        # One picture, the top story's: the email reads the same without it.
        if block.slot == IssueItem.Slot.TOP and article.lead_image_id:
            picture = article.lead_image
            image = {
                "url": absolute_url(picture.rendition("medium")["url"]),
                "alt": picture.alt_text or article.title,
            }
        return {
            "title": article.title,
            "standfirst": article.standfirst,
            "url": links.absolute(article.get_absolute_url()),
            "image": image,
        }

    def headers_for(self, unsubscribe):
        mailto = settings.NEWSLETTER_UNSUBSCRIBE_MAILTO
        unsubscribe_header = f"<{unsubscribe}>"
        if mailto:
            unsubscribe_header += f", <mailto:{mailto}?subject=unsubscribe>"
        return {
            "List-Unsubscribe": unsubscribe_header,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": self.list_id,
            "Message-ID": make_msgid("bulletin", domain=self.domain),
        }

    def message_for(self, subscriber, section_ids=(), *, to=None, connection=None):
        """The email for one subscriber (or, with `to`, a test copy of it for an editor)."""
        html, text = self.variant(section_ids)
        # One signature serves both links (links.preferences_url and unsubscribe_url).
        token = links.manage_token(subscriber)
        preferences = links.absolute(reverse("newsletter:preferences", args=[token]))
        unsubscribe = links.absolute(reverse("newsletter:unsubscribe", args=[token]))
        for stand_in, url in ((PREFERENCES, preferences), (UNSUBSCRIBE, unsubscribe)):
            html, text = html.replace(stand_in, url), text.replace(stand_in, url)
        message = BulletinMessage(
            subject=self.subject,
            body=text,
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            to=[to or subscriber.email],
            headers=self.headers_for(unsubscribe),
            # Only when given: EmailMessage's connection is deprecated for `send(using=...)`.
            **({"connection": connection} if connection is not None else {}),
        )
        message.attach_alternative(html, "text/html")
        return message
