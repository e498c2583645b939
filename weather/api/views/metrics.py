"""GET /metrics: the web role's Prometheus metrics, for the internal network or the ops token.

Besides what the processes recorded (weather.infra.metrics), each scrape reports the state of the
stack at that moment: the pending searches and the age of the oldest, the depth and consumers
(live workers) of each queue, and each readiness check. A check that fails is reported as a
value (down, unknown), never as a failed scrape.

Access: `Authorization: Bearer $OPS_API_TOKEN` from anywhere; without a token only from
METRICS_ALLOWED_NETWORKS and never through a proxy (a request that carries X-Forwarded-For
came through nginx, the public site, which also refuses /metrics itself).
"""

from __future__ import annotations

import ipaddress
import logging

from django.conf import settings
from django.db.models import Count, Min
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from prometheus_client.core import GaugeMetricFamily

from weather.api.auth import ops_token_matches
from weather.api.errors import error_body
from weather.infra import metrics
from weather.models import WeatherSearch
from weather.services import health
from weather.worker import queue

logger = logging.getLogger(__name__)


class StackCollector:
    """The stack's state, read at scrape time."""

    def collect(self):
        yield from self._searches()
        yield from self._queues()
        yield from self._readiness()

    def _searches(self):
        pending = GaugeMetricFamily("weather_searches_pending", "Searches not processed yet.")
        oldest = GaugeMetricFamily(
            "weather_searches_oldest_pending_age_seconds",
            "Age of the oldest pending search (0 when none is pending).",
        )
        try:
            row = WeatherSearch.objects.pending().aggregate(n=Count("id"), oldest=Min("created_at"))
        except Exception as exc:
            logger.warning("metrics: pending searches unknown: %s", exc)
            return
        age = (timezone.now() - row["oldest"]).total_seconds() if row["oldest"] else 0.0
        pending.add_metric([], row["n"])
        oldest.add_metric([], max(0.0, age))
        yield from (pending, oldest)

    def _queues(self):
        ready = GaugeMetricFamily(
            "weather_queue_messages", "Messages ready in a worker queue.", labels=["queue"]
        )
        consumers = GaugeMetricFamily(
            "weather_queue_consumers", "Consumers (worker processes) of a queue.", labels=["queue"]
        )
        for name in (settings.CELERY_PROCESSING_QUEUE, settings.CELERY_MAINTENANCE_QUEUE):
            stats = queue.queue_stats(name)
            if stats is not None:
                ready.add_metric([name], stats[0])
                consumers.add_metric([name], stats[1])
        yield from (ready, consumers)

    def _readiness(self):
        up = GaugeMetricFamily(
            "weather_readiness_check_up",
            "0 when a readiness check is down, else 1 (degraded counts as up).",
            labels=["check"],
        )
        degraded = GaugeMetricFamily(
            "weather_readiness_check_degraded",
            "1 when a readiness check only limps (Open-Meteo's circuit is open), else 0.",
            labels=["check"],
        )
        for name, result in health.check_all().items():
            up.add_metric([name], 0.0 if result["status"] == "down" else 1.0)
            degraded.add_metric([name], 1.0 if result["status"] == "degraded" else 0.0)
        yield from (up, degraded)


def _from_internal_network(request) -> bool:
    if "x-forwarded-for" in request.headers:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in _allowed_networks())


def _allowed_networks():
    return [ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_NETWORKS]


@require_GET
def metrics_view(request):
    authorization = request.headers.get("authorization", "")
    if authorization.startswith("Bearer "):
        if not ops_token_matches(authorization[len("Bearer ") :].strip()):
            return JsonResponse(
                error_body("not_authenticated", "Invalid operator token."), status=401
            )
    elif not _from_internal_network(request):
        return JsonResponse(
            error_body(
                "permission_denied",
                "Metrics are served to the internal network or with the operator token only.",
            ),
            status=403,
        )
    body, content_type = metrics.exposition(StackCollector())
    return HttpResponse(body, content_type=content_type)
