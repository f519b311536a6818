"""Production settings plus the bare baseline view that every figure is divided by."""

from nhe.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
