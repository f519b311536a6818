from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from articles import visitors
from articles.models import Article

from . import moderation, notifications, own
from .forms import CommentForm, ReportForm, comment_form_context, too_many_message
from .models import Comment

CROSS_SITE = (
    "We could not accept this form because it was sent from another website. "
    "Please use the form on our article page."
)


# Comment and report forms sit on cached pages; the signed token of the article they
# belong to is checked besides (comments/moderation.py).
same_site_post = visitors.same_site_post(template="comments/message.html", text=CROSS_SITE)


@never_cache
@require_POST
@same_site_post
def post_comment(request, article_id):
    article = get_object_or_404(
        Article.objects.published().select_related("section"), pk=article_id
    )
    comments_url = f"{article.get_absolute_url()}#comments"
    state = moderation.state_of(article, moderation.comment_settings_for(article))
    if state is not moderation.State.OPEN:
        messages.error(request, "Comments are closed for this article.")
        return redirect(comments_url)

    ip = visitors.client_ip(request)
    form = CommentForm(request.POST, article=article)
    if moderation.over_rate_limit(request, "post-ip", settings.COMMENTS_RATE_PER_IP):
        form.is_valid()
        form.add_error(None, too_many_message("comments"))
        return _refused(request, form, status=429)
    if not form.is_valid():
        return _refused(request, form)
    if form.is_from_software:
        # Thank it as if it worked, so it learns nothing; nothing is stored.
        messages.success(request, own.THANKS_HELD)
        return redirect(comments_url)
    email = form.cleaned_data["email"]
    if moderation.over_rate_limit(
        request, "post-email", settings.COMMENTS_RATE_PER_EMAIL, email=email
    ):
        form.add_error(None, too_many_message("comments"))
        return _refused(request, form, status=429)

    ip_hash = moderation.hash_ip(ip)
    block = moderation.block_on(email=email, ip_hash=ip_hash)
    if block is not None:
        form.add_error(None, moderation.blocked_message(block))
        return _refused(request, form, status=403)

    comment, decision = form.save(ip_hash=ip_hash)
    # The reader lands at their comment, with the confirmation there (comments/own.py):
    # published, or shown to them alone until a moderator decides.
    response = redirect(own.landing_url(comment))
    own.remember(
        request, response, comment, own.PUBLISHED if decision.is_published else own.POSTED
    )
    return response


def _refused(request, form, status=200):
    """The reader's comment again, under the article's heading, with what went wrong."""
    # form.parent is the thread a reply joins, once the reply_to field has been checked.
    context = comment_form_context(form, replying_to=form.parent)
    return render(request, "comments/refused.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@same_site_post
def report_comment(request, pk):
    """A page of its own for reporting one comment, so that the article page carries a
    link under each comment rather than fifty copies of the same form."""
    comment = get_object_or_404(
        Comment.objects.reportable().select_related("article__section"), pk=pk
    )
    if request.method != "POST":
        return _report_page(request, comment, ReportForm())
    ip = visitors.client_ip(request)
    if moderation.over_rate_limit(request, "report-ip", settings.COMMENTS_RATE_REPORTS_PER_IP):
        return render(
            request,
            "comments/message.html",
            {
                "heading": "Please wait a moment",
                "text": too_many_message("reports"),
                "back": comment.get_absolute_url(),
            },
            status=429,
        )
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _report_page(request, comment, form)
    moderation.file_report(
        comment,
        form.cleaned_data["reason"],
        ip_hash=moderation.hash_ip(ip),
        note=form.cleaned_data["note"],
    )
    # Back at the comment, or where it was if the report hid it, with the thanks there.
    response = redirect(own.landing_url(comment))
    own.remember(request, response, comment, own.REPORTED)
    return response


def _report_page(request, comment, form):
    return render(
        request,
        "comments/report.html",
        {"comment": comment, "article": comment.article, "form": form},
    )


# Mail programs unsubscribe with a bare POST (RFC 8058); the signed token is the credential.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    comment = notifications.comment_for_unsubscribe_token(token)
    if comment is None:
        return render(
            request,
            "comments/message.html",
            {
                "heading": "This link does not work",
                "text": "The unsubscribe link is not valid, or the comment has been removed.",
            },
            status=404,
        )
    if request.method == "POST":
        Comment.objects.filter(pk=comment.pk).update(notify_replies=False)
        return render(
            request,
            "comments/message.html",
            {
                "heading": "You are unsubscribed",
                "text": "We will not email you about further replies to your comment.",
            },
        )
    return render(request, "comments/unsubscribe.html", {"comment": comment})
