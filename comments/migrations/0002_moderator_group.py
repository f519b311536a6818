"""The Moderator group, with what it takes to run the comment desk."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderator"
PERMISSIONS = [
    ("comment", "view_comment"),
    ("comment", "change_comment"),
    ("comment", "can_moderate"),
    ("report", "view_report"),
    ("blockedphrase", "view_blockedphrase"),
    ("blockedphrase", "add_blockedphrase"),
    ("blockedphrase", "change_blockedphrase"),
    ("blockedphrase", "delete_blockedphrase"),
]


def _permissions(apps):
    # Permissions are normally made after all migrations; make ours now so the group gets them.
    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(
            content_type__app_label="comments", content_type__model=model, codename=codename
        )
        for model, codename in PERMISSIONS
    ]


def add_moderator_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*_permissions(apps))


def remove_moderator_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    group.permissions.remove(*_permissions(apps))
    # The group may predate this migration with other duties; delete it only if bare.
    if not group.permissions.exists() and not group.user_set.exists():
        group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_moderator_group, remove_moderator_permissions)]
