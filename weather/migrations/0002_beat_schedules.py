"""Periodic tasks for Celery Beat's database scheduler, so admins can see and edit them."""

from django.db import migrations
from django.utils import timezone

SCHEDULES = [
    {
        "name": "Clean up old searches",
        "task": "weather.cleanup_old_searches",
        "crontab": {"minute": "15", "hour": "3", "day_of_week": "*"},
        "description": "Daily at 03:15 UTC: deletes searches older than SEARCH_RETENTION_DAYS.",
    },
    {
        "name": "Weekly weather report",
        "task": "weather.weekly_weather_report",
        "crontab": {"minute": "30", "hour": "0", "day_of_week": "1"},
        "description": "Mondays at 00:30 UTC: summary of the week that just ended.",
    },
    {
        "name": "Re-queue unprocessed searches",
        "task": "weather.requeue_unprocessed_searches",
        "interval": {"every": 1, "period": "minutes"},
        # A sweep that waited this long for a worker is dropped: the next one is due.
        "expire_seconds": 55,
        "description": "Every minute: publishes pending searches whose message was never "
        "sent or got lost (for instance while RabbitMQ was down).",
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
        ("weather", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
