"""Emails about the desk's notices, sent by the task queue once the step they report commits."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.urls import reverse

from .background import retry_later
from .models import Notice, display_name


def notice_email(notice):
    """The plain-text email telling a notice's recipient, with a link to the piece."""
    link = settings.SITE_URL.rstrip("/") + reverse(
        "admin:articles_article_change", args=[notice.article_id]
    )
    subject = " ".join(f"{notice.get_kind_display()}: {notice.article.title}".split())
    body = (
        f"Hello {display_name(notice.recipient)},\n\n{notice.text}\n\n"
        f"Open the piece: {link}\n\n{settings.SITE_NAME} newsroom\n"
    )
    return EmailMessage(subject[:200], body, to=[notice.recipient.email])


@task
def send_notice_email(notice_id, attempt=1):
    """Email one notice to its recipient, if they have an address."""
    notice = Notice.objects.select_related("recipient", "article").filter(pk=notice_id).first()
    if notice is None or not notice.recipient.email:
        return False
    try:
        notice_email(notice).send()
    except Exception as error:
        retry_later(send_notice_email, notice_id, attempt=attempt, error=error)
        raise
    return True
