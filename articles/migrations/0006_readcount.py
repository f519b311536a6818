"""Daily read counts per article, written in batches from the cache for "most read"."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_article_search_vector")]

    operations = [
        migrations.CreateModel(
            name="ReadCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField()),
                ("count", models.PositiveIntegerField(default=0)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="read_counts",
                        to="articles.article",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["day"], name="read_count_day_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "day"), name="unique_read_count_per_day"
                    )
                ],
            },
        ),
    ]
