"""Keep each article's search vector current when the things it covers change elsewhere."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from .models import Article, Author, Byline, InterviewQuestion


def _refresh(**lookup):
    Article.objects.filter(**lookup).refresh_search_vector()


@receiver(m2m_changed, sender=TaggedItem)
def tags_added(sender, instance, action, **kwargs):
    # Removals delete TaggedItem rows one by one, and are handled below.
    if action == "post_add" and isinstance(instance, Article):
        _refresh(pk=instance.pk)


@receiver(post_delete, sender=TaggedItem)
def tagging_deleted(sender, instance, **kwargs):
    if ContentType.objects.get_for_id(instance.content_type_id).model_class() is Article:
        _refresh(pk=instance.object_id)


@receiver(post_save, sender=Tag)
def tag_renamed(sender, instance, created, raw, **kwargs):
    if not created and not raw:
        _refresh(tags=instance)


@receiver([post_save, post_delete], sender=Byline)
@receiver([post_save, post_delete], sender=InterviewQuestion)
def part_changed(sender, instance, **kwargs):
    _refresh(pk=instance.article_id)


@receiver(post_save, sender=Author)
def author_changed(sender, instance, created, raw, **kwargs):
    if not created and not raw:
        _refresh(bylines__author=instance)
