"""Numeric settings, checked when the settings load: every process (web, worker, beat, a
management command) stops at start with one message naming each bad value, instead of
failing later and only in the code that reads it (BULK_REFRESH_CHUNK_SIZE=60 made every
bulk refresh chunk raise).

Every upper-case setting that is a number must be finite and not negative; the rules below
ask more of some. A setting added later is covered by the general rule and by its name's
ending (timeouts must be positive, sizes and counts at least 1).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Bound:
    least: float = 0  # value >= least
    most: float | None = None  # value <= most
    positive: bool = False  # value > 0

    def allows(self, value: float) -> bool:
        if self.positive and value <= 0:
            return False
        return value >= self.least and (self.most is None or value <= self.most)

    def describe(self) -> str:
        low = "greater than 0" if self.positive else f"at least {self.least:g}"
        return f"{low} and at most {self.most:g}" if self.most is not None else low


POSITIVE = Bound(positive=True)
COUNT = Bound(least=1)

BOUNDS = {
    # One multi-location Open-Meteo call takes at most 50 places (open_meteo_batch.MAX_BATCH).
    "BULK_REFRESH_CHUNK_SIZE": Bound(least=1, most=50),
    "SEARCH_RETENTION_DAYS": COUNT,
    "BULK_REFRESH_RETENTION_DAYS": COUNT,
    "LOCATION_RETENTION_DAYS": COUNT,
    "IDEMPOTENCY_KEY_TTL_S": POSITIVE,
    "REQUEUE_AFTER_S": POSITIVE,
    "CELERY_TASK_SOFT_TIME_LIMIT": POSITIVE,
    "CELERY_TASK_TIME_LIMIT": POSITIVE,
    "CELERY_RESULT_EXPIRES": POSITIVE,
    "OPEN_METEO_BREAKER_WINDOW_S": POSITIVE,
    "OPEN_METEO_BREAKER_COOLDOWN_S": POSITIVE,
    "ADMIN_LOGIN_ATTEMPTS_PER_MINUTE": COUNT,
    "OPEN_METEO_BUDGET_PROCESSES": COUNT,
    "OPEN_METEO_BUDGET_INTERACTIVE_SHARE": Bound(most=1),
    # Beat runs the alerts every N minutes: at least one, at most a day.
    "ALERTS_EVALUATION_MINUTES": Bound(least=1, most=1440),
    "ALERTS_MAX_SUBSCRIPTIONS": Bound(least=1, most=1000),
    "ALERTS_UNSUBSCRIBE_MAX_AGE_DAYS": COUNT,
    "ALERTS_FORECAST_MAX_AGE_S": POSITIVE,
}
BY_ENDING = {
    ("_TIMEOUT", "_TIMEOUT_S", "_DEADLINE_S"): POSITIVE,
    ("_SIZE", "_MAX_PLACES", "_ATTEMPTS", "_FAILURES", "_CONCURRENCY"): COUNT,
}
# (smaller, larger): the first must not exceed the second.
ORDERED = [
    ("FORECAST_CACHE_TTL_S", "FORECAST_STALE_TTL_S"),
    ("AIR_QUALITY_CACHE_TTL_S", "AIR_QUALITY_STALE_TTL_S"),
    ("BULK_REFRESH_PUBLIC_MAX_PLACES", "BULK_REFRESH_MAX_PLACES"),
    ("CELERY_TASK_SOFT_TIME_LIMIT", "CELERY_TASK_TIME_LIMIT"),
]
# DRF's "<number>/<period>": only the period's first letter counts (s, m, h or d).
RATE = re.compile(r"^\d+/[smhd][a-z]*$")


def _bound(name: str) -> Bound:
    if name in BOUNDS:
        return BOUNDS[name]
    for endings, bound in BY_ENDING.items():
        if name.endswith(endings):
            return bound
    return Bound()


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def problems(values: Mapping[str, object]) -> list[str]:
    """What is wrong with these settings (a settings module's names), one line each."""
    found = []
    for name, value in values.items():
        if not name.isupper() or not _is_number(value):
            continue
        bound = _bound(name)
        if not math.isfinite(value) or not bound.allows(value):
            found.append(f"{name}={value!r}: must be {bound.describe()}")
    for smaller, larger in ORDERED:
        low, high = values.get(smaller), values.get(larger)
        if _is_number(low) and _is_number(high) and low > high:
            found.append(f"{smaller}={low!r} must not be more than {larger}={high!r}")
    rates = (values.get("REST_FRAMEWORK") or {}).get("DEFAULT_THROTTLE_RATES") or {}
    for scope, rate in rates.items():
        if rate is not None and not RATE.match(str(rate)):
            found.append(f"throttle rate {scope!r}={rate!r}: must be like 60/min (s, min, h, day)")
    return found


def validate(values: Mapping[str, object]) -> None:
    """Raises ImproperlyConfigured listing every bad value."""
    found = problems(values)
    if found:
        raise ImproperlyConfigured("Invalid settings:\n  " + "\n  ".join(found))
