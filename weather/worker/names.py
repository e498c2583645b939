"""Every Celery task's name and queue, defined once.

The names are what queued messages and beat schedules carry, so they never change when code
moves. The task decorators, the routes (`route`, which the settings name as a dotted path),
the task metrics and the tests all take them from here; `python -m weather.worker.names`
prints them one per line for the shell checks.

Each task runs on one of three queues: "processing" (user-facing: a search's processing, the
system check), "maintenance" (scheduled work) or "refresh" (bulk refreshes, consumed by a
worker of its own), named by CELERY_PROCESSING_QUEUE, CELERY_MAINTENANCE_QUEUE and
CELERY_REFRESH_QUEUE, so that none waits behind another. `python -m weather.worker.names
--queues refresh` prints the queue names of roles, for the workers' start scripts.
"""

from __future__ import annotations

from django.conf import settings

PROCESSING = "processing"
MAINTENANCE = "maintenance"
REFRESH = "refresh"

ASYNC_WEATHER_PROCESSING = "weather.async_weather_processing"
TEST_CELERY_TASK = "weather.test_celery_task"
CLEANUP_OLD_SEARCHES = "weather.cleanup_old_searches"
WEEKLY_WEATHER_REPORT = "weather.weekly_weather_report"
REQUEUE_UNPROCESSED_SEARCHES = "weather.requeue_unprocessed_searches"
BULK_REFRESH_CHUNK = "weather.bulk_refresh_chunk"
PUBLISH_REFRESH_CHUNKS = "weather.publish_refresh_chunks"
WARM_POPULAR_PLACES = "weather.warm_popular_places"
DATABASE_MAINTENANCE = "weather.database_maintenance"
EVALUATE_ALERTS = "weather.evaluate_alerts"
DELIVER_ALERT = "weather.deliver_alert"
CLEAR_EXPIRED_SESSIONS = "weather.clear_expired_sessions"

# Task name -> the queue role it runs on.
ROLES: dict[str, str] = {
    ASYNC_WEATHER_PROCESSING: PROCESSING,
    TEST_CELERY_TASK: PROCESSING,
    CLEANUP_OLD_SEARCHES: MAINTENANCE,
    WEEKLY_WEATHER_REPORT: MAINTENANCE,
    REQUEUE_UNPROCESSED_SEARCHES: MAINTENANCE,
    BULK_REFRESH_CHUNK: REFRESH,
    PUBLISH_REFRESH_CHUNKS: REFRESH,
    WARM_POPULAR_PLACES: MAINTENANCE,
    DATABASE_MAINTENANCE: MAINTENANCE,
    EVALUATE_ALERTS: MAINTENANCE,
    DELIVER_ALERT: MAINTENANCE,
    CLEAR_EXPIRED_SESSIONS: MAINTENANCE,
}
ALL: tuple[str, ...] = tuple(ROLES)


# Role -> the setting naming its queue.
QUEUE_SETTINGS = {
    PROCESSING: "CELERY_PROCESSING_QUEUE",
    MAINTENANCE: "CELERY_MAINTENANCE_QUEUE",
    REFRESH: "CELERY_REFRESH_QUEUE",
}


def queue_for(role: str) -> str:
    """The configured queue of a role."""
    return getattr(settings, QUEUE_SETTINGS[role])


def route(name, args=None, kwargs=None, options=None, task=None, **kw) -> dict | None:
    """Celery's router (CELERY_TASK_ROUTES): a known task's queue, read from the settings at
    each publish; None for others (Celery's own tasks), which go to the default queue."""
    role = ROLES.get(name)
    return None if role is None else {"queue": queue_for(role)}


def _main(argv: list[str]) -> None:
    if argv[:1] == ["--queues"]:
        import os

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server_config.settings.local")
        print(",".join(queue_for(role) for role in argv[1].split(",")))
    else:
        print("\n".join(ALL))


if __name__ == "__main__":
    import sys

    _main(sys.argv[1:])
