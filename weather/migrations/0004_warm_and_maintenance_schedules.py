"""Beat schedules for the always-warm popular places and the weekly database maintenance
(editable in the admin, like those of 0002)."""

from django.db import migrations
from django.utils import timezone

SCHEDULES = [
    {
        "name": "Keep popular places warm",
        "task": "weather.warm_popular_places",
        "interval": {"every": 1, "period": "minutes"},
        "expire_seconds": 55,
        "description": "Every minute: fetches again, in multi-location batches, the forecasts "
        "of the WARM_POPULAR_TOP_N most searched places before they stop being fresh.",
    },
    {
        "name": "Database maintenance",
        "task": "weather.database_maintenance",
        "crontab": {"minute": "45", "hour": "3", "day_of_week": "0"},
        "description": "Sundays at 03:45 UTC: ANALYZE of the hot tables, statistics checked "
        "against the searches (and repaired), orphan checks, table and index sizes.",
    },
]


def create_schedules(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    for spec in SCHEDULES:
        defaults = {
            "task": spec["task"],
            "description": spec["description"],
            "expire_seconds": spec.get("expire_seconds"),
            "enabled": True,
            "crontab": None,
            "interval": None,
        }
        if "crontab" in spec:
            defaults["crontab"], _ = CrontabSchedule.objects.get_or_create(
                day_of_month="*", month_of_year="*", timezone="UTC", **spec["crontab"]
            )
        else:
            defaults["interval"], _ = IntervalSchedule.objects.get_or_create(**spec["interval"])
        if not PeriodicTask.objects.filter(name=spec["name"]).exists():
            PeriodicTask.objects.create(name=spec["name"], **defaults)
    # Tells a running beat to reload its schedule.
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[spec["name"] for spec in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("weather", "0003_bulk_refresh_and_maintenance_reports"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
