"""Tell the site's caches when what readers see of the comments changes.

A new comment held for moderation changes nothing public, so a flood of them (or of spam)
never empties the page cache; approvals, edits, removals and hidden reported comments do.
"""

from django.db.models.signals import post_delete, post_save

from articles.signals import announce, public_content_changed

from .models import ArticleCommentSettings, Comment


def _comment_saved(sender, instance, created, **kwargs):
    if created and instance.status != Comment.Status.APPROVED:
        return
    public_content_changed.send(sender=Comment)


def _comment_deleted(sender, instance, **kwargs):
    if instance.status == Comment.Status.APPROVED:
        public_content_changed.send(sender=Comment)


def visible_comments_changed():
    """For bulk updates, which send no model signals."""
    public_content_changed.send(sender=Comment)


def connect():
    post_save.connect(_comment_saved, sender=Comment, dispatch_uid="comments:public:save")
    post_delete.connect(_comment_deleted, sender=Comment, dispatch_uid="comments:public:del")
    # Closing comments or a legal hold changes every page that shows the article's thread.
    for signal, name in ((post_save, "save"), (post_delete, "del")):
        signal.connect(
            announce, sender=ArticleCommentSettings, dispatch_uid=f"comments:settings:{name}"
        )
