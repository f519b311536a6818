from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0004_comment_safety_hold"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlecommentsettings",
            name="comments_open",
            field=models.BooleanField(
                default=True,
                help_text=(
                    "Untick to close comments on this article now; what is shown stays shown."
                ),
            ),
        ),
    ]
