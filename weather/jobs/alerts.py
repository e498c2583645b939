"""Evaluating people's weather alerts (beat, every ALERTS_EVALUATION_MINUTES).

1. The active subscriptions' places, each forecast once: rows younger than
   ALERTS_FORECAST_MAX_AGE_S are used as they are (the rules' own forecast, or the weather
   page's cached one); the others are fetched with the rules' own lean forecast
   (`providers.open_meteo_alerts`: 1 call a place, not 2.5) in multi-location requests
   (MAX_BATCH places each) that spend from the upstream budget as background work, leaving
   the interactive share alone. A batch that fails (or a spent budget) leaves its places for
   the next run.
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
from weather.providers import ProviderError
from weather.providers.budget import BudgetExhausted, background
from weather.providers.open_meteo_alerts import MAX_BATCH, get_alert_rows, weight

logger = logging.getLogger(__name__)

_SUBSCRIPTION_FIELDS = (
    "id", "user_id", "location_id", "kind", "threshold", "horizon_hours", "email", "push",
)  # fmt: skip
_INSERT_BATCH = 500
STALE_DELIVERY_S = 900  # longer than all the default backoffs of a delivery together (310 s)


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
    gusts = {s["location_id"] for s in subscriptions if s["kind"] == alert_rules.GUSTS}
    forecast_rows, fetch = forecasts(list(places.values()), gusts)
    met = []
    for sub in subscriptions:
        rows = forecast_rows.get(sub["location_id"])
        if rows is None:
            continue
        rule = alert_rules.Rule(sub["kind"], sub["threshold"], sub["horizon_hours"])
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


def alerts_key(latitude: float, longitude: float) -> str:
    """The cache key of the rules' own forecast (`open_meteo_alerts`), per grid cell."""
    return f"alerts-forecast:{latitude:.2f}:{longitude:.2f}"


def forecasts(places: list[dict], needs_gusts: set[int] = frozenset()) -> tuple[dict, dict]:
    """The forecast rows ({"hourly", "daily"}) of each place (by Location id) that has some
    young enough or could be fetched, and what fetching cost: upstream calls, their weight,
    places missed. The weather page's cached forecast serves when it is young enough, unless
    the place has a gusts rule (that forecast has no gusts); else the rules' own."""
    young_after = time.time() - settings.ALERTS_FORECAST_MAX_AGE_S
    own = {p["id"]: alerts_key(p["latitude"], p["longitude"]) for p in places}
    page = {p["id"]: forecast_key(p["latitude"], p["longitude"]) for p in places}
    cached = read_many(list({*own.values(), *page.values()}))
    young = {k: c.value for k, c in cached.items() if c.fetched_at >= young_after}
    rows, due = {}, {}
    for place in places:
        pid = place["id"]
        if own[pid] in young:
            rows[pid] = young[own[pid]]
        elif page[pid] in young and pid not in needs_gusts:
            rows[pid] = young[page[pid]].get("rows") or {}
        else:  # one point per grid cell: places in it share a fetch
            due.setdefault(own[pid], (place["latitude"], place["longitude"]))
    cost = {"reused": len(rows), "upstream_calls": 0, "upstream_weight": 0, "missed": 0}
    fetched = _fetch(list(due.items()), cost)
    for place in places:
        if place["id"] not in rows and own[place["id"]] in fetched:
            rows[place["id"]] = fetched[own[place["id"]]]
    return rows, cost


def _fetch(due: list[tuple[str, tuple[float, float]]], cost: dict) -> dict[str, dict]:
    """The rules' forecast of these cells (cache key, point), MAX_BATCH a request, cached."""
    fetched = {}
    batches = [due[i : i + MAX_BATCH] for i in range(0, len(due), MAX_BATCH)]
    for number, batch in enumerate(batches):
        points = [point for _, point in batch]
        cost["upstream_calls"] += 1
        cost["upstream_weight"] += weight(points)
        try:
            answers = get_alert_rows(points)
        except BudgetExhausted as exc:
            cost["missed"] += sum(len(b) for b in batches[number:])
            logger.warning("alerts: upstream budget spent, %d places wait: %s", cost["missed"], exc)
            break
        except ProviderError as exc:
            cost["missed"] += len(batch)
            logger.warning("alerts: a batch of %d places failed: %s", len(batch), exc)
            continue
        for (key, _), answer in zip(batch, answers, strict=True):
            store(key, answer, keep_s=settings.ALERTS_FORECAST_MAX_AGE_S)
            fetched[key] = answer
    return fetched


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
    """Pending deliveries older than STALE_DELIVERY_S (and younger than a day): their message
    was lost (a crash between the commit and the publish, a retry the broker did not take).
    Publishing one twice sends it once."""
    now = timezone.now()
    return list(
        AlertDelivery.objects.filter(
            status=AlertDelivery.Status.PENDING,
            created__lt=now - dt.timedelta(seconds=STALE_DELIVERY_S),
            created__gt=now - dt.timedelta(days=1),
        )
        .order_by("created")
        .values_list("id", flat=True)[:limit]
    )
