"""One signal for "what readers can see has changed", so caches can follow without knowing why.

Sent after saves and deletions of everything that shows on public pages, inside the
transaction that makes the change; the comments app sends it too when a visible comment
appears, changes or goes. When a public piece leaves readers' sight (unpublished,
embargoed, rescheduled or deleted) it carries `taken_down`: the paths where readers saw it,
so that no stale copy of them is served again and a CDN can be told to drop them.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

public_content_changed = Signal()


def announce(sender, instance=None, **kwargs):
    taken_down = taken_down_paths(sender, instance, kwargs)
    public_content_changed.send(sender=sender, taken_down=taken_down)


def taken_down_paths(sender, instance, kwargs):
    from .models import Article

    if not issubclass(sender, Article) or instance is None:
        return []
    if kwargs.get("signal") is post_delete:
        gone = instance.is_public()
    else:
        gone = instance.is_taken_down()
    return instance.takedown_paths() if gone else []


def save_as_article(sender, signal, **kwargs):
    """A front-page slot is its article saved from another desk: its history and the caches
    follow Article's saves, and without this a slot's save moved the article's version on
    with no revision to show for it."""
    from .models import Article

    post_save.send(sender=Article, **kwargs)


def connect_public_models():
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.redirects.models import Redirect
    from taggit.models import Tag, TaggedItem

    from .models import (
        Article,
        Author,
        Byline,
        Correction,
        FrontPageArticle,
        Image,
        InterviewQuestion,
        Section,
    )

    for model in (
        Article, Author, Byline, Correction, Image, InterviewQuestion, Section,
        Tag, TaggedItem, Redirect, FlatPage,
    ):  # fmt: skip
        post_save.connect(announce, sender=model, dispatch_uid=f"public:{model.__name__}:save")
        post_delete.connect(announce, sender=model, dispatch_uid=f"public:{model.__name__}:del")
    # A proxy's saves send signals under its own name: the front page's order is saved so.
    post_save.connect(save_as_article, sender=FrontPageArticle, dispatch_uid="front-page:save")
    m2m_changed.connect(announce, sender=Article.related.through, dispatch_uid="public:related")
    m2m_changed.connect(announce, sender=FlatPage.sites.through, dispatch_uid="public:pages")
