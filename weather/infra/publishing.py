"""Handing one task message to the broker, within a deadline, and what this process knows of
each broker (its publish pause, the queues declared on it). weather.worker.queue publishes through
`send`; nothing else talks to the broker to publish.
"""

from __future__ import annotations

import contextvars
import dataclasses
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as DeadlinePassed

from celery import current_app
from django.conf import settings

from weather.infra import process_state

TASK_QUEUE_UNAVAILABLE = "The task queue is unavailable. Please try again shortly."


class PublishFailed(Exception):
    """The broker did not take the message (down, unreachable, or no confirm in time)."""


@dataclasses.dataclass
class _Broker:
    """Per broker URL (one node, or a cluster's nodes), so that a failure against one broker
    never pauses publishing to another, nor a queue declared on one counts for another."""

    paused_until: float = 0.0  # monotonic time until which this process does not try it
    declared: set[str] = dataclasses.field(default_factory=set)  # queues this process declared


_brokers: dict[str, _Broker] = process_state.memo({})

# Where publishes run, so the caller can stop waiting for one that overruns its deadline. A
# few threads: more would only pile up behind a broker that answers nobody.
_publishers = process_state.Local(
    lambda: ThreadPoolExecutor(max_workers=4, thread_name_prefix="broker-send"),
    close=lambda pool: pool.shutdown(wait=False),
)


def _broker() -> _Broker:
    return _brokers.setdefault(current_app.conf.broker_url, _Broker())


def publishing_paused() -> bool:
    return time.monotonic() < _broker().paused_until


def resume_publishing() -> None:
    """Forgets an earlier publish failure (the broker is known to be back)."""
    _broker().paused_until = 0.0


def send(task_name: str, **options) -> None:
    """Publishes a message for the task named `task_name` within CELERY_PUBLISH_DEADLINE_S;
    a failure pauses publishing and raises PublishFailed.

    Each wait has its own timeout (connecting, the confirm), but kombu's failover to the next
    node of a cluster closes the old connection politely, and py-amqp waits for that answer
    without one (seconds, when the node is cut off from the cluster: RELIABILITY.md). So the
    caller waits for the publish at most the deadline and then counts it failed: the search
    stays pending and the sweep publishes it again. Should the abandoned publish still reach
    the broker, the worker processes that search once all the same (it skips a processed one).

    The task's queue is declared by this process's first publish to it that succeeds, so a
    fresh broker works, and never again: Celery would declare it on every fresh connection, as
    after a failover, and a node that cannot reach a quorum queue's leader does not answer
    until a new leader is elected. The queues are durable (a quorum queue exists on the whole
    cluster) and the workers declare them too. A queue an operator deletes stays missing until
    a worker starts or reconnects: RabbitMQ confirms and drops what is published meanwhile (or,
    the exchange gone too, refuses it), and the sweep publishes those searches again.
    """
    broker = _broker()
    timeout = settings.CELERY_PUBLISH_TIMEOUT_S
    try:
        queue = current_app.amqp.router.route({}, task_name)["queue"]
        declare = [] if queue.name in broker.declared else [queue]
        publishing = _publishers.get().submit(
            contextvars.copy_context().run,  # the request id of the logs goes along
            current_app.send_task, task_name,
            queue=queue, declare=declare, timeout=timeout, confirm_timeout=timeout, **options,
        )  # fmt: skip
        try:
            publishing.result(timeout=settings.CELERY_PUBLISH_DEADLINE_S)
        except DeadlinePassed:
            raise PublishFailed(
                f"no confirm within {settings.CELERY_PUBLISH_DEADLINE_S:g} s"
            ) from None
    except Exception as exc:  # the broker, the result store or the database
        broker.paused_until = time.monotonic() + settings.CELERY_PUBLISH_PAUSE_S
        if isinstance(exc, PublishFailed):
            raise
        raise PublishFailed(f"{type(exc).__name__}: {exc}") from exc
    broker.declared.add(queue.name)
