"""The newsroom desk: the admin's front page, made of the panels each app gives for the
person signed in. A panel an app withholds (None) is one this person may not see."""

from articles import desk as articles_desk
from columnists import desk as columnists_desk
from comments import desk as comments_desk
from newsletter import desk as newsletter_desk


def panels_for(user):
    panels = [
        articles_desk.your_notices(user),
        articles_desk.my_drafts(user),
        articles_desk.waiting_for_review(user),
        articles_desk.going_live_today(user),
        comments_desk.comments_waiting(user),
        columnists_desk.pitches_due(user),
        newsletter_desk.todays_bulletin(user),
    ]
    return [panel for panel in panels if panel is not None]
