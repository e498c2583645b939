"""Forecasts of many places at once: bulk refreshes (with progress) and always-warm places.

Both fetch with Open-Meteo's multi-location forecast, one request per batch of places, and
put each answer in the forecast cache the API reads (`weather.infra.caching`), so the next read of
those places is warm.

- A bulk refresh (`weather.models.records.BulkRefresh`) is split into chunks of one batch; each
  chunk is one task that fetches and records its places' outcomes on the refresh's row.
  Unknown places and upstream failures are outcomes of their places, never of the whole
  refresh. A cancelled refresh's remaining chunks skip their places.
- `warm_popular_places` (beat, every minute) fetches again the most searched places whose
  cached forecast is missing or about to stop being fresh.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.utils import timezone

from weather.infra.caching import fetched_at_many, forecast_key, store
from weather.models import BulkRefresh, Location, LocationStatistics
from weather.models.mapping import forecast_document
from weather.models.places import location_for
from weather.models.records import OK
from weather.providers import Forecast, ProviderError, ProviderUnavailable
from weather.providers.budget import background
from weather.providers.open_meteo_batch import MAX_BATCH, get_forecasts

logger = logging.getLogger(__name__)

UNKNOWN_PLACE = "unknown place id"
PAST_DEADLINE = "not refreshed before the refresh's deadline"


def fetch_batch(points: list[tuple[float, float]]) -> list[Forecast]:
    """The one upstream call of this module. It spends from the shared Open-Meteo budget one
    call per point (as upstream bills it); a spent budget is a ProviderUnavailable, retried
    by a refresh's chunk and then reported for each of its places."""
    return get_forecasts(points)


def _cache_forecasts(locations: list[Location]) -> None:
    """One upstream call for up to MAX_BATCH locations; their forecasts go to the cache.
    Locations in one forecast grid cell share a point (and a cache entry)."""
    points = list(dict.fromkeys((loc.latitude, loc.longitude) for loc in locations))
    keys = list(dict.fromkeys(forecast_key(*point) for point in points))
    by_key = {}
    for point, forecast in zip(points, fetch_batch(points), strict=True):
        by_key.setdefault(forecast_key(*point), forecast)
    for key in keys:
        store(key, forecast_document(by_key[key]), keep_s=settings.FORECAST_STALE_TTL_S)


# --- Bulk refresh ---------------------------------------------------------------------------


def new_refresh(
    location_ids: list[int], *, requested_by: str = "", owned: dict | None = None
) -> BulkRefresh:
    """A refresh of these places (duplicates dropped, order kept), not yet started, with its
    deadline: a base plus a share per chunk; `owned`: its owner fields (who may cancel it)."""
    places = list(dict.fromkeys(location_ids))
    chunk_size = settings.BULK_REFRESH_CHUNK_SIZE
    chunks = -(-len(places) // chunk_size)
    allowed_s = settings.BULK_REFRESH_DEADLINE_S + chunks * settings.BULK_REFRESH_CHUNK_DEADLINE_S
    return BulkRefresh.objects.create(
        location_ids=places,
        chunk_size=chunk_size,
        requested_by=requested_by[:150],
        deadline_at=timezone.now() + dt.timedelta(seconds=allowed_s),
        **(owned or {}),
    )


def fail_overdue_refreshes() -> int:
    """Finishes the refreshes past their deadline (a chunk lost with its worker, a message
    lost with the broker): their places without an outcome fail. How many it finished."""
    finished = 0
    for refresh in BulkRefresh.overdue(timezone.now()):
        missing = [p for p in refresh.location_ids if str(p) not in refresh.outcomes]
        logger.warning("refresh %s passed its deadline: %d places failed", refresh.pk, len(missing))
        done = BulkRefresh.record(refresh.pk, dict.fromkeys(missing, PAST_DEADLINE))
        finished += done is not None and done.status == BulkRefresh.Status.FINISHED
    return finished


def _locations(place_ids: list[int]) -> tuple[list[Location], dict[int, str]]:
    """The stored locations of these places; a place never stored is looked up (cached, as
    searches do) and stored. Returns them and the outcomes of places that do not exist."""
    found = {loc.geonames_id: loc for loc in Location.objects.filter(geonames_id__in=place_ids)}
    unknown: dict[int, str] = {}
    for place_id in place_ids:
        if place_id in found:
            continue
        location = location_for(place_id)
        if location is None:
            unknown[place_id] = UNKNOWN_PLACE
        else:
            found[place_id] = location
    return [found[p] for p in place_ids if p in found], unknown


@background()  # leaves the interactive share of the upstream budget alone
def refresh_chunk(refresh_id: str, index: int) -> dict:
    """Fetches one chunk's places and records their outcomes. Raises ProviderUnavailable
    (for the task to retry); `record_chunk_failure` records it once retries run out."""
    refresh = BulkRefresh.objects.filter(pk=refresh_id).first()
    if refresh is None:
        return {"refresh": refresh_id, "chunk": index, "status": "gone"}
    if refresh.status in (BulkRefresh.Status.CANCELLED, BulkRefresh.Status.FINISHED):
        return {"refresh": refresh_id, "chunk": index, "status": refresh.status}
    pending = [p for p in refresh.chunk(index) if str(p) not in refresh.outcomes]
    outcomes: dict[int, str] = {}
    if pending:
        locations, outcomes = _locations(pending)
        if locations:
            try:
                _cache_forecasts(locations)
                outcomes.update({loc.geonames_id: OK for loc in locations})
            except ProviderUnavailable:
                raise
            except ProviderError as exc:
                outcomes.update({loc.geonames_id: str(exc) for loc in locations})
    BulkRefresh.record(refresh_id, outcomes)
    return {"refresh": refresh_id, "chunk": index, "places": len(pending)}


def record_chunk_failure(refresh_id: str, index: int, error: Exception) -> None:
    """The chunk could not be fetched, even after retries: each of its places says why.
    Anyone may read the reasons, so only our own upstream errors give their message; any
    other error (the database's, a bug) gives its kind, and the log has the rest."""
    reason = str(error) if isinstance(error, ProviderError) else type(error).__name__
    logger.warning("chunk %s of refresh %s failed: %r", index, refresh_id, error)
    refresh = BulkRefresh.objects.filter(pk=refresh_id).first()
    if refresh is not None:
        BulkRefresh.record(refresh_id, dict.fromkeys(refresh.chunk(index), reason))


def progress(refresh: BulkRefresh) -> dict:
    """The refresh as the task-status endpoint shows it."""
    states = {
        BulkRefresh.Status.QUEUED: "PENDING",
        BulkRefresh.Status.RUNNING: "STARTED",
        BulkRefresh.Status.FINISHED: "SUCCESS",
        BulkRefresh.Status.CANCELLED: "CANCELLED",
    }
    names = dict(
        Location.objects.filter(geonames_id__in=[int(p) for p in refresh.failures]).values_list(
            "geonames_id", "name"
        )
    )
    body = {
        "total": refresh.total,
        "done": refresh.done,
        "failed": [
            {"location_id": int(place), "name": names.get(int(place), ""), "reason": why}
            for place, why in refresh.failures.items()
        ],
        "started_at": refresh.started_at,
        "finished_at": refresh.finished_at,
        "deadline_at": refresh.deadline_at,
    }
    return {"state": states[refresh.status], "progress": body}


# --- Always-warm popular places -------------------------------------------------------------


@background()  # leaves the interactive share of the upstream budget alone
def warm_popular_places(*, top: int | None = None, ahead_s: float | None = None) -> dict:
    """Fetches again the forecasts of the `top` most searched places whose cached forecast
    is missing or stops being fresh within `ahead_s`, in multi-location batches, so that a
    popular search never waits for upstream. A failed batch is left for the next run."""
    top = settings.WARM_POPULAR_TOP_N if top is None else top
    ahead_s = settings.WARM_POPULAR_AHEAD_S if ahead_s is None else ahead_s
    popular = list(
        Location.objects.filter(
            pk__in=LocationStatistics.objects.order_by("-search_count").values("location")[:top]
        )
    )
    fetched = fetched_at_many([forecast_key(loc.latitude, loc.longitude) for loc in popular])
    due_before = time.time() + ahead_s - settings.FORECAST_CACHE_TTL_S
    due = [
        loc
        for loc in popular
        if fetched.get(forecast_key(loc.latitude, loc.longitude), 0.0) < due_before
    ]
    calls = failed = 0
    for start in range(0, len(due), MAX_BATCH):
        batch = due[start : start + MAX_BATCH]
        calls += 1
        try:
            _cache_forecasts(batch)
        except ProviderError as exc:
            failed += len(batch)
            logger.warning("warming %d popular places failed: %s", len(batch), exc)
    summary = {"popular": len(popular), "warmed": len(due) - failed, "failed": failed}
    summary["upstream_calls"] = calls
    if due:
        logger.info("warmed popular places: %s", summary)
    return summary
