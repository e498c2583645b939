"""Runs the database maintenance now (what beat runs weekly) and prints its report."""

import json

from django.core.management.base import BaseCommand, CommandError

from weather.jobs import maintenance


class Command(BaseCommand):
    help = (
        "ANALYZE the hot tables, check and repair statistics, purge old refresh records, "
        "unused places and expired idempotency keys, check orphans, record sizes."
    )

    def handle(self, *args, **options):
        report = maintenance.run()
        if report is None:
            raise CommandError("Another maintenance run holds the lock; nothing done.")
        self.stdout.write(json.dumps(report.report, indent=2, default=str))
        self.stdout.write(f"Report {report.id}: {report.duration_ms} ms.")
