"""Readers' plain text as markup: escaped, paragraphs and line breaks kept, web links live.

Nothing a reader typed is ever treated as markup; every piece goes through markup(), which
escapes as format_html() does.
"""

import re

from django.utils import timezone

from .legacy_shim import MarkupTemplate, addresses_here, day_month_year_time, markup, markup_join

URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}'\""
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def render_body(text):
    """The comment as HTML paragraphs, safe to place in any page, including the admin."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if "\n" not in text and "://" not in text:  # most comments: one short paragraph
        return markup("<p>{}</p>", text) if text else markup_join("", ())
    paragraphs = [part for part in PARAGRAPH_BREAK.split(text) if part.strip()]
    return markup_join("", (markup("<p>{}</p>", _lines(part)) for part in paragraphs))


def _lines(paragraph):
    lines = paragraph.split("\n")
    return markup_join("<br>", map(_linked, lines))


def _linked(line):
    """Escaped text with http(s) addresses made into links that pass on no reputation."""
    if "://" not in line:
        return line
    pieces, start = [], 0
    for match in URL.finditer(line):
        url = match.group().rstrip(TRAILING_PUNCTUATION)
        pieces.append(line[start : match.start()])
        pieces.append(markup('<a href="{}" rel="nofollow ugc noopener">{}</a>', url, url))
        start = match.start() + len(url)
    pieces.append(line[start:])
    return markup_join("", pieces)


# A thread of fifty comments is the longest list an article page renders, so each comment is
# one render of a MarkupTemplate (the same escaping as a template, a fraction of the cost),
# its actions and reply link written into one of three whole-comment templates rather than
# built apart.
COMMENT_START = (
    '<li id="comment-{pk}" class="comment{modifier}">'
    '<p class="comment__meta"><bdi class="comment__name">{name}</bdi> '
    '<a class="comment__permalink" href="{article_url}{page}#comment-{pk}" aria-label="Link '
    'to this comment, posted {posted}"><time datetime="{iso}">{posted}</time></a></p>'
    '<div class="comment__body" dir="auto">{body}</div>'
)
REPLY_LINK = (
    '<a class="comment__reply" href="{article_url}?reply_to={pk}#comment-form">Reply'
    '<span class="visually-hidden"> to {name}</span></a>'
)
# Reporting is rare, so each comment links to a page with the report form rather than
# carrying a copy of it: that would be a third of the article page's weight.
ACTIONS = (
    '<div class="comment__actions">{reply}'
    '<a class="comment__report" href="{report_url}" rel="nofollow">Report'
    '<span class="visually-hidden"> this comment by {name}</span></a></div>'
)
COMMENT_END = "{replies}</li>"
REMOVED_COMMENT = MarkupTemplate(COMMENT_START + COMMENT_END)
REPORTABLE_COMMENT = MarkupTemplate(COMMENT_START + ACTIONS.replace("{reply}", "") + COMMENT_END)
REPLYABLE_COMMENT = MarkupTemplate(
    COMMENT_START + ACTIONS.replace("{reply}", REPLY_LINK) + COMMENT_END
)


class CommentRenderer:
    """Renders the comments of one page of a discussion.

    What every comment on the page shares (the article's address, the page, the reader's
    time zone and the URL configuration) is worked out once, in __init__, rather than fifty
    times over.
    """

    def __init__(self, *, article_url, page_number, open_for_replies):
        shared = {
            "article_url": article_url,
            "page": f"?comments={page_number}" if page_number > 1 else "",
        }
        self.removed = REMOVED_COMMENT.filled(**shared)
        self.reportable = REPORTABLE_COMMENT.filled(**shared)
        top_level = REPLYABLE_COMMENT if open_for_replies else REPORTABLE_COMMENT
        self.top_level = top_level.filled(**shared)
        self.timezone = timezone.get_current_timezone()
        self.address = addresses_here()

    def render(self, comment, reply=False):
        """One comment with its permalink, reply and report links, and its shown replies."""
        replies = ""
        shown = getattr(comment, "shown_replies", None)
        if shown:
            rendered = markup_join("", [self.render(child, reply=True) for child in shown])
            replies = markup('<ol class="comment-replies">{}</ol>', rendered)
        if comment.is_removed:
            template, report_url = self.removed, ""
        else:
            template = self.reportable if reply else self.top_level
            report_url = self.address("comments:report", comment.pk)
        created = comment.created_at.astimezone(self.timezone)
        return template.render(
            pk=comment.pk,
            modifier=" comment--reply" if reply else "",
            name=comment.name,
            posted=day_month_year_time(created),  # twice in the markup, formatted once
            iso=created.isoformat(),
            body=render_body(comment.body),
            report_url=report_url,
            replies=replies,
        )
