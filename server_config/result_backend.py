"""The Redis result backend, minus the result subscription at publish time, and never the
reason a task is lost.

Celery subscribes a publishing process to each task's result channel, so that a later
`.get()` returns quickly. Our web processes publish a task per search and never wait on one
(the API reads task states on demand), so those subscriptions would only cost two Redis round
trips per search and pile up in every gunicorn worker. `.get()` still works: it subscribes
when it is called and reads the stored state first.

The states it stores (STARTED, then the outcome) are a report for the API's task status: the
searches' own state lives in PostgreSQL. So a state that cannot be stored because Redis is
unreachable is logged and skipped. Celery would otherwise fail the task before it runs
(storing STARTED raises) and acknowledge its message: the search would wait for the sweep.
"""

import logging

from celery.backends.redis import RedisBackend

logger = logging.getLogger(__name__)


class StateOnlyRedisBackend(RedisBackend):
    def on_task_call(self, producer, task_id):
        pass

    def store_result(self, task_id, result, state, traceback=None, request=None, **kwargs):
        try:
            return super().store_result(
                task_id, result, state, traceback=traceback, request=request, **kwargs
            )
        except self.connection_errors as exc:
            logger.warning(
                "result backend unreachable (%s): state %s of task %s not stored",
                exc,
                state,
                task_id,
            )
            return result


def result_backend_url(url: str) -> str:
    """`CELERY_RESULT_BACKEND` for a URL from the environment: Redis URLs get this backend."""
    if url.startswith(("redis://", "rediss://")):
        return f"server_config.result_backend:StateOnlyRedisBackend+{url}"
    return url
