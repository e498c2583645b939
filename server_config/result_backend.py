"""The Redis result backend, minus the result subscription at publish time.

Celery subscribes a publishing process to each task's result channel, so that a later
`.get()` returns quickly. Our web processes publish a task per search and never wait on one
(the API reads task states on demand), so those subscriptions would only cost two Redis round
trips per search and pile up in every gunicorn worker. `.get()` still works: it subscribes
when it is called and reads the stored state first.
"""

from celery.backends.redis import RedisBackend


class StateOnlyRedisBackend(RedisBackend):
    def on_task_call(self, producer, task_id):
        pass


def result_backend_url(url: str) -> str:
    """`CELERY_RESULT_BACKEND` for a URL from the environment: Redis URLs get this backend."""
    if url.startswith(("redis://", "rediss://")):
        return f"server_config.result_backend:StateOnlyRedisBackend+{url}"
    return url
