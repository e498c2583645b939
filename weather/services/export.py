"""The search history as CSV (RFC 4180) or JSON Lines, streamed in keyset batches, so memory
stays flat whatever the size: rows are read BATCH at a time by primary key, never all at once,
and no transaction or cursor stays open between batches.

CSV: UTF-8 (optionally after a byte order mark, for spreadsheets that assume another
encoding without one), a header row, CRLF line ends, fields quoted when they must be. Text
cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR, also
after leading spaces or line breaks, which spreadsheets skip) get a leading apostrophe;
numbers are left alone (a temperature of -3.5 is a number, not a formula).

At most EXPORT_MAX_CONCURRENCY exports run at once, all web processes together (`running`):
each holds a gunicorn thread while Django writes it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from weather.infra import counters
from weather.models import WeatherSearch
from weather.models.permissions import Viewer

BATCH = 2000
_RUNNING = "exports:running"
# A slot whose holder died (a killed process) is free again after this: longer than writing
# any export takes (a million rows: about 10 s).
RUNNING_LEASE_S = 900

# Column name -> the row's field; documented in docs/api.md.
COLUMNS = {
    "id": "public_id",
    "created_at": "created_at",
    "query": "query",
    "location_id": "location__geonames_id",
    "city": "location__name",
    "country": "location__country",
    "latitude": "location__latitude",
    "longitude": "location__longitude",
    "observed_at": "observed_at",
    "temperature_c": "temperature_c",
    "apparent_temperature_c": "apparent_temperature_c",
    "relative_humidity_pct": "relative_humidity_pct",
    "precipitation_mm": "precipitation_mm",
    "wind_speed_kmh": "wind_speed_kmh",
    "wind_direction_deg": "wind_direction_deg",
    "weather_code": "weather_code",
    "weather_description": "weather_description",
    "stale": "stale",
    "processing_status": "processing_status",
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


class Running:
    """One of the exports running now: `close()` (once the response is done) frees its slot."""

    def __init__(self, token: str):
        self._token: str | None = token

    def close(self) -> None:
        if self._token is not None:
            token, self._token = self._token, None
            counters.release(_RUNNING, token)


def running() -> Running | None:
    """Takes a slot among the exports running at once, or None when all are taken."""
    token = counters.acquire(_RUNNING, settings.EXPORT_MAX_CONCURRENCY, RUNNING_LEASE_S)
    return Running(token) if token else None


@dataclass(frozen=True)
class ExportFilter:
    city: str | None = None
    date_from: dt.date | None = None  # UTC days, both inclusive
    date_to: dt.date | None = None

    def apply(self, searches: QuerySet) -> QuerySet:
        if self.city:
            searches = searches.filter(location__name__icontains=self.city.split(",")[0].strip())
        if self.date_from:
            searches = searches.filter(created_at__gte=_midnight(self.date_from))
        if self.date_to and self.date_to < dt.date.max:  # the last day has no next one
            searches = searches.filter(created_at__lt=_midnight(self.date_to + dt.timedelta(1)))
        return searches

    def filename(self, extension: str) -> str:
        parts = ["weather-searches"]
        if self.city:
            parts.append("".join(c if c.isalnum() else "-" for c in self.city.strip()).lower())
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or 'start'}_{self.date_to or 'now'}")
        return f"{'-'.join(parts)}.{extension}"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def rows(
    searches: QuerySet | None = None,
    export: ExportFilter | None = None,
    viewer: Viewer | None = None,
) -> Iterator[tuple]:
    """The export's rows (values in COLUMNS order), oldest first, BATCH rows per query; with
    a viewer, only what they may see (their own; an operator's: everything)."""
    searches = WeatherSearch.objects.all() if searches is None else searches
    if viewer is not None:
        searches = searches.visible_to(viewer)
    searches = (export or ExportFilter()).apply(searches).order_by("pk")
    fields = list(COLUMNS.values())
    last = 0
    while True:
        batch = list(searches.filter(pk__gt=last).values_list("pk", *fields)[:BATCH])
        yield from (row[1:] for row in batch)
        if len(batch) < BATCH:
            return
        last = batch[-1][0]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # Checked after the whitespace a spreadsheet skips: " =1+1" and "\n=1+1" run too.
        risky = value.startswith(_FORMULA_STARTS) or value.lstrip().startswith(_FORMULA_STARTS)
        return "'" + value if risky else value
    return str(value)


class _Line:
    """A file-like object whose write returns what was written (csv.writer's output)."""

    def write(self, text: str) -> str:
        return text


def csv_lines(values: Iterable[tuple], *, bom: bool = False) -> Iterator[bytes]:
    """UTF-8 CSV lines, header first (after a byte order mark if `bom`); several rows per
    chunk, so the response is not written row by row."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield ((BOM if bom else "") + writer.writerow(list(COLUMNS))).encode()
    chunk: list[str] = []
    for row in values:
        chunk.append(writer.writerow([_text(v) for v in row]))
        if len(chunk) >= 500:
            yield "".join(chunk).encode()
            chunk = []
    if chunk:
        yield "".join(chunk).encode()


def _json_value(value):
    if isinstance(value, uuid.UUID):
        return str(value)
    return value.astimezone(dt.UTC).isoformat() if isinstance(value, dt.datetime) else value


def jsonl_lines(values: Iterable[tuple]) -> Iterator[bytes]:
    """One JSON object per line (UTF-8, keys as the CSV header)."""
    names = list(COLUMNS)
    chunk: list[str] = []
    for row in values:
        record = {name: _json_value(v) for name, v in zip(names, row, strict=True)}
        chunk.append(json.dumps(record, ensure_ascii=False) + "\n")
        if len(chunk) >= 500:
            yield "".join(chunk).encode()
            chunk = []
    if chunk:
        yield "".join(chunk).encode()
