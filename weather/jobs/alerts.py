"""Evaluating people's weather alerts (beat, every ALERTS_EVALUATION_MINUTES).

1. The active subscriptions' places, each forecast once: a cached forecast younger than
   ALERTS_FORECAST_MAX_AGE_S is used as it is; the others are fetched in multi-location calls
   (MAX_BATCH places each) that spend from the upstream budget as background work, leaving
   the interactive share alone. A batch that fails (or a spent budget) leaves its places for
   the next run; the forecasts fetched go to the cache the API reads too.
2. The rules (weather.domain.alert_rules) run on each subscription's forecast.
3. Each (subscription, day) met is inserted with INSERT ... ON CONFLICT DO NOTHING on the
   unique constraint: a run that repeats, overlaps another or is redelivered inserts nothing
   new, so no event is notified twice. A new event gets its deliveries (email, push) in the
   same transaction; the caller publishes them (weather.worker), and `stale_deliveries`
   names those whose message was lost with a crash between the commit and the publish.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from weather.domain import alert_rules
from weather.infra.caching import forecast_key, read_many, store
from weather.jobs import alert_delivery
from weather.models import AlertDelivery, AlertEvent, AlertSubscription, Location
from weather.models.mapping import forecast_document
from weather.providers import ProviderError
from weather.providers.budget import BudgetExhausted, background
from weather.providers.open_meteo import call_weight, forecast_params
from weather.providers.open_meteo_batch import MAX_BATCH, get_forecasts

logger = logging.getLogger(__name__)

_SUBSCRIPTION_FIELDS = (
    "id", "user_id", "location_id", "kind", "threshold", "horizon_hours", "email", "push",
)  # fmt: skip
_INSERT_BATCH = 500
STALE_DELIVERY_S = 600  # a pending delivery never tried after this long lost its message


@background()  # leaves the interactive share of the upstream budget alone
def evaluate(now: dt.datetime | None = None) -> dict:
    """One evaluation of every active subscription; a summary with the new deliveries' ids
    (`deliveries`) for the caller to publish."""
    started = time.monotonic()
    now = now or timezone.now()
    subscriptions = list(
        AlertSubscription.objects.filter(active=True).values(*_SUBSCRIPTION_FIELDS)
    )
    places = {
        row["id"]: row
        for row in Location.objects.filter(id__in={s["location_id"] for s in subscriptions}).values(
            "id", "name", "latitude", "longitude"
        )
    }
    documents, fetch = forecasts(list(places.values()))
    met = []
    for sub in subscriptions:
        document = documents.get(sub["location_id"])
        if document is None:
            continue
        rule = alert_rules.Rule(sub["kind"], sub["threshold"], sub["horizon_hours"])
        rows = document.get("rows") or {}
        for found in alert_rules.evaluate(rule, rows.get("hourly", []), rows.get("daily", []), now):
            met.append((sub, found))
    events = record_events(met, places)
    summary = {
        "subscriptions": len(subscriptions),
        "places": len(places),
        **fetch,
        "met": len(met),
        "new_events": len(events["events"]),
        "deliveries": events["deliveries"],
        "seconds": round(time.monotonic() - started, 3),
    }
    logger.info("alerts evaluated: %s", {k: v for k, v in summary.items() if k != "deliveries"})
    return summary


def forecasts(places: list[dict]) -> tuple[dict[int, dict], dict]:
    """The forecast document of each place (by Location id) that has one young enough or
    could be fetched, and what fetching cost: upstream calls, their weight, places missed."""
    key_of = {p["id"]: forecast_key(p["latitude"], p["longitude"]) for p in places}
    cached = read_many(list(set(key_of.values())))
    young_after = time.time() - settings.ALERTS_FORECAST_MAX_AGE_S
    by_key = {k: c.value for k, c in cached.items() if c.fetched_at >= young_after}
    # One point per cache key (places in one grid cell share a forecast).
    due = {}
    for place in places:
        key = key_of[place["id"]]
        if key not in by_key:
            due.setdefault(key, (place["latitude"], place["longitude"]))
    cost = {"reused": len(places) - sum(key_of[p["id"]] in due for p in places)}
    cost.update(upstream_calls=0, upstream_weight=0, missed=0)
    batches = [list(due.items())[i : i + MAX_BATCH] for i in range(0, len(due), MAX_BATCH)]
    for number, batch in enumerate(batches):
        points = [point for _, point in batch]
        cost["upstream_calls"] += 1
        cost["upstream_weight"] += _weight(points)
        try:
            fetched = get_forecasts(points)
        except BudgetExhausted as exc:
            cost["missed"] += sum(len(b) for b in batches[number:])
            logger.warning("alerts: upstream budget spent, %d places wait: %s", cost["missed"], exc)
            break
        except ProviderError as exc:
            cost["missed"] += len(batch)
            logger.warning("alerts: a batch of %d places failed: %s", len(batch), exc)
            continue
        for (key, _), forecast in zip(batch, fetched, strict=True):
            document = forecast_document(forecast)
            store(key, document, keep_s=settings.FORECAST_STALE_TTL_S)
            by_key[key] = document
    return {pid: by_key[key] for pid, key in key_of.items() if key in by_key}, cost


def _weight(points: list[tuple[float, float]]) -> int:
    params = forecast_params(
        ",".join(f"{lat:.4f}" for lat, _ in points), ",".join(f"{lon:.4f}" for _, lon in points)
    )
    return call_weight(params)


def record_events(met: list[tuple[dict, alert_rules.Triggered]], places: dict) -> dict:
    """Inserts the events not recorded yet and, for each, its deliveries, in one transaction.
    Returns the new events' ids and their deliveries' ids."""
    with transaction.atomic():
        new = _insert_events(met)
        by_id = {sub["id"]: (sub, found) for sub, found in met}
        wanted = [(event_id, *by_id[sub_id]) for event_id, sub_id in new]
        deliveries = alert_delivery.new_deliveries(wanted, places)
    return {"events": [event_id for event_id, _ in new], "deliveries": deliveries}


def _insert_events(met: list[tuple[dict, alert_rules.Triggered]]) -> list[tuple[int, int]]:
    """(event id, subscription id) of the events this call inserted; those already there
    (from an earlier or concurrent run) are skipped by the unique constraint."""
    table = connection.ops.quote_name(AlertEvent._meta.db_table)
    created = timezone.now()
    inserted = []
    # One event per (subscription, day) in this run too (a rule met twice the same day).
    unique = {(sub["id"], found.day): (sub, found) for sub, found in met}
    rows = list(unique.values())
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _INSERT_BATCH):
            batch = rows[start : start + _INSERT_BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
            params = []
            for sub, found in batch:
                params += [sub["id"], found.day, found.value, found.first_at, created]
            cursor.execute(
                f"INSERT INTO {table} (subscription_id, day, value, first_at, created) "  # noqa: S608
                f"VALUES {values} ON CONFLICT (subscription_id, day) DO NOTHING "
                "RETURNING id, subscription_id",
                params,
            )
            inserted += [(row[0], row[1]) for row in cursor.fetchall()]
    return inserted


def stale_deliveries(limit: int = 500) -> list[int]:
    """Pending deliveries never tried, older than STALE_DELIVERY_S: their message was lost
    (a crash between the commit and the publish). Publishing one twice sends it once."""
    before = timezone.now() - dt.timedelta(seconds=STALE_DELIVERY_S)
    return list(
        AlertDelivery.objects.filter(
            status=AlertDelivery.Status.PENDING, attempts=0, created__lt=before
        )
        .order_by("created")
        .values_list("id", flat=True)[:limit]
    )
