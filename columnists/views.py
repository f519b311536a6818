from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from articles.models import Article, Author

from . import antispam, pipeline
from .forms import PitchForm, WithdrawForm
from .models import Pitch

LATEST_PIECES = 3
SUBMITTED_SESSION_KEY = "columnists:submitted-pitch"
TEXT_ALLOWANCE = 1024 * 1024  # the text fields and the multipart framing around the files


def directory(request):
    """Columnists with a published piece, each with their latest pieces."""
    latest = Article.objects.published().select_related("section").newest_first()
    columnists = Author.objects.columnists().prefetch_related(
        Prefetch("articles", queryset=latest[:LATEST_PIECES], to_attr="latest_pieces")
    )
    return render(request, "columnists/directory.html", {"columnists": columnists})


def _apply_page(request, form, status=200, **extra):
    context = {
        "form": form,
        "response_days": settings.PITCH_RESPONSE_DAYS,
        "retention_months": settings.PITCH_RETENTION_MONTHS,
        **extra,
    }
    return render(request, "columnists/apply.html", context, status=status)


# The size check must run before anything reads the body, and CSRF checking reads it;
# so this outer view is exempt and the one that handles the form is protected.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
    if request.method == "POST":
        limit = settings.PITCH_SAMPLE_MAX_BYTES + settings.PITCH_HEADSHOT_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit + TEXT_ALLOWANCE:
            return _apply_page(request, PitchForm(), status=413, too_large=True)
    return _handle_apply(request)


@csrf_protect
@never_cache
def _handle_apply(request):
    if request.method != "POST":
        return _apply_page(request, PitchForm())
    if not antispam.allow_submission(request):
        return _apply_page(request, PitchForm(), status=429, rate_limited=True)
    form = PitchForm(request.POST, request.FILES)
    if form.caught_robot:
        # Robots are shown what they expect and nothing is kept.
        return render(request, "columnists/thanks.html", {"pitch": None})
    if not form.is_valid():
        return _apply_page(request, form)
    try:
        pitch = pipeline.submit(
            data=form.pitch_data(),
            sample=form.cleaned_data["sample_file"],
            sample_kind=form.sample_kind,
            sample_name=form.sample_display_name(),
            headshot=form.cleaned_data["headshot"],
        )
    except pipeline.DuplicatePitch:
        return render(request, "columnists/duplicate.html")
    request.session[SUBMITTED_SESSION_KEY] = pitch.pk
    return redirect("columnists:thanks")


@never_cache
def thanks(request):
    pitch_id = request.session.get(SUBMITTED_SESSION_KEY)
    pitch = Pitch.objects.filter(pk=pitch_id, anonymised_at=None).first() if pitch_id else None
    if pitch is None:
        return redirect("columnists:apply")
    return render(
        request,
        "columnists/thanks.html",
        {"pitch": pitch, "response_days": settings.PITCH_RESPONSE_DAYS},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def pitch_status(request, token):
    """The applicant's own view of their pitch, reached by the link in their email."""
    pitch = get_object_or_404(Pitch, access_token=token, anonymised_at=None)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pipeline.withdraw(pitch)
        except pipeline.PitchStateError:
            messages.error(
                request, "A decision has already been made; this pitch cannot be withdrawn."
            )
        else:
            messages.success(request, "Your pitch has been withdrawn. Thank you for telling us.")
        return redirect(pitch.get_status_url())
    response = render(
        request,
        "columnists/status.html",
        {
            "pitch": pitch,
            "form": form,
            "response_days": settings.PITCH_RESPONSE_DAYS,
            "retention_months": settings.PITCH_RETENTION_MONTHS,
        },
    )
    # The secret URL never leaves for another site; posts back to our own pages still carry
    # their origin, which the CSRF check needs (no-referrer makes browsers send Origin: null).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response
