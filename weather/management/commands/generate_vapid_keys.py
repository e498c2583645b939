"""Prints a VAPID key pair for Web Push as environment lines; with --file, keeps it there and
prints the kept one on later runs (what `make run` does when VAPID_PRIVATE_KEY is unset)."""

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weather.providers.web_push import new_vapid_keys


class Command(BaseCommand):
    help = "Print VAPID_PRIVATE_KEY and VAPID_PUBLIC_KEY lines (kept in --file when given)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", help="JSON file that keeps the pair: read when it exists, else written"
        )

    def handle(self, *args, **options):
        path = Path(options["file"]) if options["file"] else None
        if path is not None and path.exists():
            try:
                kept = json.loads(path.read_text())
                private, public = kept["private_key"], kept["public_key"]
            except (ValueError, KeyError, TypeError) as exc:
                raise CommandError(f"{path} does not hold a VAPID key pair: {exc}") from exc
        else:
            private, public = new_vapid_keys()
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
                with os.fdopen(os.open(path, flags, 0o600), "w") as handle:
                    json.dump({"private_key": private, "public_key": public}, handle)
        self.stdout.write(f"VAPID_PRIVATE_KEY={private}\nVAPID_PUBLIC_KEY={public}\n")
