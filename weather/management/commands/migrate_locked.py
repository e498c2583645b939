"""`migrate` under a PostgreSQL advisory lock, for the release steps of every web replica.

`docker compose up --scale web=3` starts the replicas together, and each runs the release
steps: without the lock they would apply the same migrations at once and all but one fail.
With it they migrate one after the other; the ones after the first find nothing to apply.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from weather.infra.locks import advisory_lock

# Any constant no other part of the app takes as a lock: "weatherm" in ASCII.
MIGRATE_LOCK_KEY = 0x776561746865726D


class Command(BaseCommand):
    help = "Apply the migrations, one process at a time (a PostgreSQL advisory lock)."

    def handle(self, *args, **options):
        with advisory_lock(MIGRATE_LOCK_KEY):
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
