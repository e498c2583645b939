"""`load_gazetteer`: GeoNames' populated places into PostgreSQL, for local place lookups.

Run by the release steps after `migrate_locked`. Idempotent: a second run with the same
packages and options finds the marker and returns in well under a second; `--force` reloads.
`--countries FR,GB` and `--min-population N` load a subset (tests, small demos).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from weather.infra.locks import advisory_lock
from weather.models import gazetteer_load

# Any constant no other part of the app takes as a lock: "gazettee" in ASCII.
LOAD_LOCK_KEY = 0x67617A6574746565


class Command(BaseCommand):
    help = "Load GeoNames' places (population >= 500) into the gazetteer tables, once."

    def add_arguments(self, parser):
        parser.add_argument("--countries", help="Only these ISO codes, comma-separated: FR,GB")
        parser.add_argument("--min-population", type=int, default=0)
        parser.add_argument("--force", action="store_true", help="Reload even if up to date")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stderr.write(
                "!!! WARNING: the gazetteer needs PostgreSQL: NOT loaded, every place is "
                "looked up upstream (Open-Meteo geocoding)."
            )
            return
        countries = options["countries"]
        codes = [c.strip() for c in countries.split(",") if c.strip()] if countries else None
        if countries is not None and not codes:
            raise CommandError("--countries names no country")
        # Web replicas started together run the release steps together: one loads at a time.
        with advisory_lock(LOAD_LOCK_KEY):
            result = gazetteer_load.load(
                countries=codes, min_population=options["min_population"], force=options["force"]
            )
        if result.loaded:
            self.stdout.write(
                f"Gazetteer loaded: {result.places} places, {result.names} names "
                f"in {result.seconds:.1f} s."
            )
        else:
            self.stdout.write(
                f"Gazetteer up to date ({result.places} places), checked in {result.seconds:.2f} s."
            )
