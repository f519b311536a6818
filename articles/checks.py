"""System checks for settings the articles app relies on."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHE = "django.core.cache.backends.locmem.LocMemCache"
IMMEDIATE_TASKS = "django.tasks.backends.immediate.ImmediateBackend"


@checks.register(checks.Tags.caches)
def counters_are_shared(app_configs, **kwargs):
    """Read counts are gathered by the web processes and stored by the task worker, so the
    "counters" cache must be one they share."""
    counters = settings.CACHES.get("counters", {}).get("BACKEND")
    worker_runs_tasks = settings.TASKS["default"]["BACKEND"] != IMMEDIATE_TASKS
    if counters == PER_PROCESS_CACHE and worker_runs_tasks:
        return [
            checks.Warning(
                "The counters cache is kept in each process's memory: reads counted by the "
                'web server never reach the task worker, so "most read" stays empty.',
                hint="Set COUNTERS_CACHE_URL (or CACHE_URL) to a cache every process shares, "
                "such as Redis.",
                id="articles.W001",
            )
        ]
    return []
