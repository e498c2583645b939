"""Hands searches to the Celery workers. (Placeholder until the processing service lands.)"""

import logging

logger = logging.getLogger(__name__)


def queue_processing(search_id: int, task_id: str) -> None:
    """Publishes the processing message for a committed search; never raises."""
    from . import tasks

    try:
        tasks.async_weather_processing.apply_async(args=[search_id], task_id=task_id)
    except Exception:
        logger.exception("could not queue processing of search %s", search_id)


def check_broker() -> dict:
    """Placeholder: replaced by the processing service."""
    return {"status": "ok"}
