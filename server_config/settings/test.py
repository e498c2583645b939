"""The test suite: real PostgreSQL, Redis and RabbitMQ, isolated by names and numbers."""

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK, env, result_backend_url

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Own Redis databases: the suite flushes its cache between tests.
REDIS_URL = env("TEST_REDIS_URL", default="redis://127.0.0.1:6379/3")
CACHES = {
    "default": {
        "BACKEND": "server_config.cache_backend.RedisCacheWithFallback",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "weather-test",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 2},
    }
}
CELERY_RESULT_BACKEND = result_backend_url(
    env("TEST_CELERY_RESULT_BACKEND", default="redis://127.0.0.1:6379/4")
)
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "search": env("THROTTLE_SEARCH_RATE", default="1000/min"),
    "autocomplete": env("THROTTLE_AUTOCOMPLETE_RATE", default="1000/min"),
    "refresh": env("THROTTLE_REFRESH_RATE", default="1000/min"),
    "export": env("THROTTLE_EXPORT_RATE", default="1000/min"),
    "read": env("THROTTLE_READ_RATE", default="1000/min"),
}
# Nothing listens on port 9; the fake server fixture points these at itself.
OPEN_METEO_FORECAST_URL = env("OPEN_METEO_FORECAST_URL", default="http://127.0.0.1:9/v1")
OPEN_METEO_GEOCODING_URL = env("OPEN_METEO_GEOCODING_URL", default="http://127.0.0.1:9/v1")
OPEN_METEO_AIR_QUALITY_URL = env("OPEN_METEO_AIR_QUALITY_URL", default="http://127.0.0.1:9/v1")
# Short, for the timeouts tested in-process; a worker whose calls are not about timeouts is
# started with a longer one (weather/tests/celery_worker.py).
OPEN_METEO_READ_TIMEOUT_S = env.float("TEST_OPEN_METEO_READ_TIMEOUT_S", default=1.0)
OPEN_METEO_BACKOFF_S = 0.01
# Chunks are not held back by the refresh worker's rate limit, unless a test says so.
BULK_REFRESH_RATE_LIMIT = env("BULK_REFRESH_RATE_LIMIT", default="100/s")
# The suite's webhook receivers listen on loopback.
NOTIFY_WEBHOOK_ALLOW_PRIVATE = env.bool("NOTIFY_WEBHOOK_ALLOW_PRIVATE", default=True)
# The suite's Web Push receivers listen on loopback, over plain http.
WEB_PUSH_ALLOWED_TEST_HOSTS = env.list("WEB_PUSH_ALLOWED_TEST_HOSTS", default=["127.0.0.1"])
# Background publishing threads must not keep connections to the test database open.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
