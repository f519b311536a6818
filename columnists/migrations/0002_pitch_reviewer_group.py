"""The Pitch reviewer group, with the permissions to work the pitch pipeline."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Pitch reviewer"
PERMISSIONS = [
    ("pitch", "view_pitch"),
    ("pitch", "change_pitch"),
    ("pitch", "review_pitch"),
    ("pitch", "accept_pitch"),
    ("pitchevent", "view_pitchevent"),
    ("pitchemail", "view_pitchemail"),
]


def _permissions(apps):
    # Permissions are normally made after all migrations run; make ours now.
    app_config = apps.get_app_config("columnists")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = models_module
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(
            codename=codename,
            content_type=ContentType.objects.get(app_label="columnists", model=model),
        )
        for model, codename in PERMISSIONS
    ]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*_permissions(apps))


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    group.permissions.remove(
        *group.permissions.filter(
            content_type__app_label="columnists",
            codename__in=[codename for _, codename in PERMISSIONS],
        )
    )
    # Another app may have given the group more to do; only an empty group goes.
    if not group.permissions.exists() and not group.user_set.exists():
        group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("columnists", "0001_pitches"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
