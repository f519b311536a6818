from django import template
from django.conf import settings

from comments import moderation
from comments.discussion import Discussion
from comments.forms import CommentForm
from comments.legacy_shim import address, markup_join
from comments.rendering import CommentRenderer, render_body

register = template.Library()
register.filter("comment_body", render_body)


def _discussion(context, article):
    """One Discussion per article per page render, shared by every tag that needs it."""
    cache = context.render_context.setdefault("comments.discussions", {})
    if article.pk not in cache:
        cache[article.pk] = Discussion(article)
    return cache[article.pk]


@register.inclusion_tag("comments/discussion.html", takes_context=True)
def article_comments(context, article):
    """The comments under an article, the form (or why there is none) and the privacy note."""
    request = context["request"]
    discussion = _discussion(context, article)
    # The form sent back with its errors, if this page answers one; else a blank form, of
    # which the page shows only the fields (CommentForm.blank_fields_markup()).
    form = getattr(request, "comment_form", None)
    if form is not None and form.article.pk != article.pk:
        form = None
    replying_to = None
    reply_to = form["reply_to"].value() if form is not None else request.GET.get("reply_to")
    if reply_to and str(reply_to).isascii() and str(reply_to).isdigit():
        replying_to = discussion.find_thread(int(reply_to))
    page = discussion.page(request.GET.get("comments"))
    return {
        "article": article,
        "discussion": discussion,
        "page": page,
        "form": form,
        "fields_markup": (
            form.fields_markup() if form is not None else CommentForm.blank_fields_markup()
        ),
        "replying_to": replying_to,
        "token": moderation.form_token(article.pk),
        "post_url": address("comments:post", article.pk),
        "article_url": article.get_absolute_url(),
        "purge_days": settings.COMMENTS_PURGE_AFTER_DAYS,
        "privacy_contact": settings.COMMENTS_PRIVACY_CONTACT,
    }


@register.simple_tag(takes_context=True)
def comment_count(context, article):
    """How many comments readers can see on the article, from the page's one comments query."""
    return _discussion(context, article).count


@register.simple_tag(takes_context=True)
def comment_list(context):
    """The comments on this page of the discussion, each with its replies, as one piece of
    markup (comments/rendering.py builds each one)."""
    page = context["page"]
    renderer = CommentRenderer(
        article_url=context["article_url"],
        page_number=page.number,
        open_for_replies=context["discussion"].is_open,
    )
    return markup_join("", [renderer.render(comment) for comment in page.object_list])
