"""Error reports to Sentry (or any server that speaks its protocol, such as GlitchTip).

nhe/settings.py imports this module, and with it sentry_sdk, only when SENTRY_DSN is set;
without it nothing is loaded and nothing leaves the machine.
"""

import ipaddress
import re

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from nhe.logs import NO_REQUEST, request_id

EMAIL = re.compile(r"[^\s@<>\"'(),;:]+@[^\s@<>\"'(),;:]+\.[A-Za-z]{2,}")
# Runs of the characters IP addresses are written with; ip_address() decides which are.
ADDRESS_LIKE = re.compile(r"[0-9A-Fa-f:.]{3,}")
# Versions and machine details, not anything a person sent us: left as they are.
UNSCRUBBED_KEYS = {"release", "sdk", "modules", "contexts", "environment", "server_name"}


def mask_address(match):
    text = match.group()
    # A sentence may end right after an address ("from 10.1.2.3."); "::1" starts with colons.
    for candidate in (text, text.rstrip(".:"), text.strip(".:")):
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            continue
        return text.replace(candidate, "[ip]", 1)
    return text


def scrub(value):
    """The value with every email address and IP address in its strings masked."""
    if isinstance(value, str):
        return ADDRESS_LIKE.sub(mask_address, EMAIL.sub("[email]", value))
    if isinstance(value, dict):
        return {
            key: item if key in UNSCRUBBED_KEYS else scrub(item) for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    return value


def before_send(event, hint):
    """Keep readers' and applicants' emails and addresses out of reports; add the request id.

    send_default_pii=False already drops cookies, the user and forwarding headers; request
    bodies are not sent at all. What is left (messages, exception values, local variables,
    breadcrumbs) may still quote an email or an IP address, so every string is masked.
    """
    event = scrub(event)
    event.pop("user", None)
    current = request_id.get()
    if current != NO_REQUEST:
        event.setdefault("tags", {})["request_id"] = current
    return event


def start(*, dsn, environment, release, traces_sample_rate):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        before_send=before_send,
        before_send_transaction=before_send,
    )
