"""What a browser sends when an editor saves the article form in admin."""

from django.urls import reverse
from django.utils import timezone

from articles.models import Article

# Every inline on the article form, the comments app's per-article settings included.
INLINES = ["bylines", "questions", "corrections", "share_links", "comment_settings"]


def split(moment):
    if moment is None:
        return {"_0": "", "_1": ""}
    local = timezone.localtime(moment)
    return {"_0": f"{local:%Y-%m-%d}", "_1": f"{local:%H:%M:%S}"}


def article_form_data(article=None, **overrides):
    """The POST body of the admin article form, filled from an article (or a new one)."""
    data = {
        "title": "Trusts publish their winter plans",
        "slug": "",
        "section": "",
        "standfirst": "Boards set out how they will cope.",
        "body": "<p>Every board has a plan.</p>",
        "status": Article.Status.DRAFT,
        "featured_order": "0",
        "seo_title": "",
        "seo_description": "",
        "video_url": "",
        "new_tags": "",
        "base_version": "",
    }
    moments = {"publish_at": timezone.now(), "embargo_until": None, "updated_at": None}
    for prefix in INLINES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            section=str(article.section_id),
            standfirst=article.standfirst,
            body=article.body,
            status=article.status,
            featured_order=str(article.featured_order),
            base_version=str(article.version),
        )
        if article.is_featured:
            data["is_featured"] = "on"
        moments = {name: getattr(article, name) for name in moments}
        bylines = list(article.bylines.all())
        data.update({"bylines-TOTAL_FORMS": len(bylines), "bylines-INITIAL_FORMS": len(bylines)})
        for n, byline in enumerate(bylines):
            data.update(
                {
                    f"bylines-{n}-id": byline.pk,
                    f"bylines-{n}-article": article.pk,
                    f"bylines-{n}-author": byline.author_id,
                    f"bylines-{n}-position": byline.position,
                }
            )
    for name, moment in moments.items():
        if name in overrides:
            moment = overrides.pop(name)
        data.update({name + suffix: value for suffix, value in split(moment).items()})
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


ADD_URL = "/admin/articles/article/add/"
CHANGELIST_URL = "/admin/articles/article/"
