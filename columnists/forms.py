from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from articles.fields import SafeImageFormField
from articles.models import Author

from . import antispam, emails, samples
from .models import Pitch

FILE_FIELDS = ("sample_file", "headshot")


class PitchForm(forms.ModelForm):
    """The public pitch form; uploads are judged by their content before anything is kept."""

    sample_file = forms.FileField(
        label="Or attach a writing sample",
        required=False,
        allow_empty_file=True,  # an empty file gets our own clearer message
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )
    headshot = SafeImageFormField(label="A headshot (optional)", required=False)
    consent = forms.BooleanField(
        label="I agree that NHE may keep and use the details in this form to consider my pitch",
        required=True,
        error_messages={"required": "Please tick the box to let us consider your pitch."},
    )
    # Hidden from people by the stylesheet; robots that fill in every field fill this too.
    leave_blank = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = [
        "name",
        "email",
        "job_title",
        "organisation",
        "pitch_title",
        "synopsis",
        "sample_text",
        "sample_file",
        "headshot",
        "links",
        "conflicts",
        "consent",
    ]

    class Meta:
        model = Pitch
        fields = [
            "name",
            "email",
            "job_title",
            "organisation",
            "pitch_title",
            "synopsis",
            "sample_text",
            "links",
            "conflicts",
        ]
        labels = {
            "organisation": "Organisation (optional)",
            "links": "Links to your work (optional)",
        }
        help_texts = {
            "email": "We send your reference and a link to follow your pitch here.",
            "job_title": "As you would like it to appear under your byline, e.g. “GP partner”.",
            "pitch_title": "A working title; we may suggest another.",
            "synopsis": (
                "In up to 600 words: what the column argues, why now, why you, how often you "
                "could write, and two or three topics for the first pieces."
            ),
            "sample_text": (
                "Paste something you have written (published or not), or attach it below. "
                "We need one or the other."
            ),
            "links": "Up to five web addresses, one per line: published pieces, blog, profile.",
            "conflicts": (
                "Funding, payments from industry, advisory or political roles, or anything a "
                "reader would want to know. Leave empty if you have nothing to declare."
            ),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "synopsis": forms.Textarea(attrs={"rows": 8}),
            "sample_text": forms.Textarea(attrs={"rows": 10}),
            "links": forms.Textarea(attrs={"rows": 3}),
            "conflicts": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.sample_kind = None
        self.fields["started"].initial = antispam.issue_timestamp()
        headshot_limit = min(settings.PITCH_HEADSHOT_MAX_BYTES, settings.IMAGE_MAX_UPLOAD_BYTES)
        self.fields["headshot"].max_bytes = headshot_limit
        self.fields["headshot"].help_text = (
            f"A JPEG, PNG or WebP photo of you, up to {filesizeformat(headshot_limit)}; "
            "we use it if we publish your column."
        )
        self.fields[
            "sample_file"
        ].help_text = (
            f"A PDF or Word (.docx) file, up to {filesizeformat(settings.PITCH_SAMPLE_MAX_BYTES)}."
        )

    @property
    def caught_robot(self):
        return bool(self.is_bound and self.data.get("leave_blank"))

    @property
    def files_were_sent(self):
        return any(self.files.get(name) for name in FILE_FIELDS)

    def clean_sample_file(self):
        uploaded = self.cleaned_data.get("sample_file")
        if uploaded:
            self.sample_kind = samples.check_sample(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        started = self.data.get("started", "")
        if not antispam.issued_within(started, antispam.FORM_MAX_AGE):
            self.add_error(
                None,
                ValidationError(
                    "This form had expired. Please check your pitch and send it again.",
                    code="expired",
                ),
            )
        elif antispam.issued_within(started, settings.PITCH_MIN_FILL_SECONDS):
            self.add_error(
                None,
                ValidationError(
                    "That was quicker than we expected. Please check your pitch and send it "
                    "again.",
                    code="too_fast",
                ),
            )
        # A form field looks only at the last of several files sent under one name; refuse
        # such a request rather than pass over files that were never checked.
        for name in FILE_FIELDS:
            if hasattr(self.files, "getlist") and len(self.files.getlist(name)) > 1:
                self.add_error(name, ValidationError("Please attach one file.", code="many"))
        has_text = bool(cleaned.get("sample_text", "").strip())
        if not has_text and not cleaned.get("sample_file") and "sample_file" not in self.errors:
            self.add_error(
                "sample_text",
                ValidationError(
                    "Please paste a writing sample or attach one as a PDF or Word file.",
                    code="sample_required",
                ),
            )
        return cleaned

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.errors:
            # Whatever went wrong, the next attempt gets a fresh start time.
            self.data = self.data.copy()
            self.data["started"] = antispam.issue_timestamp()

    def pitch_data(self):
        """The text fields of the pitch, as the pipeline stores them."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def sample_display_name(self):
        uploaded = self.cleaned_data.get("sample_file")
        return samples.display_name(uploaded.name, self.sample_kind) if uploaded else ""


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label="Yes, withdraw my pitch",
        error_messages={"required": "Tick the box to confirm that you want to withdraw."},
    )


def _placeholder_help():
    return "You can use " + ", ".join(emails.PLACEHOLDERS) + "; each is filled in per pitch."


class LetterForm(forms.Form):
    """An editable letter to the applicant, for decisions sent from the admin."""

    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 16, "cols": 80}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _placeholder_help()


class AcceptForm(LetterForm):
    existing_author = forms.ModelChoiceField(
        queryset=Author.objects.order_by("name"),
        required=False,
        label="Link to an existing author",
        help_text="Leave empty to create a new columnist from the pitch.",
    )

    field_order = ["existing_author", "subject", "body"]
