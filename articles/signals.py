"""One signal for "what readers can see has changed", so caches can follow without knowing why.

Sent after saves and deletions of everything that shows on public pages; the comments app
sends it too when a visible comment appears, changes or goes. Receivers run on commit.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

public_content_changed = Signal()


def announce(sender, **kwargs):
    public_content_changed.send(sender=sender)


def connect_public_models():
    from django.contrib.redirects.models import Redirect
    from taggit.models import Tag, TaggedItem

    from .models import (
        Article,
        Author,
        Byline,
        Correction,
        Image,
        InterviewQuestion,
        Section,
    )

    for model in (
        Article, Author, Byline, Correction, Image, InterviewQuestion, Section, Tag, TaggedItem,
        Redirect,
    ):  # fmt: skip
        post_save.connect(announce, sender=model, dispatch_uid=f"public:{model.__name__}:save")
        post_delete.connect(announce, sender=model, dispatch_uid=f"public:{model.__name__}:del")
    m2m_changed.connect(announce, sender=Article.related.through, dispatch_uid="public:related")
