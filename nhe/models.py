from django.db import models


class ScheduledJob(models.Model):
    """The latest period for which the scheduler enqueued a periodic job (nhe/schedule.py).

    Schedulers claim a period by moving `period_start` forward in one conditional update, so
    however many of them run, each job is enqueued once per period.
    """

    command = models.CharField(max_length=100, unique=True)
    period_start = models.DateTimeField(null=True, help_text="Empty until first enqueued.")
    enqueued_at = models.DateTimeField(null=True)

    def __str__(self):
        return self.command
