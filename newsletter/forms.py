"""The sign-up form (footer, under articles, the page of its own) and the preferences form."""

import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from articles.models import Section

from .models import Subscriber

# What a reader agrees to by subscribing, shown beside every sign-up button. Consent records
# keep NEWSLETTER_CONSENT_VERSION, not these words: change the version whenever they change.
CONSENT_WORDING = (
    "By subscribing you agree to receive our bulletin by email. We use your address for "
    "nothing else, every email has a link to stop, and you can change what you get at any time."
)

FREQUENCY_LABEL = "How often"
SECTIONS_LABEL = "Sections (leave all unticked for everything)"

# Characters that hide or reorder text, or break a header line: never part of a real address.
TOO_LONG = "An email address has at most 254 characters; this one has %(show_value)d."
HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def consent_wording():
    return CONSENT_WORDING


def clean_address(value):
    """The address as a mail server sees it: compatibility forms folded (full-width letters
    become ASCII), control, format and line-break characters refused."""
    value = unicodedata.normalize("NFKC", value).strip()
    if any(unicodedata.category(char) in HIDDEN_CATEGORIES for char in value):
        raise ValidationError(
            "Your email address contains hidden or control characters. Please type it again.",
            code="hidden",
        )
    return value


class AddressField(forms.EmailField):
    default_error_messages = {
        "invalid": "Please enter an email address like name@example.org.",
        "required": "Please enter your email address.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("label", "Email address")
        kwargs.setdefault("error_messages", {"max_length": TOO_LONG})
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return clean_address(value) if value else value


class SectionChoiceField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": "One of the sections you ticked no longer exists. Please tick again.",
        "invalid_pk_value": "One of the sections you ticked no longer exists. Please tick again.",
        "invalid_list": "Please tick the sections you want.",
    }

    def label_from_instance(self, section):
        return section.name


class PreferenceFields(forms.Form):
    """How often and which sections: shared by the sign-up and preferences forms."""

    frequency = forms.ChoiceField(
        label=FREQUENCY_LABEL,
        choices=Subscriber.Frequency.choices,
        initial=Subscriber.Frequency.DAILY,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose how often you want the bulletin.",
            "invalid_choice": "Please choose daily or weekly.",
        },
    )
    sections = SectionChoiceField(
        label=SECTIONS_LABEL,
        queryset=Section.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class SubscribeForm(PreferenceFields):
    email = AddressField()
    # The page the form was on, for the consent record; checked by the view (guards.py).
    page = forms.CharField(required=False, widget=forms.HiddenInput)
    # A field people never see: software that fills every field fills this one too.
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["email", "frequency", "sections"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")

    @property
    def consent_wording(self):
        return consent_wording()

    @property
    def consent_version(self):
        return settings.NEWSLETTER_CONSENT_VERSION

    @property
    def is_from_software(self):
        """True when the hidden field was filled in, as only software does."""
        return bool(self.data.get("website"))


class PreferencesForm(PreferenceFields):
    def __init__(self, *args, subscriber, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "frequency": subscriber.frequency,
                "sections": [section.pk for section in subscriber.sections.all()],
            },
        )
        super().__init__(*args, **kwargs)
        self.subscriber = subscriber

    @property
    def consent_wording(self):
        return consent_wording()
