"""What the worker reports about its tasks, from Celery's signals (connected when
weather.worker.tasks is imported, so in every worker process):

- metrics per task name (those of weather.worker.names, else "other"): runs, retries,
  failures, run time, last success (weather.infra.metrics);
- an operator alert for a task that failed for good (its retries exhausted, or an error not
  worth retrying): a row the admin lists, sent to the notification webhook;
- the worker role's metrics endpoint, from its main process, when CELERY_METRICS_PORT is set.

None of this may fail a task: every handler logs its own failure and carries on.
"""

from __future__ import annotations

import logging
import os
import time

from celery import signals
from django.utils import timezone

from weather.infra import metrics, process_state
from weather.models import OperatorAlert
from weather.providers import webhook
from weather.worker import names

logger = logging.getLogger(__name__)

# task id -> when its run started (perf_counter), in the pool process that runs it.
_started: dict[str, float] = process_state.memo({})

metrics.track_tasks(names.ALL)


@signals.task_prerun.connect
def _task_started(task_id=None, task=None, **kwargs) -> None:
    _started[task_id] = time.perf_counter()
    metrics.record_task("run", getattr(task, "name", None))


@signals.task_postrun.connect
def _task_finished(task_id=None, task=None, state=None, **kwargs) -> None:
    started = _started.pop(task_id, None)
    if started is not None:
        metrics.record_task("duration", getattr(task, "name", None), time.perf_counter() - started)
    if state == "SUCCESS":
        metrics.record_task("success", getattr(task, "name", None), time.time())


@signals.task_retry.connect
def _task_retried(sender=None, **kwargs) -> None:
    metrics.record_task("retry", getattr(sender, "name", None))


@signals.task_failure.connect
def _task_failed(sender=None, task_id=None, exception=None, **kwargs) -> None:
    name = getattr(sender, "name", None) or "unknown"
    metrics.record_task("failure", name)
    try:
        alert_operators(name, task_id or "", exception)
    except Exception:
        logger.exception("could not raise the operator alert for task %s (%s)", name, task_id)


def alert_operators(task_name: str, task_id: str, exception: BaseException | None) -> OperatorAlert:
    """Records that a task failed for good and sends it to the webhook (when one is set)."""
    error = f"{type(exception).__name__}: {exception}"[:2000] if exception else ""
    alert = OperatorAlert.objects.create(task_name=task_name, task_id=task_id, error=error)
    metrics.record_task("alert", task_name)
    logger.error("operator alert: task %s (%s) failed for good: %s", task_name, task_id, error)
    if webhook.configured():
        payload = {
            "event": "weather.operator_alert",
            "alert": {
                "id": alert.id,
                "task": task_name,
                "task_id": task_id,
                "error": error[:500],
                "created_at": alert.created_at.isoformat(),
            },
        }
        if webhook.post(payload, hook="operator_alerts"):
            alert.delivered_at = timezone.now()
            alert.save(update_fields=["delivered_at"])
    return alert


@signals.worker_ready.connect
def _serve_metrics(**kwargs) -> None:
    port = os.environ.get("CELERY_METRICS_PORT", "").strip()
    if port:
        try:
            metrics.serve_worker_metrics(int(port))
        except Exception:
            logger.exception("could not serve the worker's metrics on port %s", port)


@signals.worker_process_shutdown.connect
def _forget_process(pid=None, **kwargs) -> None:
    metrics.mark_process_dead(pid or os.getpid())
