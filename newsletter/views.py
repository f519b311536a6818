from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from articles.cache_params import cache_page_params

from .contents import Contents
from .models import Issue

# Subscribing and managing a subscription -----------------------------------------------------


def subscribe(request):
    raise Http404


def confirm(request, token):
    raise Http404


def preferences(request, token):
    raise Http404


def unsubscribe(request, token):
    raise Http404


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
