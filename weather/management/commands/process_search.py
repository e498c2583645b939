"""Process stored searches by hand: in this process, or by publishing them to the workers.

manage.py process_search 42 43          # run the processing here, print the results
manage.py process_search 42 --queue     # publish to the broker for the workers
manage.py process_search --pending      # every pending search (here, or with --queue)
"""

import json

from django.core.management.base import BaseCommand, CommandError

from weather.jobs import processing
from weather.models import WeatherSearch
from weather.worker import queue as publishing


class Command(BaseCommand):
    help = "Process stored searches now, or publish them to the Celery workers."

    def add_arguments(self, parser):
        parser.add_argument("search_ids", nargs="*", type=int, metavar="SEARCH_ID")
        parser.add_argument(
            "--pending", action="store_true", help="every search still pending processing"
        )
        parser.add_argument(
            "--queue", action="store_true", help="publish to the broker instead of running here"
        )

    def handle(self, *args, search_ids, pending, queue, **options):
        if pending:
            searches = WeatherSearch.objects.filter(processing_status=WeatherSearch.Status.PENDING)
            search_ids = [*search_ids, *searches.order_by("id").values_list("id", flat=True)]
            if not search_ids:
                self.stdout.write("No search is pending.")
                return
        if not search_ids:
            raise CommandError("Give search ids, or --pending.")
        failures = 0
        for search_id in search_ids:
            if queue:
                task_id = (
                    WeatherSearch.objects.filter(pk=search_id).values_list("task_id", flat=True)
                ).first()
                if task_id is None:
                    self.stderr.write(f"search {search_id}: no such search")
                    failures += 1
                elif publishing.queue_search(search_id, task_id or str(search_id)):
                    self.stdout.write(f"search {search_id}: queued as task {task_id}")
                else:
                    self.stderr.write(f"search {search_id}: the broker did not take it")
                    failures += 1
                continue
            try:
                outcome = processing.process_search(search_id)
            except processing.SearchGone:
                self.stderr.write(f"search {search_id}: no such search")
                failures += 1
                continue
            self.stdout.write(json.dumps(outcome, ensure_ascii=False))
        if failures:
            raise CommandError(f"{failures} of {len(search_ids)} searches failed")
