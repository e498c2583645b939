"""Makes beat evaluate the weather alerts every ALERTS_EVALUATION_MINUTES: the release runs it
after the migrations, so a changed setting takes effect at the next start (the schedule made
by the migration 0015 is otherwise edited in the admin)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import IntervalSchedule, PeriodicTask, PeriodicTasks

from weather.worker import names

NAME = "Evaluate weather alerts"


class Command(BaseCommand):
    help = "Set the alerts' beat schedule to every ALERTS_EVALUATION_MINUTES minutes."

    def handle(self, *args, **options):
        minutes = settings.ALERTS_EVALUATION_MINUTES
        with transaction.atomic():
            interval, _ = IntervalSchedule.objects.get_or_create(
                every=minutes, period=IntervalSchedule.MINUTES
            )
            task, created = PeriodicTask.objects.get_or_create(
                name=NAME,
                defaults={"task": names.EVALUATE_ALERTS, "interval": interval, "enabled": True},
            )
            if created or task.interval_id != interval.pk or task.crontab_id is not None:
                task.interval, task.crontab = interval, None
                task.expire_seconds = max(60, minutes * 60 - 30)
                task.save()
                PeriodicTasks.update_changed()
        self.stdout.write(f"weather alerts evaluated every {minutes} min")
