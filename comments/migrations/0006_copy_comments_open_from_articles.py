"""Articles an editor closed to comments keep that choice in their comment settings.

Whether comments are open moved from Article to the comments app's per-article settings.
This runs before articles' migration that removes the field (run_before), so the articles
app keeps no dependency on comments.
"""

from django.db import migrations


def copy_closed_articles(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Settings = apps.get_model("comments", "ArticleCommentSettings")
    for article_id in Article.objects.filter(comments_open=False).values_list("pk", flat=True):
        Settings.objects.update_or_create(article_id=article_id, defaults={"comments_open": False})


def copy_closed_articles_back(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Settings = apps.get_model("comments", "ArticleCommentSettings")
    closed = Settings.objects.filter(comments_open=False).values("article_id")
    Article.objects.filter(pk__in=closed).update(comments_open=False)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_article_backdate"),
        ("comments", "0005_articlecommentsettings_comments_open"),
    ]
    run_before = [
        ("articles", "0013_remove_article_comments_open"),
    ]

    operations = [
        migrations.RunPython(copy_closed_articles, copy_closed_articles_back),
    ]
