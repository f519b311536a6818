"""Signed values as a page would have issued them earlier: Django's TimestampSigner stamps
them with time.time(), so the clock is turned back while they are signed."""

import time
from unittest import mock


def signed_ago(seconds, sign, *args):
    """What sign(*args) would have returned `seconds` ago."""
    with mock.patch("time.time", return_value=time.time() - seconds):
        return sign(*args)
