"""URL converters for the secret tokens in public URLs (share links, unsubscribe links).

A token of the wrong shape, a NUL byte among them, matches no URL and answers 404 before
any query or signature check runs.
"""


class SignedTokenConverter:
    """A value from django.core.signing: URL-safe base64 parts joined by colons."""

    regex = r"[-A-Za-z0-9_.:]{1,200}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
