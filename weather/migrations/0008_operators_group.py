"""Operator rights as a permission (weather.operate) and an "Operators" group that has it: an
operator is someone given the group (or the permission) on purpose, not any staff user."""

from django.db import migrations

GROUP = "Operators"


def create_operators_group(apps, schema_editor):
    # Permissions are made after all migrations (post_migrate): make this one now, so the
    # group can have it; post_migrate then finds it already there.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="weather", model="operatoralert")
    operate, _ = Permission.objects.get_or_create(
        codename="operate",
        content_type=content_type,
        defaults={"name": "Can operate the service (ops API, no refresh limits)"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(operate)


def remove_operators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("weather", "0007_notification_details"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="operatoralert",
            options={
                "ordering": ["-created_at", "-id"],
                "permissions": [
                    ("operate", "Can operate the service (ops API, no refresh limits)")
                ],
            },
        ),
        migrations.RunPython(create_operators_group, remove_operators_group),
    ]
