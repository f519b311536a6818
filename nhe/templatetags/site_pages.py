"""What the site's own pages (templates/flatpages/) show from settings, so that the numbers
and addresses there are the ones the site runs with, never typed into the pages' text."""

from django import template
from django.conf import settings
from django.utils.translation import ngettext

register = template.Library()


def days(count):
    return ngettext("%(count)d day", "%(count)d days", count) % {"count": count}


def lifetime(seconds):
    """A cookie's age in whole weeks where it is some, else in days, or hours under a day."""
    if seconds < 86400:
        count = max(1, round(seconds / 3600))
        return ngettext("%(count)d hour", "%(count)d hours", count) % {"count": count}
    whole_days = max(1, round(seconds / 86400))
    return weeks(whole_days // 7) if whole_days % 7 == 0 else days(whole_days)


def minutes(seconds):
    count = max(1, round(seconds / 60))
    return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}


def months(count):
    return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}


def weeks(count):
    return ngettext("%(count)d week", "%(count)d weeks", count) % {"count": count}


@register.simple_tag
def site_contacts():
    """The addresses readers write to, each with what it is for."""
    return [
        ("Newsroom", "News, press releases, corrections, accessibility", settings.NEWSROOM_EMAIL),
        ("Advertising", "Advertising and sponsorship", settings.ADVERTISING_EMAIL),
        ("Data protection", "Your personal data and your rights", settings.PRIVACY_EMAIL),
    ]


@register.simple_tag
def retention_periods():
    """(what, how long we keep it) for each kind of personal data, from the settings that
    the purge jobs and rate limits run by."""
    rate_window = max(settings.COMMENTS_RATE_WINDOW, settings.PITCH_RATE_WINDOW)
    return [
        (
            "Comments we reject or mark as spam, with the name, email address and scrambled "
            "internet address code",
            f"Deleted after {days(settings.COMMENTS_PURGE_AFTER_DAYS)}",
        ),
        (
            "Published comments, with the name, email address and scrambled code",
            "Until you ask us to remove them, or we remove the comment",
        ),
        (
            "Pitches we decline or you withdraw, with their files",
            f"Personal details and files deleted {months(settings.PITCH_RETENTION_MONTHS)} "
            "after the decision; an anonymous record stays for our statistics",
        ),
        (
            "Accepted pitches",
            "For as long as we publish your columns and work with you",
        ),
        (
            "Your internet address, to limit repeated comments, reports, pitches and reads",
            f"At most {minutes(rate_window)}, as a count that is then forgotten",
        ),
        (
            "Backups of our database, which may hold any of the above",
            f"Daily backups for {days(settings.BACKUP_KEEP_DAYS)} and weekly backups "
            f"for {weeks(settings.BACKUP_KEEP_WEEKS)}; then deleted",
        ),
    ]


@register.simple_tag
def site_cookies():
    """(name, what it does, when it is set, how long it lasts) for every cookie we set."""
    return [
        (
            settings.CSRF_COOKIE_NAME,
            "Stops other websites sending forms in your name.",
            "When you open the form to pitch a column, or an editor signs in.",
            lifetime(settings.CSRF_COOKIE_AGE),
        ),
        (
            "messages",
            'Carries a one-off confirmation, such as "Thank you for your comment", to the '
            "next page.",
            "After you withdraw a pitch, or post on an article whose comments have closed.",
            "Until the confirmation is shown, straight away",
        ),
        (
            "own_comments",
            "Shows you your own comments while they wait for a moderator, and the thank-you "
            "after a comment or report. It holds only which comments are yours.",
            "When you post a comment, a reply or a report.",
            lifetime(settings.COMMENTS_OWN_COOKIE_SECONDS),
        ),
        (
            settings.SESSION_COOKIE_NAME,
            "Keeps an editor signed in to the newsroom's admin.",
            "Only for our staff, when they sign in.",
            lifetime(settings.SESSION_COOKIE_AGE),
        ),
    ]


@register.simple_tag
def privacy_email():
    return settings.PRIVACY_EMAIL
