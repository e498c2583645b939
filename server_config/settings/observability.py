"""Request ids and logging: one line per event on stdout, with the request id."""

import environ
from django_guid.integrations import CeleryIntegration

env = environ.Env()

# --- Request ids ------------------------------------------------------------------------------
# django-guid takes X-Request-ID from the proxy (nginx sends its own $request_id, a UUID) or
# makes one, echoes it in the response, puts it in every log line of the request, and sends it
# with every task the request publishes, so the worker's lines for that task carry it too.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,  # anything but a UUID is replaced, so log lines stay clean
    "EXPOSE_HEADER": False,  # CORS_EXPOSE_HEADERS already names it
    "IGNORE_URLS": [],
    # use_django_logging: the worker logs with LOGGING below instead of Celery's own format.
    "INTEGRATIONS": [CeleryIntegration(use_django_logging=True)],
}

# --- Logging: one line per event on stdout, with the request id -----------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "weather.api.middleware.RequestIdLogFilter"},
        "redact_secrets": {"()": "weather.infra.log_redaction.RedactSecretsFilter"},
    },
    "formatters": {
        "line": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
            "filters": ["request_id", "redact_secrets"],
        }
    },
    "root": {"handlers": ["stdout"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "django_guid": {"level": "WARNING"},  # it reports every id it sets at INFO
    },
}
