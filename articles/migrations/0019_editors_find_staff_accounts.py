"""Editors link a byline to a staff account by searching for it, which needs auth.view_user."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def let_editors_find_staff_accounts(apps, schema_editor):
    # Permissions are normally made after the whole migrate run; the group needs this now.
    auth = apps.get_app_config("auth")
    models_module = getattr(auth, "models_module", None)
    auth.models_module = models_module or True
    try:
        create_permissions(auth, apps=apps, verbosity=0)
    finally:
        auth.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view_user = Permission.objects.filter(content_type__app_label="auth", codename="view_user")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.add(*view_user)


def take_it_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view_user = Permission.objects.filter(content_type__app_label="auth", codename="view_user")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.remove(*view_user)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_workflow_notes_notices"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(let_editors_find_staff_accounts, take_it_back)]
