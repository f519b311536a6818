"""The bulletin as an email: HTML and plain text, rendered once per choice of sections and
addressed to each subscriber with their own signed links."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from . import links
from .contents import Contents

# Stand-ins for a subscriber's own links, rendered once per variant and replaced per message.
PREFERENCES = "https://newsletter.invalid/preferences"
UNSUBSCRIBE = "https://newsletter.invalid/unsubscribe"


class Edition:
    """One issue ready to address: its contents loaded once, each variant rendered once."""

    def __init__(self, issue, contents=None):
        self.issue = issue
        self.contents = contents or Contents(issue)
        self.variants = {}

    def variant(self, section_ids=()):
        """(html, text) for readers who chose these sections, with stand-in links."""
        key = frozenset(section_ids)
        if key not in self.variants:
            context = {
                "issue": self.issue,
                "blocks": self.contents.blocks_for(key),
                "site_url": settings.SITE_URL.rstrip("/"),
                "site_name": settings.SITE_NAME,
                "preferences_url": PREFERENCES,
                "unsubscribe_url": UNSUBSCRIBE,
            }
            self.variants[key] = (
                render_to_string("newsletter/email/issue.html", context),
                render_to_string("newsletter/email/issue.txt", context),
            )
        return self.variants[key]

    def message_for(self, subscriber, section_ids=(), *, to=None, connection=None):
        """The email for one subscriber (or, with `to`, a test copy of it for an editor)."""
        html, text = self.variant(section_ids)
        preferences = links.preferences_url(subscriber)
        unsubscribe = links.unsubscribe_url(subscriber)
        for stand_in, url in ((PREFERENCES, preferences), (UNSUBSCRIBE, unsubscribe)):
            html, text = html.replace(stand_in, url), text.replace(stand_in, url)
        message = EmailMultiAlternatives(
            subject=self.issue.subject,
            body=text,
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            to=[to or subscriber.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
            connection=connection,
        )
        message.attach_alternative(html, "text/html")
        return message
