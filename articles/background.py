"""Work done after a request, on the task queue: enqueued once the change it reports commits,
retried later when it fails, and never a reason for the reader's request to fail.

The apps that send email (comments, columnists) use these two helpers for their tasks.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def enqueue_after_commit(task, *args):
    """Enqueue `task` when the current transaction commits; a failure to enqueue is logged.

    The change is saved whatever happens here, so the reader is answered as saved. A queue
    that cannot be reached (say, a database connection that died after the commit) loses
    this one task, and a broken connection is dropped so the rest of the request gets a
    fresh one.
    """

    def enqueue():
        try:
            task.enqueue(*args)
        except Exception:
            logger.exception("Could not enqueue %s%r", task.name, args)
            if transaction.get_autocommit():  # outside any transaction a caller still holds
                close_old_connections()

    transaction.on_commit(enqueue)


def retry_later(task, *args, attempt, error):
    """Enqueue `task` again after the next wait in TASKS_RETRY_DELAYS, or give up; log which.

    `attempt` is the attempt that just failed (1 for the first); the retry gets attempt + 1.
    A backend that cannot run a task later (the immediate one) gets no retry.
    """
    delays = settings.TASKS_RETRY_DELAYS
    if attempt > len(delays) or not task.get_backend().supports_defer:
        logger.error("%s%r failed on attempt %d, giving up: %s", task.name, args, attempt, error)
        return None
    delay = delays[attempt - 1]
    logger.warning(
        "%s%r failed on attempt %d, retrying in %d s: %s", task.name, args, attempt, delay, error
    )
    return task.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        *args, attempt=attempt + 1
    )
