"""The producer side of the worker queue: everything that hands work to the broker or asks
it something. The web processes, beat's sweep and the management command publish through
here, naming tasks by their names (weather.worker.names); `weather.worker.tasks` consumes.

- `publish_after_commit` is how a stored search reaches the workers: once its row is
  committed, a background thread of this process calls `publish`.
- `publish` hands one claimed search to the broker with bounded waits. When the broker is
  down it pauses this process's publishing for CELERY_PUBLISH_PAUSE_S and leaves the search
  pending: nothing is lost, the sweep publishes it later.
- `requeue_unprocessed_searches` (the sweep, run every minute by beat through its task)
  publishes again what was never published or got lost.
- `start_bulk_refresh` publishes the one message of a bulk refresh, and the task it runs
  `publish_refresh_chunks`, its chunks (see `weather.jobs.bulk`).
- `check_broker`, `open_broker_connection` (the web workers' warm-up), `queue_depth`,
  `queue_stats`, `queue_test_task` and `task_status` for the health, metrics and operator
  endpoints.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

from celery import current_app
from celery.result import AsyncResult
from django.conf import settings
from django.db import close_old_connections, transaction
from django.utils import timezone

from weather.infra import metrics, process_state
from weather.infra.publishing import PublishFailed, publishing_paused, resume_publishing, send
from weather.jobs import bulk
from weather.models import BulkRefresh, WeatherSearch
from weather.worker import names

logger = logging.getLogger(__name__)

# A search whose message was never published is left alone this long after it was created:
# its own request is still publishing it.
UNPUBLISHED_GRACE_S = 5


# --- Publishing a search --------------------------------------------------------------------


def publish_after_commit(search: WeatherSearch) -> None:
    """Publishes a search stored already claimed (`queued_at` set, one attempt counted) once
    its row is committed, so a worker never misses it; and off the request path, since the
    committed row already guarantees processing (the sweep catches a publish that failed)."""
    search_id, task_id = search.id, search.task_id

    def submit():
        # In the caller's context, so the log lines and the task published carry the request
        # id of the request that stored the search.
        context = contextvars.copy_context()
        _publishing_threads.get().submit(context.run, _publish_in_background, search_id, task_id)

    transaction.on_commit(submit)


# This process's publishing threads. Publishing waits for the broker's confirm (a disk write
# on RabbitMQ), which the response need not wait for.
_publishing_threads = process_state.Local(
    lambda: ThreadPoolExecutor(max_workers=2, thread_name_prefix="publish"),
    close=lambda pool: pool.shutdown(wait=False),
)


def _publish_in_background(search_id: int, task_id: str) -> None:
    # As Django does around a request: never hold on to a broken or outdated connection.
    close_old_connections()
    try:
        publish(search_id, task_id)
    finally:
        close_old_connections()


def publish(search_id: int, task_id: str) -> bool:
    """Hands a claimed search's processing message to the broker; whether it was confirmed.
    Never raises.

    Waits at most about a second when the broker is down or unreachable, then stops trying
    for CELERY_PUBLISH_PAUSE_S. A publish that did not happen marks the search unpublished,
    so the sweep publishes it later.
    """
    if publishing_paused():
        logger.info("broker recently down: search %s left pending for the sweep", search_id)
    else:
        try:
            send(names.ASYNC_WEATHER_PROCESSING, args=[search_id], task_id=task_id)
            return True
        except PublishFailed as exc:
            logger.warning(
                "could not queue processing of search %s (%s); it stays pending", search_id, exc
            )
    try:
        WeatherSearch.objects.mark_unpublished(search_id)
    except Exception:
        logger.exception("could not reset queued_at of search %s", search_id)
    return False


def queue_search(search_id: int, task_id: str) -> bool:
    """Marks a stored search queued and publishes it, whatever its state (by hand: the
    worker skips a search already processed). Never raises."""
    try:
        # Marked before publishing, so that publishing never waits for the row lock a
        # worker takes when it processes the search.
        WeatherSearch.objects.mark_queued(search_id)
    except Exception:
        logger.exception("could not mark search %s as queued", search_id)
    return publish(search_id, task_id)


# --- The sweep ------------------------------------------------------------------------------


def requeue_unprocessed_searches(*, limit: int = 500) -> dict:
    """Publishes again the pending searches whose message was never published, or was
    published more than REQUEUE_AFTER_S ago and not processed (lost, or failed its retries).

    While the processing queue has a backlog, only never-published searches are re-queued:
    the others are probably still waiting in that queue. Each search is claimed with a
    conditional UPDATE, so overlapping sweeps do not publish it twice. A search published
    REQUEUE_MAX_ATTEMPTS times is marked failed.
    """
    resume_publishing()  # this runs where the broker just delivered a message to us
    now = timezone.now()
    backlog = queue_depth(settings.CELERY_PROCESSING_QUEUE)
    created_before = now - dt.timedelta(seconds=UNPUBLISHED_GRACE_S)
    if backlog:
        due = WeatherSearch.objects.never_published(created_before=created_before)
    else:
        due = WeatherSearch.objects.due_for_requeue(
            created_before=created_before,
            published_before=now - dt.timedelta(seconds=settings.REQUEUE_AFTER_S),
        )
    candidates = list(
        due.order_by("created_at").values_list("id", "task_id", "queued_at", "publish_attempts")[
            :limit
        ]
    )
    requeued = gave_up = 0
    for search_id, task_id, queued_at, attempts in candidates:
        if attempts >= settings.REQUEUE_MAX_ATTEMPTS:
            WeatherSearch.objects.mark_failed(
                search_id, f"not processed after {attempts} publishes; gave up"
            )
            gave_up += 1
            continue
        if not WeatherSearch.objects.claim_for_publishing(search_id, queued_at=queued_at):
            continue  # processed meanwhile, or another sweep took it
        if not publish(search_id, task_id or _new_task_id(search_id)):
            break  # the broker is gone again; the next sweep carries on
        requeued += 1
    summary = {"requeued": requeued, "gave_up": gave_up, "backlog": backlog}
    metrics.record_requeue(requeued, gave_up)
    if requeued or gave_up:
        logger.info("re-queue sweep: %s", summary)
    return summary


def _new_task_id(search_id: int) -> str:
    task_id = str(uuid.uuid4())
    WeatherSearch.objects.filter(pk=search_id, task_id="").update(task_id=task_id)
    return task_id


# --- Bulk refresh ---------------------------------------------------------------------------


def start_bulk_refresh(
    location_ids: list[int], *, requested_by: str = "", owned: dict | None = None
) -> BulkRefresh:
    """Stores a refresh of these places and, once its row is committed (with whatever the
    caller's transaction also stores, such as its Idempotency-Key), publishes the one message
    that fans its chunks out (`publish_refresh_chunks`, on a worker), so that a request never
    waits for hundreds of publishes. Raises PublishFailed (and forgets the refresh) when the
    broker does not take it: from the outermost transaction's commit, inside one."""
    with transaction.atomic():
        refresh = bulk.new_refresh(location_ids, requested_by=requested_by, owned=owned)
        transaction.on_commit(lambda: _publish_refresh(refresh))
    return refresh


def _publish_refresh(refresh: BulkRefresh) -> None:
    try:
        send(names.PUBLISH_REFRESH_CHUNKS, args=[str(refresh.id)])
    except PublishFailed:
        refresh.delete()
        raise


def publish_refresh_chunks(refresh_id: str) -> int:
    """Publishes a refresh's chunks not published yet, in order, counting each on its row: a
    redelivered message carries on where the last delivery stopped and never publishes the
    refresh's chunks again (at most the one in flight at a crash, whose outcomes are
    recorded once anyway). How many it published. Raises PublishFailed."""
    refresh = BulkRefresh.objects.filter(pk=refresh_id).first()
    if refresh is None or refresh.status in (
        BulkRefresh.Status.CANCELLED,
        BulkRefresh.Status.FINISHED,
    ):
        return 0
    published = 0
    for index in range(refresh.chunks_published, refresh.chunks):
        send(names.BULK_REFRESH_CHUNK, args=[str(refresh.id), index])
        if not BulkRefresh.count_published(refresh.id, index):
            break  # another delivery of this message is publishing them
        published += 1
    return published


# --- Asking the broker ----------------------------------------------------------------------


def check_broker(timeout: float = 1.0) -> dict:
    """Opens a channel on a pooled broker connection, one of those publishing uses:
    {"status": "ok"|"down", "latency_ms", "error"}. With a cluster (CELERY_BROKER_URL lists
    its nodes), the broker is up while any node takes connections."""
    started = time.perf_counter()
    try:
        _open_channel(timeout)
    except Exception as exc:
        logger.warning("readiness: broker down: %s: %s", type(exc).__name__, exc)
        return {
            "status": "down",
            "latency_ms": round((time.perf_counter() - started) * 1000, 2),
            "error": type(exc).__name__,  # anyone may ask: never the broker's URL or message
        }
    return {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


def open_broker_connection() -> None:
    """Connects this process's next pooled broker connection, so that neither the first
    publish nor the first broker check pays for it."""
    with current_app.pool.acquire(block=True, timeout=1) as conn:
        conn.ensure_connection(max_retries=_other_nodes(conn), interval_start=0)


def _other_nodes(conn) -> int:
    """Retries that try each other node of a cluster once (kombu moves to the next node of
    CELERY_BROKER_URL on each failure); 0 for a single broker."""
    return max(len(conn.alt), 1) - 1


def _open_channel(timeout: float) -> None:
    """A channel opened and closed: round trips that prove the broker speaks AMQP to us. A
    pooled connection that fails is closed and replaced in the pool (PooledConnection); one
    that was already open may have died unseen (RabbitMQ restarted), so its failure is tried
    again on a fresh connection rather than reported."""
    reused = False
    try:
        with current_app.pool.acquire(block=True, timeout=timeout) as conn:
            reused = conn.connected
            others = _other_nodes(conn)
            conn.ensure_connection(
                max_retries=others, interval_start=0, timeout=timeout * (1 + others)
            )
            conn.channel().close()
            return
    except Exception:
        if not reused:
            raise
    with current_app.connection_for_write(connect_timeout=timeout) as conn:
        conn.ensure_connection(max_retries=_other_nodes(conn), interval_start=0)
        conn.channel().close()


def queue_depth(queue: str) -> int | None:
    """Messages ready in a queue, or None when the broker cannot say."""
    stats = queue_stats(queue)
    return None if stats is None else stats[0]


def queue_stats(queue: str) -> tuple[int, int] | None:
    """(messages ready, consumers) of a queue, or None when the broker cannot say."""
    try:
        with current_app.connection_for_write() as conn:
            declared = conn.default_channel.queue_declare(queue=queue, passive=True)
            return declared.message_count, declared.consumer_count
    except Exception as exc:
        logger.info("queue %s unknown: %s", queue, exc)
        return None


# --- The operators' endpoints ---------------------------------------------------------------


def queue_test_task(message: str, duration: float) -> str:
    """Publishes the system check task; its task id. Raises PublishFailed."""
    task_id = str(uuid.uuid4())
    send(names.TEST_CELERY_TASK, args=[message, duration], task_id=task_id)
    return task_id


def task_status(task_id: str) -> dict:
    """The task's state from the result store; for a search's processing task whose state
    has expired there, what the search itself records."""
    refresh = _bulk_refresh(task_id)
    if refresh is not None:
        return {"id": task_id, "result": None, "error": None, **bulk.progress(refresh)}
    result = AsyncResult(task_id, app=current_app)
    state = result.state
    body = {"id": task_id, "state": "PENDING", "result": None, "error": None}
    if state == "SUCCESS":
        body.update(state="SUCCESS", result=result.result)
    elif state in ("FAILURE", "REVOKED"):
        body.update(state="FAILURE", error=_describe(result.result) or state.lower())
    elif state == "RETRY":
        body.update(state="RETRY", error=_describe(result.result))
    elif state == "STARTED":
        body.update(state="STARTED")
    else:
        search = (
            WeatherSearch.objects.filter(task_id=task_id)
            .only("id", "processing_status", "processing_result", "processing_error")
            .first()
        )
        if search is not None and search.processing_status == WeatherSearch.Status.PROCESSED:
            body.update(
                state="SUCCESS",
                result={
                    "search_id": search.id,
                    "status": "processed",
                    "result": search.processing_result,
                },
            )
        elif search is not None and search.processing_status == WeatherSearch.Status.FAILED:
            body.update(state="FAILURE", error=search.processing_error or "failed")
    return body


def _bulk_refresh(task_id: str) -> BulkRefresh | None:
    try:
        return BulkRefresh.objects.filter(pk=uuid.UUID(task_id)).first()
    except ValueError:
        return None  # not a UUID: not a refresh


def _describe(error) -> str | None:
    if error is None:
        return None
    if isinstance(error, BaseException):
        # Anyone may ask for a task's state: the kind of error only; operators find the
        # message in the worker's log and the operator alerts.
        return type(error).__name__
    return str(error)[:1000]
