class AccessTokenConverter:
    """A pitch's status-page token: URL-safe base64 of the length `new_access_token` makes.

    Anything else, a NUL byte among them, matches no URL and answers 404 before any query.
    """

    regex = r"[-A-Za-z0-9_]{32,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
