"""A stored, weighted full-text search vector on articles, with a GIN index (PostgreSQL)."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import OuterRef, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Concat


class AddIndexOnPostgres(migrations.AddIndex):
    """GIN indexes exist only on PostgreSQL; the embedded SQLite database goes without."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fill_search_vectors(apps, schema_editor):
    """The same document as articles.models.search_document, frozen at this migration."""
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    Byline = apps.get_model("articles", "Byline")
    InterviewQuestion = apps.get_model("articles", "InterviewQuestion")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    article = OuterRef("pk")
    tags = (
        TaggedItem.objects.filter(
            content_type__app_label="articles", content_type__model="article", object_id=article
        )
        .values("object_id")
        .annotate(names=StringAgg("tag__name", Value(" ")))
        .values("names")
    )
    bylines = (
        Byline.objects.filter(article=article)
        .values("article")
        .annotate(names=StringAgg("author__name", Value(" ")))
        .values("names")
    )
    turns = (
        InterviewQuestion.objects.filter(article=article)
        .values("article")
        .annotate(
            text=StringAgg(
                Concat("question", Value(" "), "answer", output_field=TextField()), Value(" ")
            )
        )
        .values("text")
    )
    Article.objects.update(
        search_vector=SearchVector("title", weight="A", config="english")
        + SearchVector(
            "standfirst", Subquery(tags), Subquery(bylines), weight="B", config="english"
        )
        + SearchVector("body", Subquery(turns), weight="C", config="english")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_create_roles"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        AddIndexOnPostgres(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="article_search_idx"
            ),
        ),
        migrations.RunPython(fill_search_vectors, migrations.RunPython.noop, elidable=True),
    ]
