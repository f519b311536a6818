from django.db import migrations, models

PATIENT_NOTICE_REASON = "May contain patient information"


def hold_comments_hidden_for_legal_risk(apps, schema_editor):
    """Comments already hidden for patient information or defamation keep that hold."""
    Comment = apps.get_model("comments", "Comment")
    hidden = Comment.objects.exclude(status="approved")
    for reason in ("patient", "defamation"):
        hidden.filter(safety_hold="", reports__reason=reason, reports__resolved=False).update(
            safety_hold=reason
        )
    hidden.filter(safety_hold="", held_reason=PATIENT_NOTICE_REASON).update(safety_hold="patient")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_comment_count_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="safety_hold",
            field=models.CharField(
                blank=True,
                choices=[
                    ("patient", "patient information"),
                    ("defamation", "possible defamation"),
                ],
                help_text=(
                    "Set when the comment may hold patient information or be defamatory. Bulk "
                    "approval leaves it alone; approving it one by one needs a confirmation."
                ),
                max_length=20,
            ),
        ),
        migrations.RunPython(hold_comments_hidden_for_legal_risk, migrations.RunPython.noop),
    ]
