"""The article form's draft copies: the JSON endpoints its script (static/articles/autosave.js)
talks to, and what the form needs to find them.

A copy is the editor's own: each person reads, writes and discards only theirs, and only on
an article they may change. Keeping a copy touches nothing else: not the article, its history,
the content generation or any cache.
"""

import json
import uuid

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from .models import DraftCopy

# Sent back with the article form on submit, so that saving a new article drops its copy.
FORM_KEY_FIELD = "autosave_key"
# Never restored: the token and the inline forms' counts belong to the page as it loaded.
SKIPPED_SUFFIXES = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")


def new_form_key():
    return uuid.uuid4().hex


def posted_form_key(request):
    key = request.POST.get(FORM_KEY_FIELD, "")
    return key if len(key) <= 64 else ""


def discard_after_save(request, article, *, added):
    """The article was saved from its form: the copy of that form is no longer needed."""
    DraftCopy.objects.of_form(request.user, article=article).delete()
    if added and posted_form_key(request):
        DraftCopy.objects.of_form(request.user, form_key=posted_form_key(request)).delete()


def readable_fields(payload):
    """The form's values from a posted copy, or None when it is not a copy of a form."""
    try:
        fields = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(fields, dict):
        return None

    def readable(value):
        if isinstance(value, list):
            return all(isinstance(item, str) for item in value)
        return isinstance(value, str | bool)

    if not all(isinstance(name, str) and readable(value) for name, value in fields.items()):
        return None
    return {
        name: value
        for name, value in fields.items()
        if name not in ("csrfmiddlewaretoken", FORM_KEY_FIELD)
        and not name.endswith(SKIPPED_SUFFIXES)
        and "__prefix__" not in name
    }


def readable_labels(payload):
    """What the chosen options said, by field and value; nothing when it is not that."""
    try:
        labels = json.loads(payload or "{}")
    except ValueError:
        return {}
    if not isinstance(labels, dict):
        return {}
    return {
        name: {str(value): str(label) for value, label in options.items()}
        for name, options in labels.items()
        if isinstance(options, dict)
    }


def as_json(copy, article=None):
    saved_at = timezone.localtime(copy.saved_at)
    today = timezone.localdate()
    return {
        "form_key": copy.form_key,
        "saved_at": saved_at.isoformat(),
        "saved_at_text": (
            f"{saved_at:%H:%M}" if saved_at.date() == today else f"{saved_at:%H:%M on %d/%m/%Y}"
        ),
        "fields": copy.fields,
        "labels": copy.labels,
        # Someone saved the article after this copy: restoring keeps the version the copy
        # was made from, so the edit-conflict guard shows what they changed on saving.
        "article_saved_since": bool(article and article.modified_at > copy.saved_at),
    }


def too_large(request):
    """Whether a posted copy is over the limit, told from its length before it is read."""
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        return True
    return length > settings.ARTICLE_AUTOSAVE_MAX_BYTES


def refusal(message, status):
    return JsonResponse({"error": message}, status=status)


class DraftCopyEndpoints:
    """`<pk>/autosave/` for an article's form, `autosave/` for a new article's (by form key):
    GET reads the copy, POST keeps the form's fields (posted as JSON in `fields`), DELETE
    discards it."""

    def __init__(self, model_admin):
        self.model_admin = model_admin

    def urls(self):
        return [
            path("autosave/", self.view(self.new_article), name="articles_article_autosave_new"),
            path("<int:pk>/autosave/", self.view(self.article), name="articles_article_autosave"),
        ]

    def view(self, handler):
        def endpoint(request, **kwargs):
            # A JSON answer, not the admin's sign-in page, for anyone not signed in to the desk.
            if not self.model_admin.admin_site.has_permission(request):
                return refusal("Sign in to the desk first.", 403)
            if request.method not in ("GET", "POST", "DELETE"):
                return refusal("GET, POST or DELETE.", 405)
            if request.method == "POST" and too_large(request):
                return refusal(f"A copy may be {settings.ARTICLE_AUTOSAVE_MAX_BYTES} bytes.", 413)
            return handler(request, **kwargs)

        return never_cache(csrf_protect(endpoint))

    def article(self, request, pk):
        article = get_object_or_404(self.model_admin.get_queryset(request), pk=pk)
        if not self.model_admin.has_change_permission(request, article):
            return refusal("You may not change this article.", 403)
        return self.answer(
            request, DraftCopy.objects.of_form(request.user, article=article), article
        )

    def new_article(self, request):
        if not self.model_admin.has_add_permission(request):
            return refusal("You may not add articles.", 403)
        form_key = request.GET.get("form_key") or posted_form_key(request)
        if request.method == "GET" and not form_key:
            copy = DraftCopy.objects.latest_new_article(request.user)
            return JsonResponse({"copy": as_json(copy) if copy else None})
        if not form_key or len(form_key) > 64:
            return refusal("Which form? Send its form_key.", 400)
        return self.answer(request, DraftCopy.objects.of_form(request.user, form_key=form_key))

    def answer(self, request, copies, article=None):
        if request.method == "DELETE":
            copies.delete()
            return JsonResponse({"copy": None})
        if request.method == "GET":
            copy = copies.first()
            return JsonResponse({"copy": as_json(copy, article) if copy else None})
        return self.keep(request, article)

    def keep(self, request, article):
        payload = request.POST.get("fields", "")
        labels = request.POST.get("labels", "")
        if len((payload + labels).encode()) > settings.ARTICLE_AUTOSAVE_MAX_BYTES:
            return refusal(f"A copy may be {settings.ARTICLE_AUTOSAVE_MAX_BYTES} bytes.", 413)
        fields = readable_fields(payload)
        if fields is None:
            return refusal("Send the form's fields as a JSON object.", 400)
        copy = DraftCopy.objects.keep(
            request.user,
            article=article,
            form_key=posted_form_key(request),
            fields=fields,
            labels=readable_labels(labels),
        )
        return JsonResponse({"copy": {"saved_at_text": as_json(copy)["saved_at_text"]}})


def form_settings(request):
    """What the article form's script needs: where its copy lives and how often to keep it."""
    return {
        "seconds": settings.ARTICLE_AUTOSAVE_SECONDS,
        # The same form sent back (errors, an edit conflict) keeps its key and offers nothing:
        # it already holds the newest typing.
        "form_key": posted_form_key(request) or new_form_key(),
        "offer_restore": request.method != "POST",
        "form_key_field": FORM_KEY_FIELD,
    }
