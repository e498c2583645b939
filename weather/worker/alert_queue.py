"""Publishing people's alert deliveries: one message per delivery (weather.jobs.alert_delivery
sends each once, however many messages name it)."""

from __future__ import annotations

import logging

from weather.infra.publishing import PublishFailed, send
from weather.worker import names

logger = logging.getLogger(__name__)


def publish_deliveries(delivery_ids: list[int]) -> int:
    """Publishes a delivery task for each id; how many the broker took. One that it did not
    take stays pending, and the next evaluation publishes it again (`stale_deliveries`)."""
    published = 0
    for delivery_id in dict.fromkeys(delivery_ids):
        try:
            send(names.DELIVER_ALERT, args=[delivery_id])
        except PublishFailed as exc:
            logger.warning("could not publish alert delivery %s: %s", delivery_id, exc)
            break  # publishing is paused now; the rest wait for the sweep
        published += 1
    return published
