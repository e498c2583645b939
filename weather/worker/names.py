"""Every Celery task's name and queue, defined once.

The names are what queued messages and beat schedules carry, so they never change when code
moves. The task decorators, the routes (`route`, which the settings name as a dotted path),
the task metrics and the tests all take them from here; `python -m weather.worker.names`
prints them one per line for the shell checks.

Each task runs on one of two queues: "processing" (user-facing: a search's processing, the
system check) or "maintenance" (scheduled and bulk work), named by CELERY_PROCESSING_QUEUE
and CELERY_MAINTENANCE_QUEUE, so that neither waits behind the other.
"""

from __future__ import annotations

from django.conf import settings

PROCESSING = "processing"
MAINTENANCE = "maintenance"

ASYNC_WEATHER_PROCESSING = "weather.async_weather_processing"
TEST_CELERY_TASK = "weather.test_celery_task"
CLEANUP_OLD_SEARCHES = "weather.cleanup_old_searches"
WEEKLY_WEATHER_REPORT = "weather.weekly_weather_report"
REQUEUE_UNPROCESSED_SEARCHES = "weather.requeue_unprocessed_searches"
BULK_REFRESH_CHUNK = "weather.bulk_refresh_chunk"
WARM_POPULAR_PLACES = "weather.warm_popular_places"
DATABASE_MAINTENANCE = "weather.database_maintenance"

# Task name -> the queue role it runs on.
ROLES: dict[str, str] = {
    ASYNC_WEATHER_PROCESSING: PROCESSING,
    TEST_CELERY_TASK: PROCESSING,
    CLEANUP_OLD_SEARCHES: MAINTENANCE,
    WEEKLY_WEATHER_REPORT: MAINTENANCE,
    REQUEUE_UNPROCESSED_SEARCHES: MAINTENANCE,
    BULK_REFRESH_CHUNK: MAINTENANCE,
    WARM_POPULAR_PLACES: MAINTENANCE,
    DATABASE_MAINTENANCE: MAINTENANCE,
}
ALL: tuple[str, ...] = tuple(ROLES)


def queue_for(role: str) -> str:
    """The configured queue of a role."""
    if role == PROCESSING:
        return settings.CELERY_PROCESSING_QUEUE
    return settings.CELERY_MAINTENANCE_QUEUE


def route(name, args=None, kwargs=None, options=None, task=None, **kw) -> dict | None:
    """Celery's router (CELERY_TASK_ROUTES): a known task's queue, read from the settings at
    each publish; None for others (Celery's own tasks), which go to the default queue."""
    role = ROLES.get(name)
    return None if role is None else {"queue": queue_for(role)}


if __name__ == "__main__":
    print("\n".join(ALL))
