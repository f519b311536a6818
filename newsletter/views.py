import logging
from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from articles.cache_params import cache_page_params

from . import guards, links, subscriptions
from .contents import Contents
from .forms import PreferencesForm, SubscribeForm
from .models import Issue, Subscriber

logger = logging.getLogger(__name__)


def too_many_message():
    minutes = max(1, round(settings.NEWSLETTER_RATE_WINDOW / 60))
    wait = "an hour" if minutes == 60 else f"{minutes} minute{'s' if minutes != 1 else ''}"
    return (
        "We have had too many sign-ups from your connection or for this address. "
        f"Please wait {wait} and try again; what you typed is still here."
    )


NOT_VALID = "This link is not valid. It may have been copied only in part, or it has expired."
GONE = (
    "This link is not valid any more. It may have been copied only in part, or the "
    "subscription it belonged to has been deleted."
)

# Subscribing and managing a subscription -----------------------------------------------------


def _subscribe_page(request, form, status=200):
    context = {"form": form, "too_many": status == 429}
    return render(request, "newsletter/subscribe.html", context, status=status)


@cache_page_params()
@require_http_methods(["GET", "HEAD", "POST"])
@guards.same_site_post
def subscribe(request):
    """The sign-up form (GET); every sign-up form on the site posts here."""
    if request.method != "POST":
        return _subscribe_page(request, SubscribeForm(initial={"page": request.path}))
    return _handle_subscribe(request)


@never_cache
def _handle_subscribe(request):
    form = SubscribeForm(request.POST)
    if guards.over_rate_limit(request, "ip", settings.NEWSLETTER_RATE_PER_IP):
        form.is_valid()
        form.add_error(None, too_many_message())
        return _subscribe_page(request, form, status=429)
    if not form.is_valid():
        return _subscribe_page(request, form)
    email = form.cleaned_data["email"]
    if form.is_from_software:
        # Thanked as if it worked, so it learns nothing; nothing is stored.
        return _check_inbox(request, email)
    if guards.over_rate_limit(request, "email", settings.NEWSLETTER_RATE_PER_EMAIL, email=email):
        form.add_error(None, too_many_message())
        return _subscribe_page(request, form, status=429)
    subscriptions.request_subscription(
        email=email,
        frequency=form.cleaned_data["frequency"],
        sections=form.cleaned_data["sections"],
        source=guards.source_page(request, form.cleaned_data["page"]),
    )
    # The same page whether the address was new, pending or already subscribed.
    return _check_inbox(request, email)


def _check_inbox(request, email):
    return render(
        request,
        "newsletter/check_inbox.html",
        {"email": email, "confirm_days": settings.NEWSLETTER_CONFIRM_DAYS},
    )


def _link_problem(request, heading=None, text=NOT_VALID, status=404):
    return render(
        request,
        "newsletter/message.html",
        {
            "heading": heading or "This link does not work",
            "text": text,
            "subscribe_again": True,
        },
        status=status,
    )


@never_cache
@guards.private_link
@require_http_methods(["GET", "HEAD"])
def confirm(request, token):
    """The link in the confirmation email confirms by itself: no second click to miss."""
    consent = links.consent_for(token)
    if consent is None:
        return _link_problem(request, heading="This confirmation link does not work")
    if request.method == "HEAD":  # a link checker's look, not the reader's click
        return HttpResponse()
    outcome = subscriptions.confirm(consent)
    if outcome is subscriptions.Outcome.USED:
        return _link_problem(
            request,
            heading="This link has already been used",
            text=(
                "You unsubscribed after asking for it, or asked again and were sent a newer "
                "link. To get the bulletin, use the newest email from us or subscribe again."
            ),
            status=200,  # a real page of ours, only no longer the way in
        )
    subscriber = consent.subscriber
    return render(
        request,
        "newsletter/confirmed.html",
        {"subscriber": subscriber, "preferences_url": _manage_path("preferences", subscriber)},
    )


def _manage_path(name, subscriber):
    return reverse(f"newsletter:{name}", args=[links.manage_token(subscriber)])


@never_cache
@guards.private_link
@require_http_methods(["GET", "HEAD", "POST"])
@guards.same_site_post
def preferences(request, token):
    """A reader's choices, reached from any of our emails; the signed link is the login."""
    subscriber = links.subscriber_for(token)
    if subscriber is None:
        return _link_problem(request, text=GONE)
    form = PreferencesForm(
        request.POST if request.method == "POST" else None, subscriber=subscriber
    )
    saved = False
    if request.method == "POST":
        if not form.is_valid():
            return _preferences_page(request, subscriber, form)
        was_receiving = subscriber.status == Subscriber.Status.CONFIRMED
        subscriptions.change_preferences(
            subscriber,
            frequency=form.cleaned_data["frequency"],
            sections=form.cleaned_data["sections"],
        )
        saved = "saved" if was_receiving else "resubscribed"
        form = PreferencesForm(subscriber=subscriber)
    return _preferences_page(request, subscriber, form, saved=saved)


def _preferences_page(request, subscriber, form, saved=False):
    return render(
        request,
        "newsletter/preferences.html",
        {
            "subscriber": subscriber,
            "form": form,
            "saved": saved,
            "is_receiving": subscriber.status == Subscriber.Status.CONFIRMED,
            "unsubscribe_url": _manage_path("unsubscribe", subscriber),
        },
    )


# Mail programs unsubscribe with a bare POST (RFC 8058): no Origin, no CSRF token; the signed
# token is the credential. A GET (the link in the email) unsubscribes at once too.
@never_cache
@csrf_exempt
@guards.private_link
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    subscriber = links.subscriber_for(token)
    if subscriber is None:
        if request.method == "POST":
            return HttpResponse("This link is not valid.\n", content_type="text/plain", status=404)
        return _link_problem(request, text=GONE)
    if request.method == "HEAD":
        return HttpResponse()
    source = (
        subscriptions.FROM_ONE_CLICK
        if request.method == "POST"
        else subscriptions.FROM_UNSUBSCRIBE
    )
    subscriptions.unsubscribe(subscriber, source=source)
    if request.method == "POST":
        return HttpResponse("Unsubscribed.\n", content_type="text/plain")
    return render(
        request,
        "newsletter/unsubscribed.html",
        {
            "subscriber": subscriber,
            "preferences_url": _manage_path("preferences", subscriber),
        },
    )


# The archive of sent issues -------------------------------------------------------------------

ARCHIVE_PAGE_SIZE = 20


@cache_page_params("page")
def archive(request):
    """Sent issues, newest first."""
    issues = Issue.objects.sent().only("subject", "edition", "sent_at", "covers_until")
    page = Paginator(
        issues.order_by(F("sent_at").desc(nulls_last=True), "-covers_until", "-pk"),
        ARCHIVE_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "newsletter/archive.html",
        {
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "issues": page.object_list,
        },
    )


@cache_page_params()
def issue_page(request, pk):
    """A sent issue as readers got it, less any piece that is no longer public."""
    issue = get_object_or_404(Issue.objects.sent(), pk=pk)
    return render(
        request,
        "newsletter/issue.html",
        {"issue": issue, "blocks": Contents(issue).blocks_for(None)},
    )


# A mailing provider's reports -----------------------------------------------------------------


def readable_reports(webhook):
    """The provider's webhook (django-anymail), answering 400 to a report it cannot read
    (not JSON, or not shaped as the provider's reports are) rather than failing with a 500;
    the provider then knows the report was refused."""

    @csrf_exempt
    @wraps(webhook)
    def view(request, *args, **kwargs):
        try:
            return webhook(request, *args, **kwargs)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            logger.warning("A provider's report could not be read: %r", error)
            return HttpResponseBadRequest(
                "This report could not be read.\n", content_type="text/plain"
            )

    return view
