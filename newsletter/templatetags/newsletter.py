"""The bulletin's part of the site's pages: the short sign-up form in the footer and under
articles. `{% load newsletter %}{% newsletter_signup source="footer" %}`"""

from django import template
from django.conf import settings

from newsletter.forms import SubscribeForm
from newsletter.forms import consent_wording as wording

register = template.Library()

PLACES = {"footer", "article"}


@register.inclusion_tag("newsletter/signup.html", takes_context=True)
def newsletter_signup(context, source="footer"):
    """Email and a button: the daily bulletin, every section. Pages carrying it are cached
    whole for every reader, so it holds nothing of one reader's (no CSRF token)."""
    place = source if source in PLACES else "footer"
    request = context.get("request")
    form = SubscribeForm(
        auto_id=f"signup-{place}-%s",
        initial={"page": request.path if request is not None else ""},
    )
    return {"form": form, "place": place, "site_name": settings.SITE_NAME}


@register.simple_tag
def consent_wording():
    """What a reader agrees to by subscribing (versioned by NEWSLETTER_CONSENT_VERSION)."""
    return wording()
