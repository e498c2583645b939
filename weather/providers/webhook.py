"""The notification webhook: our weather alerts and operator alerts, POSTed as JSON to the
operator's NOTIFY_WEBHOOK_URL."""

import logging

import requests
from django.conf import settings

from weather.infra import metrics

logger = logging.getLogger(__name__)


def configured() -> bool:
    return bool(settings.NOTIFY_WEBHOOK_URL)


def post(payload: dict, *, hook: str = "notifications") -> bool:
    """POSTs the payload with a bounded wait; whether the receiver accepted it (2xx).
    A failure is logged and counted under `hook`, never raised: the caller keeps what was
    not delivered."""
    try:
        response = requests.post(
            settings.NOTIFY_WEBHOOK_URL, json=payload, timeout=settings.NOTIFY_WEBHOOK_TIMEOUT_S
        )
        response.raise_for_status()
    except requests.RequestException as exc:
        logger.warning("webhook (%s) failed: %s", hook, exc)
        metrics.record_webhook_failure(hook)
        return False
    return True
