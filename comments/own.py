"""The reader's own comments and reports, shown to that reader alone.

A new comment waits for a moderator and a reported one may be hidden at once; the reader who
posted or reported it should still see where it went. Which comments those are travels with
the reader, in a signed cookie of comment ids, never in a page that others are served: a
request carrying the cookie skips every cache (nhe/pagecache.py, the thread's {% cache %}
fragment, deploy/nginx.conf.template) and its answer is private.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

# nhe/pagecache.py and deploy/nginx.conf.template name this cookie too.
COOKIE = "own_comments"
SALT = "comments.own"
# What the reader did: posted a comment that waits, posted one published at once, reported one.
POSTED, PUBLISHED, REPORTED = "c", "p", "r"
KINDS = (POSTED, PUBLISHED, REPORTED)
# Enough for a busy afternoon; the oldest go first.
MAX_ENTRIES = 20

THANKS_HELD = "Thanks, your comment is awaiting moderation."
ONLY_YOU = "Only you can see it until a moderator approves it."
THANKS_PUBLISHED = "Thanks, your comment is published."
THANKS_REPORTED = "Thank you. A moderator will review the comment."
REPORTED_HIDDEN = "Thank you for your report. The comment is hidden while a moderator reviews it."


@dataclass(frozen=True, slots=True)
class Entry:
    article_id: int
    comment_id: int
    kind: str

    def encode(self):
        return f"{self.article_id}.{self.comment_id}.{self.kind}"


def read(request):
    """The reader's entries, oldest first; none when the cookie is missing, old or forged."""
    try:
        value = request.get_signed_cookie(
            COOKIE, default="", salt=SALT, max_age=settings.COMMENTS_OWN_COOKIE_SECONDS
        )
    except signing.BadSignature:
        return []
    entries = []
    for part in value.split("_"):
        article_id, _, rest = part.partition(".")
        comment_id, _, kind = rest.partition(".")
        if article_id.isdigit() and comment_id.isdigit() and kind in KINDS:
            entries.append(Entry(int(article_id), int(comment_id), kind))
    return entries


def for_article(request, article_id):
    """{comment id: what the reader did} for one article, from the request's cookie."""
    if COOKIE not in request.COOKIES:
        return {}
    return {
        entry.comment_id: entry.kind for entry in read(request) if entry.article_id == article_id
    }


def landing_url(comment):
    """Where the reader lands after posting or reporting `comment`: the note shown them there
    (templates/comments/discussion.html), which the browser scrolls to and focuses."""
    return f"{comment.thread_url()}#{comment.anchor()}-status"


def remember(request, response, comment, kind):
    """Add the comment to the reader's cookie on `response`."""
    entry = Entry(comment.article_id, comment.pk, kind)
    entries = [old for old in read(request) if old.comment_id != comment.pk] + [entry]
    response.set_signed_cookie(
        COOKIE,
        "_".join(entry.encode() for entry in entries[-MAX_ENTRIES:]),
        salt=SALT,
        max_age=settings.COMMENTS_OWN_COOKIE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
