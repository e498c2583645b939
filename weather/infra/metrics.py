"""The app's Prometheus metrics: their definitions, and recording that never breaks the caller.

Every module may import this one (it imports nothing of ours). Each `record_*` function and
`Timer` swallows and logs its own failure: a metric must never fail a request or a task.

Label values are bounded by construction: route templates (never raw paths), a fixed set of
methods, error kinds, cache names and task names; anything else is folded into "other".

Processes: with PROMETHEUS_MULTIPROC_DIR set (the start scripts always set one), every
gunicorn worker and every prefork child writes its values to files there and
`exposition()` merges them. The web role serves them at /metrics (weather.api.views.metrics); the
worker role's main process serves its own on CELERY_METRICS_PORT (`serve_worker_metrics`).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable

logger = logging.getLogger(__name__)


def _ensure_multiprocess_dir() -> None:
    """prometheus-client writes to PROMETHEUS_MULTIPROC_DIR from its first metric on (the
    unlabelled ones at import); a folder that is missing is made, and one that cannot be
    made or written means in-process values, rather than a process that fails to start."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        return
    try:
        os.makedirs(folder, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.truncate(1 << 16)  # the size prometheus-client gives each new file
    except OSError as exc:
        logger.warning("metrics kept in this process: cannot use %s (%s)", folder, exc)
        del os.environ["PROMETHEUS_MULTIPROC_DIR"]
        # A library imported before us (the worker's) may have chosen file-backed values.
        from prometheus_client import values

        values.ValueClass = values.get_value_class()


_ensure_multiprocess_dir()

from prometheus_client import (  # noqa: E402 (reads PROMETHEUS_MULTIPROC_DIR when imported)
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

# METRICS_ENABLED=false turns recording off (the benchmarks measure what it costs).
ENABLED = os.environ.get("METRICS_ENABLED", "").strip().lower() not in {"0", "false", "no", "off"}

# Seconds; from a cached read (about a millisecond) to a slow upstream with retries.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
# From a search's creation to its processing: sub-second normally, minutes when queues back up.
PROCESSING_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800)

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UPSTREAM_ENDPOINTS = ("geocoding_search", "geocoding_get", "forecast", "air_quality")
UPSTREAM_ERROR_KINDS = (
    "timeout",
    "unreachable",
    "rate_limited",
    "server_error",
    "malformed",
    "rejected",
    "circuit_open",
    "budget",
)
SPENDERS = ("interactive", "background")  # who spends the upstream budget
CACHES = ("geocode", "place", "forecast", "air_quality")
CACHE_RESULTS = ("hit", "miss", "shared", "stale", "error")
# The task names the task series are kept for (else "other"): weather.worker.names, given by
# the worker's signal handlers through `track_tasks`.
_tasks: frozenset[str] = frozenset()

# --- Definitions ----------------------------------------------------------------------------

http_requests = Counter(
    "weather_http_requests_total", "HTTP requests answered.", ["route", "method", "status"]
)
http_duration = Histogram(
    "weather_http_request_duration_seconds",
    "Time to answer an HTTP request, in Django.",
    ["route", "method", "status"],
    buckets=LATENCY_BUCKETS,
)

upstream_requests = Counter(
    "weather_open_meteo_requests_total", "HTTP attempts to Open-Meteo.", ["endpoint"]
)
upstream_errors = Counter(
    "weather_open_meteo_errors_total",
    "Failed attempts to Open-Meteo, by kind.",
    ["endpoint", "kind"],
)
upstream_weight = Counter(
    "weather_open_meteo_weighted_calls_total",
    "Calls of Open-Meteo's quota spent: each attempt weighs what upstream bills for it, "
    "by endpoint and by kind of work (interactive, background).",
    ["endpoint", "kind"],
)
upstream_retries = Counter(
    "weather_open_meteo_retries_total", "Attempts to Open-Meteo made again.", ["endpoint"]
)
upstream_duration = Histogram(
    "weather_open_meteo_request_duration_seconds",
    "Time of one HTTP attempt to Open-Meteo.",
    ["endpoint"],
    buckets=LATENCY_BUCKETS,
)

cache_lookups = Counter(
    "weather_cache_lookups_total",
    "Cached upstream answers asked for: hit (fresh), miss (fetched), shared (another caller's "
    "fetch), stale (kept copy served after a failure), error (no answer).",
    ["cache", "result"],
)
cache_waits = Histogram(
    "weather_cache_single_flight_wait_seconds",
    "Time spent waiting for another caller's fetch of the same key.",
    ["cache"],
    buckets=LATENCY_BUCKETS,
)

searches_created = Counter("weather_searches_created_total", "Searches stored.")
searches_processed = Counter("weather_searches_processed_total", "Searches processed.")
searches_failed = Counter("weather_searches_failed_total", "Searches marked failed.")
search_processing_latency = Histogram(
    "weather_search_processing_latency_seconds",
    "From a search's creation to its processing (created_at to processed_at).",
    buckets=PROCESSING_BUCKETS,
)
requeued_searches = Counter(
    "weather_requeue_sweep_searches_total",
    "Searches the re-queue sweep published again (requeued) or gave up on (gave_up).",
    ["outcome"],
)

task_runs = Counter("weather_celery_task_runs_total", "Task runs started.", ["task"])
task_failures = Counter(
    "weather_celery_task_failures_total", "Tasks failed for good (no retry left).", ["task"]
)
task_retries = Counter(
    "weather_celery_task_retries_total", "Task runs that asked a retry.", ["task"]
)
task_duration = Histogram(
    "weather_celery_task_duration_seconds",
    "Run time of a task, whatever its outcome.",
    ["task"],
    buckets=(*LATENCY_BUCKETS, 60, 120, 300, 900),
)
task_last_success = Gauge(
    "weather_celery_task_last_success_timestamp_seconds",
    "When a task last succeeded (Unix time).",
    ["task"],
    multiprocess_mode="max",
)
operator_alerts = Counter(
    "weather_operator_alerts_total", "Operator alerts raised for tasks that failed.", ["task"]
)

notifications_delivered = Counter(
    "weather_notifications_delivered_total", "Notifications the webhook accepted."
)
webhook_failures = Counter(
    "weather_webhook_failures_total", "Webhook deliveries that failed.", ["hook"]
)
cleanup_deleted = Counter("weather_cleanup_deleted_searches_total", "Searches the cleanup deleted.")


def _initialise_series() -> None:
    """Every known series exists from the start at 0, so a rate over it is 0, not absent."""
    for endpoint in UPSTREAM_ENDPOINTS:
        upstream_requests.labels(endpoint)
        upstream_retries.labels(endpoint)
        for kind in SPENDERS:
            upstream_weight.labels(endpoint, kind)
        for kind in UPSTREAM_ERROR_KINDS:
            upstream_errors.labels(endpoint, kind)
    for name in CACHES:
        cache_waits.labels(name)
        for result in CACHE_RESULTS:
            cache_lookups.labels(name, result)
    for outcome in ("requeued", "gave_up"):
        requeued_searches.labels(outcome)
    for hook in ("notifications", "operator_alerts"):
        webhook_failures.labels(hook)


_initialise_series()

# --- Recording, never raising ---------------------------------------------------------------


def _safely(record: Callable[[], None], what: str) -> None:
    if not ENABLED:
        return
    try:
        record()
    except Exception:
        logger.warning("could not record the %s metric", what, exc_info=True)


def _bounded(value: str, known: Iterable[str]) -> str:
    return value if value in known else "other"


def record_http(route: str, method: str, status: int, seconds: float) -> None:
    def record():
        labels = (route, _bounded(method, METHODS), str(status))
        http_requests.labels(*labels).inc()
        http_duration.labels(*labels).observe(seconds)

    _safely(record, "HTTP")


def record_upstream(endpoint: str, seconds: float, error_kind: str | None = None) -> None:
    def record():
        name = _bounded(endpoint, UPSTREAM_ENDPOINTS)
        upstream_requests.labels(name).inc()
        upstream_duration.labels(name).observe(seconds)
        if error_kind:
            upstream_errors.labels(name, _bounded(error_kind, UPSTREAM_ERROR_KINDS)).inc()

    _safely(record, "upstream")


def record_upstream_error(endpoint: str, error_kind: str) -> None:
    """An error without a request of its own: a call we did not make (open circuit, spent
    budget), or an answer already counted as a request that we then found unusable."""

    def record():
        name = _bounded(endpoint, UPSTREAM_ENDPOINTS)
        upstream_errors.labels(name, _bounded(error_kind, UPSTREAM_ERROR_KINDS)).inc()

    _safely(record, "upstream error")


def record_upstream_weight(endpoint: str, calls: int, kind: str) -> None:
    """`calls` of the quota spent on an attempt, by interactive or background work."""

    def record():
        name = _bounded(endpoint, UPSTREAM_ENDPOINTS)
        upstream_weight.labels(name, _bounded(kind, SPENDERS)).inc(calls)

    _safely(record, "upstream weight")


def record_upstream_retry(endpoint: str) -> None:
    _safely(lambda: upstream_retries.labels(_bounded(endpoint, UPSTREAM_ENDPOINTS)).inc(), "retry")


_CACHE_NAME = re.compile(r"^[a-z_]+")


def cache_name(key: str) -> str:
    """The cache a key belongs to: its prefix before ":" (our keys are "forecast:<hash>")."""
    match = _CACHE_NAME.match(key)
    return _bounded(match.group(0) if match else "", CACHES)


def record_cache(key: str, result: str) -> None:
    _safely(lambda: cache_lookups.labels(cache_name(key), result).inc(), "cache")


def record_cache_wait(key: str, seconds: float) -> None:
    _safely(lambda: cache_waits.labels(cache_name(key)).observe(seconds), "single-flight wait")


def record_search_created() -> None:
    _safely(searches_created.inc, "searches created")


def record_search_processed(latency_s: float) -> None:
    def record():
        searches_processed.inc()
        search_processing_latency.observe(max(0.0, latency_s))

    _safely(record, "searches processed")


def record_search_failed() -> None:
    _safely(searches_failed.inc, "searches failed")


def record_requeue(requeued: int, gave_up: int) -> None:
    def record():
        requeued_searches.labels("requeued").inc(requeued)
        requeued_searches.labels("gave_up").inc(gave_up)

    _safely(record, "re-queue sweep")


def record_notifications_delivered(count: int) -> None:
    _safely(lambda: notifications_delivered.inc(count), "notifications")


def record_webhook_failure(hook: str) -> None:
    _safely(lambda: webhook_failures.labels(hook).inc(), "webhook failure")


def record_cleanup(deleted: int) -> None:
    _safely(lambda: cleanup_deleted.inc(deleted), "cleanup")


_TASK_METRICS = {
    "run": lambda task, _: task_runs.labels(task).inc(),
    "retry": lambda task, _: task_retries.labels(task).inc(),
    "failure": lambda task, _: task_failures.labels(task).inc(),
    "alert": lambda task, _: operator_alerts.labels(task).inc(),
    "duration": lambda task, seconds: task_duration.labels(task).observe(seconds),
    "success": lambda task, at: task_last_success.labels(task).set(at),
}


def track_tasks(names: Iterable[str]) -> None:
    """Keeps task series for these task names, each at 0 from the start."""
    global _tasks
    _tasks = frozenset(names)
    for task in _tasks:
        for family in (task_runs, task_retries, task_failures, operator_alerts):
            family.labels(task)


def record_task(what: str, task_name: str | None, value: float = 0.0) -> None:
    """One of a task's events (_TASK_METRICS), for a tracked task name (else "other")."""
    task = _bounded(task_name or "", _tasks)
    _safely(lambda: _TASK_METRICS[what](task, value), f"task {what}")


class Timer:
    """`with Timer() as t: ...` then `t.seconds`; a monotonic clock, nothing to fail."""

    def __enter__(self) -> Timer:
        self.started = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.started


# --- Exposition -----------------------------------------------------------------------------


class _ThisProcess:
    """The default registry's values, for a process that is not in multiprocess mode."""

    def collect(self):
        yield from REGISTRY.collect()


def exposition(*collectors) -> tuple[bytes, str]:
    """The text format of every process's values (multiprocess mode) or of this process's,
    plus what `collectors` report at this moment; and its content type."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    for collector in collectors:
        registry.register(collector)
    return generate_latest(registry), CONTENT_TYPE_LATEST


def serve_worker_metrics(port: int, address: str = "0.0.0.0") -> None:
    """The worker role's metrics on http://<address>:<port>/metrics, from a thread of its
    main process (which forks the pool's children that write the values)."""
    from prometheus_client import start_http_server

    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    start_http_server(port, addr=address, registry=registry)
    logger.info("worker metrics on port %s", port)


def mark_process_dead(pid: int) -> None:
    """A gunicorn worker or pool child that exited: its live values stop counting."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        _safely(lambda: multiprocess.mark_process_dead(pid), "dead process")
