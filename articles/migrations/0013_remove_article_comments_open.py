"""Whether comments are open is now the comments app's per-article setting.

The comments app copies the closed articles across first (its migration runs before this
one), so this app needs to know nothing about comments.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_article_backdate"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="article",
            name="comments_open",
        ),
        migrations.RemoveField(
            model_name="historicalarticle",
            name="comments_open",
        ),
    ]
