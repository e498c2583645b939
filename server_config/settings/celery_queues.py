"""Celery's queues: names, type (classic or quorum) and the task router.

Kept apart from base.py so the queue layout has one owner that tests and the offline settings
reuse with their own queue names.

Quorum queues are replicated by a RabbitMQ cluster and survive the loss of a node. With them
Celery turns off global QoS and sends countdowns and retries through RabbitMQ's delayed
delivery exchanges (`celery_delayed_*`), which forward only to topic exchanges: so in quorum
mode each queue's exchange is a topic exchange. RabbitMQ refuses to redeclare an existing queue
or exchange with another type (PRECONDITION_FAILED), so the default stays classic; see
docs/scaling.md for switching a running broker over.
"""

QUEUE_TYPES = ("classic", "quorum")


def celery_queue_settings(
    processing: str, maintenance: str, queue_type: str = "classic", *, refresh: str | None = None
) -> dict:
    """Queue declarations and the router for the queue names (tests use their own)."""
    from kombu import Exchange, Queue

    if queue_type not in QUEUE_TYPES:
        raise ValueError(f"CELERY_QUEUE_TYPE must be one of {QUEUE_TYPES}, not {queue_type!r}")
    quorum = queue_type == "quorum"
    exchange_type = "topic" if quorum else "direct"
    arguments = {"x-queue-type": "quorum"} if quorum else None
    return {
        "CELERY_TASK_QUEUES": tuple(
            Queue(
                name,
                Exchange(name, type=exchange_type, durable=True),
                routing_key=name,
                durable=True,
                queue_arguments=arguments,
            )
            for name in (processing, maintenance, refresh)
            if name
        ),
        "CELERY_TASK_DEFAULT_QUEUE": processing,
        "CELERY_TASK_DEFAULT_QUEUE_TYPE": queue_type,
        "CELERY_TASK_CREATE_MISSING_QUEUE_TYPE": queue_type,
        "CELERY_TASK_CREATE_MISSING_QUEUE_EXCHANGE_TYPE": exchange_type,
        # Each task's queue comes from weather.worker.names, where the task names are defined
        # (a dotted path: the settings import no app code). At each publish it reads the queue
        # names from CELERY_PROCESSING_QUEUE, CELERY_MAINTENANCE_QUEUE and CELERY_REFRESH_QUEUE.
        "CELERY_TASK_ROUTES": ("weather.worker.names.route",),
    }
