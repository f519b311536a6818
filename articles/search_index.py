"""Keep each article's search vector current when the things it covers change elsewhere."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from .models import Article, Author, Byline, InterviewQuestion


def _refresh(**lookup):
    Article.objects.filter(**lookup).refresh_search_vector()


def tags_added(sender, instance, action, **kwargs):
    # Removals delete TaggedItem rows one by one, and are handled below.
    if action == "post_add" and isinstance(instance, Article):
        _refresh(pk=instance.pk)


def tagging_deleted(sender, instance, **kwargs):
    if ContentType.objects.get_for_id(instance.content_type_id).model_class() is Article:
        _refresh(pk=instance.object_id)


def tag_renamed(sender, instance, created, raw, **kwargs):
    if not created and not raw:
        _refresh(tags=instance)


def part_changed(sender, instance, **kwargs):
    _refresh(pk=instance.article_id)


def author_changed(sender, instance, created, raw, **kwargs):
    if not created and not raw:
        _refresh(bylines__author=instance)


def connect():
    m2m_changed.connect(tags_added, sender=TaggedItem, dispatch_uid="search:tags-added")
    post_delete.connect(tagging_deleted, sender=TaggedItem, dispatch_uid="search:tag-deleted")
    post_save.connect(tag_renamed, sender=Tag, dispatch_uid="search:tag-renamed")
    for model in (Byline, InterviewQuestion):
        for signal in (post_save, post_delete):
            signal.connect(
                part_changed, sender=model, dispatch_uid=f"search:{model.__name__}:{signal}"
            )
    post_save.connect(author_changed, sender=Author, dispatch_uid="search:author")
