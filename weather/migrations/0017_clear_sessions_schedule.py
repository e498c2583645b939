"""The daily beat schedule that deletes expired browser sessions (`clearsessions`), editable
in the admin like the other schedules."""

from django.db import migrations
from django.utils import timezone

NAME = "Clear expired sessions"
TASK = "weather.clear_expired_sessions"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="45", hour="3", day_of_week="*", day_of_month="*", month_of_year="*", timezone="UTC"
    )
    if not PeriodicTask.objects.filter(name=NAME).exists():
        PeriodicTask.objects.create(
            name=NAME,
            task=TASK,
            crontab=crontab,
            enabled=True,
            description="Daily at 03:45 UTC: deletes the browser sessions that have expired "
            "(visitors' and signed-in people's), as `manage.py clearsessions` does.",
        )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("weather", "0016_merge_alerts_people"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
