"""Editors draft, edit, schedule and send the bulletin's issues, and may see who subscribes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [
    ("issue", ["add", "change", "delete", "view"]),
    ("issueitem", ["add", "change", "delete", "view"]),
    ("subscriber", ["view"]),
]


def codenames():
    return [f"{action}_{model}" for model, actions in GRANTS for action in actions]


def newsletter_permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="newsletter", codename__in=codenames()
    )


def let_editors_make_issues(apps, schema_editor):
    # Permissions are normally made after the whole migrate run; the group needs these now.
    newsletter = apps.get_app_config("newsletter")
    models_module = getattr(newsletter, "models_module", None)
    newsletter.models_module = models_module or True
    try:
        create_permissions(newsletter, apps=apps, verbosity=0)
    finally:
        newsletter.models_module = models_module
    for group in apps.get_model("auth", "Group").objects.filter(name="Editor"):
        group.permissions.add(*newsletter_permissions(apps))


def take_it_back(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name="Editor"):
        group.permissions.remove(*newsletter_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("articles", "0019_editors_find_staff_accounts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(let_editors_make_issues, take_it_back)]
