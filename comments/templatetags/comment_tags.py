"""The comments app's part of the site's pages: an article's discussion and comment form,
comment counts, and readers' plain text shown as HTML."""

import re

from django import template
from django.utils.html import format_html, format_html_join

from comments import own
from comments.discussion import Discussion
from comments.forms import CommentForm, comment_form_context
from comments.models import Comment

register = template.Library()

WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}'\""


@register.filter
def web_links(text):
    """The text escaped, each http(s) address in it a link that passes on no reputation.

    Django's urlize would also link bare domains and email addresses, which readers here
    write as plain words. Paragraphs are the linebreaks filter's job:
    `{{ comment.body|web_links|linebreaks }}`.
    """
    links, start = [], 0
    for match in WEB_ADDRESS.finditer(text):
        url = match.group().rstrip(TRAILING_PUNCTUATION)
        links.append((text[start : match.start()], url, url))
        start = match.start() + len(url)
    linked = format_html_join("", '{}<a href="{}" rel="nofollow ugc noopener">{}</a>', links)
    return format_html("{}{}", linked, text[start:])


def _discussion(context, article):
    """One Discussion per article per page render, shared by every tag that needs it."""
    discussions = context.render_context.setdefault("comments.discussions", {})
    if article.pk not in discussions:
        discussions[article.pk] = Discussion(article)
    return discussions[article.pk]


@register.inclusion_tag("comments/discussion.html", takes_context=True)
def article_comments(context, article):
    """The comments under an article, the form (or why there is none) and the privacy note."""
    request = context["request"]
    discussion = _discussion(context, article)
    replying_to = None
    reply_to = request.GET.get("reply_to", "")
    if reply_to.isascii() and reply_to.isdigit():
        replying_to = discussion.find_thread(int(reply_to))
    # The reader's own comments and reports make this rendering theirs alone: the thread is
    # then rendered afresh, outside the shared fragment (nhe/pagecache.py keeps the page
    # out of the shared caches and marks it private).
    mine = own.for_article(request, article.pk)
    threads = discussion.threads_for(mine) if mine else None
    return {
        "discussion": discussion,
        "page": discussion.page(request.GET.get("comments"), threads),
        "is_personal": bool(mine),
        "article_url": article.get_absolute_url(),  # in every comment's links, worked out once
        "article_pk": article.pk,
        # The rendered comments are kept as the site's other fragments are (templates/).
        "content_generation": context.get("content_generation", ""),
        "fragment_cache_seconds": context.get("fragment_cache_seconds", 0),
        **comment_form_context(CommentForm(article=article), replying_to=replying_to),
    }


@register.simple_tag(takes_context=True)
def comment_count(context, article):
    """How many comments readers can see on the article, from the page's one comments query."""
    return _discussion(context, article).count


@register.simple_tag
def attach_comment_counts(articles):
    """Give each article in the list `comments_shown`, how many comments readers see on it,
    from one query for the whole list; renders nothing.

    For lists of teasers: `{% attach_comment_counts page_obj %}` before the loop.
    """
    articles = list(articles)
    if not articles:
        return ""
    counts = Comment.objects.visible_counts([article.pk for article in articles])
    for article in articles:
        article.comments_shown = counts.get(article.pk, 0)
    return ""
