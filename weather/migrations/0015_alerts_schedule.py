"""The beat schedule that evaluates people's weather alerts, every ALERTS_EVALUATION_MINUTES
(15 by default; editable in the admin like the other schedules)."""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

NAME = "Evaluate weather alerts"
TASK = "weather.evaluate_alerts"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    minutes = settings.ALERTS_EVALUATION_MINUTES
    interval, _ = IntervalSchedule.objects.get_or_create(every=minutes, period="minutes")
    if not PeriodicTask.objects.filter(name=NAME).exists():
        PeriodicTask.objects.create(
            name=NAME,
            task=TASK,
            interval=interval,
            expire_seconds=max(60, minutes * 60 - 30),
            enabled=True,
            description="Evaluates every active alert subscription against its place's "
            "forecast (multi-location upstream calls, cached forecasts younger than an hour "
            "reused) and sends each new event once, by email and Web Push.",
        )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("weather", "0014_alerts"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
