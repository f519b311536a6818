"""Production settings plus the 20-row listing page the bench measures inside the site."""

from nhe.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
