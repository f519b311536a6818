"""Readers' plain text as markup: escaped, paragraphs and line breaks kept, web links live.

Nothing a reader typed is ever treated as markup; every piece goes through format_html().
"""

import re

from django.utils.html import format_html, format_html_join

URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}'\""
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def render_body(text):
    """The comment as HTML paragraphs, safe to place in any page, including the admin."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [part for part in PARAGRAPH_BREAK.split(text) if part.strip()]
    return format_html_join("", "<p>{}</p>", ((_lines(part),) for part in paragraphs))


def _lines(paragraph):
    lines = paragraph.split("\n")
    rendered = [format_html("{}<br>", _linked(line)) for line in lines[:-1]]
    rendered.append(_linked(lines[-1]))
    return format_html_join("", "{}", ((line,) for line in rendered))


def _linked(line):
    """Escaped text with http(s) addresses made into links that pass on no reputation."""
    pieces, start = [], 0
    for match in URL.finditer(line):
        url = match.group().rstrip(TRAILING_PUNCTUATION)
        pieces.append(line[start : match.start()])
        pieces.append(format_html('<a href="{}" rel="nofollow ugc noopener">{}</a>', url, url))
        start = match.start() + len(url)
    pieces.append(line[start:])
    return format_html_join("", "{}", ((piece,) for piece in pieces if piece))
