import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import pluralize

from articles.background import enqueue_after_commit

from . import moderation, tasks
from .models import REPORT_NOTE_MAX_LENGTH, Comment, Report

# Characters that reorder or hide text: harmless in a body, but in a name they can make one
# reader pass for another, so names refuse them.
DIRECTION_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
)


def refuse_unencodable(value):
    if any(unicodedata.category(char) == "Cs" for char in value):
        raise ValidationError("This contains characters we cannot store. Please retype it.")


def refuse_hidden_characters(value):
    if any(char in DIRECTION_CONTROLS or unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError("Names cannot contain control or text-direction characters.")


STAFF_MARK = "nhe staff"  # as moderation.normalise_words writes it


class CommentForm(forms.ModelForm):
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput)
    # A field people never see: software that fills every field fills this one too.
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Comment
        fields = ["name", "email", "body", "notify_replies"]
        labels = {"name": "Your name", "email": "Your email", "body": "Your comment"}
        help_texts = {
            "name": "Shown with your comment.",
            "email": "Never shown. Used only to tell you about replies if you ask.",
            "notify_replies": "",
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.parent = None
        # No maxlength attribute: browsers count it differently and cut pasted text silently.
        limit = settings.COMMENTS_MAX_LENGTH
        body = self.fields["body"]
        body.validators.append(refuse_unencodable)
        body.help_text = f"Plain text, up to {limit:,} characters. Web addresses become links."
        self.fields["name"].validators += [refuse_unencodable, refuse_hidden_characters]
        self.fields["email"].validators.append(refuse_unencodable)
        self.fields["notify_replies"].label = "Email me when someone replies"

    def clean_name(self):
        # The staff mark is given only to replies moderators post; a reader may not wear it.
        name = self.cleaned_data["name"]
        if STAFF_MARK in moderation.normalise_words(name):
            raise ValidationError("Please use your own name: only NHE staff replies say so.")
        return name

    def clean_body(self):
        body = self.cleaned_data["body"]
        limit = settings.COMMENTS_MAX_LENGTH
        if len(body) > limit:
            raise ValidationError(
                f"Please shorten your comment to {limit:,} characters or fewer; "
                f"it has {len(body):,}."
            )
        return body

    def clean_reply_to(self):
        parent_id = self.cleaned_data.get("reply_to")
        if parent_id is None:
            return None
        parent = (
            Comment.objects.visible()
            .filter(article=self.article, pk=parent_id)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise ValidationError("The comment you were replying to is no longer shown.")
        # Replies go one level deep: a reply to a reply joins the same thread.
        self.parent = parent.parent or parent
        return self.parent.pk

    def clean(self):
        cleaned = super().clean()
        problem = moderation.form_token_problem(cleaned.get("token", ""), self.article.pk)
        if problem:
            raise ValidationError(problem, code="token")
        email, body = cleaned.get("email"), cleaned.get("body")
        if email and body:
            duplicate = Comment.objects.by_email(email).filter(article=self.article, body=body)
            if duplicate.exists():
                raise ValidationError(
                    "You have already posted this comment on this article.", code="duplicate"
                )
        return cleaned

    @property
    def is_from_software(self):
        """True when the hidden field was filled in, as only software does."""
        return bool(self.cleaned_data.get("website"))

    def save(self, *, ip_hash):
        """Store the comment as the moderation policy decides; returns it and the decision."""
        decision = moderation.decide(
            name=self.cleaned_data["name"],
            email=self.cleaned_data["email"],
            body=self.cleaned_data["body"],
        )
        comment = super().save(commit=False)
        comment.article = self.article
        comment.parent = self.parent
        comment.status = decision.status
        comment.held_reason = decision.reason
        comment.safety_hold = decision.safety_hold
        comment.ip_hash = ip_hash
        with transaction.atomic():
            comment.save()
            if comment.status == Comment.Status.PENDING:
                enqueue_after_commit(tasks.alert_moderators, comment.pk)
            elif comment.status == Comment.Status.APPROVED and comment.parent_id:
                # Published at once (a trusted author): tell the parent now, as approval would.
                enqueue_after_commit(tasks.notify_parent_of_reply, comment.pk)
        return comment, decision


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Report.Reason.choices,
        label="Why should we review it?",
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose why we should review it."},
    )
    note = forms.CharField(
        required=False,
        label="Anything a moderator should know? (optional)",
        help_text=(
            f"Up to {REPORT_NOTE_MAX_LENGTH} characters. Only moderators read this; "
            "please do not include patient details."
        ),
        # No maxlength attribute, as on the comment form: a pasted note is never cut silently.
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[refuse_unencodable],
    )

    def clean_note(self):
        # Control characters (other than line breaks and tabs) carry nothing a moderator
        # needs and can disguise text, so they are dropped rather than refused.
        note = "".join(
            char
            for char in self.cleaned_data["note"]
            if char in "\n\t"
            or (unicodedata.category(char) != "Cc" and char not in DIRECTION_CONTROLS)
        ).strip()
        if len(note) > REPORT_NOTE_MAX_LENGTH:
            raise ValidationError(
                f"Please shorten your note to {REPORT_NOTE_MAX_LENGTH} characters or fewer; "
                f"it has {len(note):,}."
            )
        return note


class StaffReplyForm(forms.Form):
    """A moderator's reply, published at once and marked as NHE staff."""

    name = forms.CharField(
        max_length=80,
        label="Shown as",
        help_text="The name readers see, beside the NHE staff mark.",
        validators=[refuse_unencodable, refuse_hidden_characters],
    )
    body = forms.CharField(
        label="Reply",
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text="Plain text. Web addresses become links. Published as soon as you send it.",
        validators=[refuse_unencodable],
    )

    def clean_body(self):
        body = self.cleaned_data["body"]
        limit = settings.COMMENTS_MAX_LENGTH
        if len(body) > limit:
            raise ValidationError(f"Please keep the reply to {limit:,} characters or fewer.")
        return body


class RedactionForm(forms.Form):
    passage = forms.CharField(
        label="Passage to remove",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=(
            "Copy the words exactly as they appear above. Every place they appear is replaced "
            "with “[removed by a moderator]”; the original is kept for moderators."
        ),
    )
    note = forms.CharField(
        max_length=300,
        required=False,
        label="Why (internal)",
        help_text="Only moderators see this.",
        validators=[refuse_unencodable],
    )

    def __init__(self, *args, comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment = comment

    def clean_passage(self):
        # Pasting from the page turns the comment's line breaks into the browser's.
        passage = self.cleaned_data["passage"].replace("\r\n", "\n")
        if not passage.strip():
            raise ValidationError("Please give the words to remove.")
        if passage not in self.comment.body:
            passage = passage.strip()
        if passage not in self.comment.body:
            raise ValidationError(
                "Those words are not in the comment as written. Copy them exactly, "
                "including punctuation."
            )
        return passage


class BlockCommenterForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Block for",
        coerce=int,
        choices=[(1, "1 day"), (7, "7 days"), (30, "30 days"), (90, "90 days"), (365, "1 year")],
        initial=30,
    )
    by_network = forms.BooleanField(
        required=False,
        initial=True,
        label="Also block their network address",
        help_text=(
            "Stops a new email address from the same connection. Untick if they post from a "
            "shared connection, such as a hospital's, where others would be blocked too."
        ),
    )
    note = forms.CharField(
        max_length=300,
        required=False,
        label="Why (internal)",
        help_text="Only moderators see this.",
        validators=[refuse_unencodable],
    )


def too_many_message(what):
    minutes = max(1, settings.COMMENTS_RATE_WINDOW // 60)
    return (
        f"Too many {what} from here for now. "
        f"Please try again in {minutes} minute{pluralize(minutes)}."
    )


def comment_form_context(form, *, replying_to=None):
    """What templates/comments/form.html needs besides the form: the article, the thread a
    reply joins, a fresh token (the one sent back may be stale) and the privacy note's facts."""
    return {
        "form": form,
        "article": form.article,
        "replying_to": replying_to,
        "token": moderation.form_token(form.article.pk),
        "purge_days": settings.COMMENTS_PURGE_AFTER_DAYS,
        "privacy_contact": settings.COMMENTS_PRIVACY_CONTACT,
    }
