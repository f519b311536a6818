"""The newsroom's roles as groups, so that an editor is made by adding a person to one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Writer": [
        ("articles", "article", ["add", "change", "view"]),
        ("articles", "byline", ["add", "change", "delete", "view"]),
        ("articles", "interviewquestion", ["add", "change", "delete", "view"]),
        ("articles", "image", ["add", "view"]),
        ("articles", "author", ["view"]),
        ("articles", "section", ["view"]),
        ("taggit", "tag", ["view"]),
    ],
    "Editor": [
        ("articles", "article", ["add", "change", "delete", "view"]),
        ("articles", "article", ["publish", "feature", "share"]),
        ("articles", "byline", ["add", "change", "delete", "view"]),
        ("articles", "interviewquestion", ["add", "change", "delete", "view"]),
        ("articles", "correction", ["add", "change", "delete", "view"]),
        ("articles", "image", ["add", "change", "delete", "view"]),
        ("articles", "author", ["add", "change", "delete", "view"]),
        ("articles", "section", ["change", "view"]),
        ("articles", "sharelink", ["add", "change", "view"]),
        ("taggit", "tag", ["add", "change", "delete", "view"]),
        ("redirects", "redirect", ["add", "change", "delete", "view"]),
    ],
    # Their permissions arrive with the comments and pitches apps' own migrations.
    "Moderator": [],
    "Pitch reviewer": [],
}


def codename(action, model):
    return f"{action}_{model}"


def create_roles(apps, schema_editor):
    # Permissions are normally made after the whole migrate run; the groups need them now.
    # (create_permissions skips app configs without a models module, as in migration state.)
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[codename(action, model) for action in actions],
                )
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_desk_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
