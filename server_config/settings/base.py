"""Settings shared by every environment. Everything configurable comes from the environment."""

import os
from pathlib import Path

import environ
from corsheaders.defaults import default_headers as cors_default_headers

from server_config.result_backend import result_backend_url
from server_config.settings.celery_queues import celery_queue_settings
from server_config.settings.validation import validate as validate_settings

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment variables win
# (after .env is read)
from .accounts import *  # noqa: E402, F403
from .accounts import ACCOUNT_APPS, ACCOUNT_MIDDLEWARE  # noqa: E402
from .proxy import *  # noqa: E402, F403

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_guid",
    "weather",  # before allauth: its templates (account emails) override allauth's
    *ACCOUNT_APPS,
]

MIDDLEWARE = [
    "weather.api.middleware.ForwardedHeadersMiddleware",
    "weather.api.middleware.RequestMetricsMiddleware",
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    ACCOUNT_MIDDLEWARE,
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "weather.api.errors.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "server_config.urls"
WSGI_APPLICATION = "server_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/weather")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when PostgreSQL is unreachable so the API answers 503 instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DATABASE_CONNECT_TIMEOUT_S", default=2
    )
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE_S", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (Redis; "locmem://" for the embedded mode) ---------------------------------------
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
if REDIS_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "server_config.cache_backend.RedisCacheWithFallback",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="weather"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # Bounded so a dead Redis costs a request at most a second.
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))

# Django's password checks (admin form, ensure_superuser); admin login POSTs per client a minute.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{n}Validator"}
    for n in ("UserAttributeSimilarity", "MinimumLength", "CommonPassword", "NumericPassword")
]
ADMIN_LOGIN_ATTEMPTS_PER_MINUTE = env.int("ADMIN_LOGIN_ATTEMPTS_PER_MINUTE", default=10)
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- CORS: an explicit allowlist, never allow-all -------------------------------------------
CORS_ALLOWED_ORIGINS = env.list(
    "CORS_ALLOWED_ORIGINS", default=["http://localhost:4173", "http://127.0.0.1:4173"]
)
# The SPA on its own origin sends its session cookie (searches, history, exports): only the
# allow-listed origins above may, and they must pass the CSRF check too (below).
CORS_ALLOW_CREDENTIALS = env.bool("CORS_ALLOW_CREDENTIALS", default=True)
CORS_URLS_REGEX = r"^/(api|_allauth)/.*$"
CORS_EXPOSE_HEADERS = ["Retry-After", "X-Request-ID", "Idempotent-Replayed"]
# The SPA sends an Idempotency-Key with each POST (weather.api.idempotency), and allauth's
# X-Password-Reset-Key and X-Email-Verification-Key when it checks a link's key.
CORS_ALLOW_HEADERS = (
    *cors_default_headers,
    "idempotency-key",
    "x-password-reset-key",
    "x-email-verification-key",
)
# The origins the SPA may write from with its session (and any others named).
CSRF_TRUSTED_ORIGINS = [*CORS_ALLOWED_ORIGINS, *env.list("CSRF_TRUSTED_ORIGINS", default=[])]

# --- Sessions: Redis with write-through to PostgreSQL ----------------------------------------
# Django's cached_db (weather.infra.sessions): read from the cache, written to both, so a Redis
# flush loses no session. A visitor gets one, and a CSRF cookie as long-lived, on a first search.
SESSION_ENGINE = "weather.infra.sessions"
SESSION_COOKIE_AGE = CSRF_COOKIE_AGE = env.int("SESSION_COOKIE_AGE_S", default=365 * 24 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"


# --- REST framework --------------------------------------------------------------------------
REST_FRAMEWORK = {
    # The ops token first, for every view: a caller without credentials is then told to
    # authenticate (401 with WWW-Authenticate: Bearer), and a token request needs no CSRF.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "weather.api.auth.OpsTokenAuthentication",
        "weather.api.auth.SessionAuthentication",  # CSRF also for an anonymous session
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["weather.api.drf.JSONParser"],
    "DEFAULT_METADATA_CLASS": "weather.api.drf.DescriptionMetadata",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "weather.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "search": env("THROTTLE_SEARCH_RATE", default="60/min"),
        "autocomplete": env("THROTTLE_AUTOCOMPLETE_RATE", default="120/min"),
        # Each refresh costs upstream calls; each export reads the whole history.
        "refresh": env("THROTTLE_REFRESH_RATE", default="6/min"),
        "export": env("THROTTLE_EXPORT_RATE", default="10/hour"),
        # GET /searches/ and /stats/: database reads anyone may ask for.
        "read": env("THROTTLE_READ_RATE", default="120/min"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Exports running at once, every web process together (more are answered 429): each holds a
# gunicorn thread while Django writes it, which nginx buffers to disk for slow readers.
EXPORT_MAX_CONCURRENCY = env.int("EXPORT_MAX_CONCURRENCY", default=4)

SPECTACULAR_SETTINGS = {
    "TITLE": "Weather App API",
    "DESCRIPTION": "Current weather and forecasts from Open-Meteo, with search history, "
    "statistics and asynchronous analysis.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "UnitSystemEnum": "weather.api.serializers.public.UNIT_SYSTEMS",
        "LangEnum": "weather.api.serializers.public.LANGUAGES",
        "AlertKindEnum": "weather.domain.analysis.ALERT_KINDS",
        "PollenLevelEnum": "weather.domain.air_quality.POLLEN_LEVELS",
        "AlertRuleKindEnum": "weather.domain.alert_rules.KINDS",
        "AlertChannelEnum": "weather.api.serializers.alerts.CHANNELS",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "weather.api.schema.postprocess",
    ],
}

# --- Open-Meteo: hosts, API key, timeouts, retries, budget, circuit breaker ----------------
from .open_meteo import *  # noqa: E402, F403

WEATHER_SAMPLE_DATA = env.bool("WEATHER_SAMPLE_DATA", default=False)

GEOCODING_CACHE_TTL_S = env.int("GEOCODING_CACHE_TTL_S", default=24 * 3600)
# A place id Open-Meteo does not know is remembered as unknown this long.
UNKNOWN_PLACE_CACHE_TTL_S = env.int("UNKNOWN_PLACE_CACHE_TTL_S", default=6 * 3600)
FORECAST_CACHE_TTL_S = env.int("FORECAST_CACHE_TTL_S", default=600)
# How long a forecast stays usable as a stale fallback when Open-Meteo fails.
FORECAST_STALE_TTL_S = env.int("FORECAST_STALE_TTL_S", default=6 * 3600)
# Air quality and pollen (CAMS models run every 12-24 h): fresh for an hour, and usable as a
# stale fallback this long when Open-Meteo fails.
AIR_QUALITY_CACHE_TTL_S = env.int("AIR_QUALITY_CACHE_TTL_S", default=3600)
AIR_QUALITY_STALE_TTL_S = env.int("AIR_QUALITY_STALE_TTL_S", default=12 * 3600)

# Bulk refresh: places per chunk (one multi-location upstream call, at most 50), how many
# places one request may name (anyone: a user's favourites; operators: any number up to the
# second limit), and retries of a chunk whose upstream call fails before its places fail.
BULK_REFRESH_CHUNK_SIZE = env.int("BULK_REFRESH_CHUNK_SIZE", default=50)
BULK_REFRESH_PUBLIC_MAX_PLACES = env.int("BULK_REFRESH_PUBLIC_MAX_PLACES", default=50)
BULK_REFRESH_MAX_PLACES = env.int("BULK_REFRESH_MAX_PLACES", default=20_000)
BULK_REFRESH_MAX_RETRIES = env.int("BULK_REFRESH_MAX_RETRIES", default=3)
# A refresh still unfinished this long after it was stored (a base, plus a share per chunk)
# is finished by the re-queue sweep: its places without an outcome fail. Clients stop polling.
BULK_REFRESH_DEADLINE_S = env.int("BULK_REFRESH_DEADLINE_S", default=300)
BULK_REFRESH_CHUNK_DEADLINE_S = env.int("BULK_REFRESH_CHUNK_DEADLINE_S", default=5)
# Chunks a refresh worker starts at most (Celery's rate limit, per worker: "n/s", "n/m").
BULK_REFRESH_RATE_LIMIT = env("BULK_REFRESH_RATE_LIMIT", default="30/m")
# Always-warm: the most searched places whose cached forecast is missing or stops being
# fresh within AHEAD_S are fetched again by beat every minute (AHEAD_S > that minute).
WARM_POPULAR_TOP_N = env.int("WARM_POPULAR_TOP_N", default=200)
WARM_POPULAR_AHEAD_S = env.int("WARM_POPULAR_AHEAD_S", default=150)

# --- Celery ----------------------------------------------------------------------------------
# Every Celery option is here; server_config/celery.py only creates the app. The web processes
# only publish (with bounded waits, see weather.worker.queue); the workers consume.

# Broker: RabbitMQ, durable queues, persistent messages, publisher confirms.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="amqp://guest:guest@127.0.0.1:5672//")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True  # a worker started before RabbitMQ waits
# A silently dead TCP connection (a host or link gone) is noticed within two heartbeats.
CELERY_BROKER_HEARTBEAT = env.float("CELERY_BROKER_HEARTBEAT", default=30)
# One connection attempt (TCP connect + AMQP handshake) gives up after this many seconds, so a
# dead or unreachable broker cannot hang a web request: see CELERY_TASK_PUBLISH_RETRY_POLICY.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=1.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "confirm_publish": True,  # publishing returns once RabbitMQ has written the message
    # kombu reconnects a dead pooled connection at most once, straight away.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# A publish is tried twice (the second time on a fresh connection, which is what a pooled
# connection needs after a RabbitMQ restart). Measured worst cases are in BENCHMARKS.md.
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Web side: bound for writing a message and for waiting for its confirm (seconds) ...
CELERY_PUBLISH_TIMEOUT_S = env.float("CELERY_PUBLISH_TIMEOUT_S", default=1.0)
# ... and for a whole publish, retries and a failover included (some waits have no timeout)
CELERY_PUBLISH_DEADLINE_S = env.float("CELERY_PUBLISH_DEADLINE_S", default=3.0)
# ... and after a failed publish, a web process stops trying for this long; the searches stay
# pending and the re-queue sweep publishes them once the broker is back.
CELERY_PUBLISH_PAUSE_S = env.float("CELERY_PUBLISH_PAUSE_S", default=5.0)

# Results: Redis, for the task state the API reports; durable outcomes live in our tables.
CELERY_RESULT_BACKEND = result_backend_url(
    env("CELERY_RESULT_BACKEND", default="redis://127.0.0.1:6379/1")
)
CELERY_RESULT_EXPIRES = env.int("CELERY_RESULT_EXPIRES_S", default=24 * 3600)
CELERY_RESULT_EXTENDED = True  # task name, args and worker stored with the state
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1  # a dead Redis costs a status request about a second
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_REDIS_BACKEND_HEALTH_CHECK_INTERVAL = 30
# Publishing subscribes to the task's result channel first; with Redis down that would retry
# for ~20 s. Once is enough: the publish fails fast and the sweep publishes the search later.
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
}

CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"

# Queues: user-facing processing, maintenance and bulk refreshes never wait behind each other.
# The worker consumes processing and maintenance, the refresh worker the refresh queue (their
# start scripts pass -Q). Each task's queue is given where its name is defined.
CELERY_PROCESSING_QUEUE = env("CELERY_PROCESSING_QUEUE", default="weather.processing")
CELERY_MAINTENANCE_QUEUE = env("CELERY_MAINTENANCE_QUEUE", default="weather.maintenance")
CELERY_REFRESH_QUEUE = env("CELERY_REFRESH_QUEUE", default="weather.refresh")
# "quorum" on a RabbitMQ cluster (replicated queues); see server_config/settings/celery_queues.py.
CELERY_QUEUE_TYPE = env("CELERY_QUEUE_TYPE", default="classic")
_queues = celery_queue_settings(
    CELERY_PROCESSING_QUEUE, CELERY_MAINTENANCE_QUEUE, CELERY_QUEUE_TYPE,
    refresh=CELERY_REFRESH_QUEUE,
)  # fmt: skip
CELERY_TASK_QUEUES = _queues["CELERY_TASK_QUEUES"]
CELERY_TASK_DEFAULT_QUEUE = _queues["CELERY_TASK_DEFAULT_QUEUE"]
CELERY_TASK_DEFAULT_QUEUE_TYPE = _queues["CELERY_TASK_DEFAULT_QUEUE_TYPE"]
CELERY_TASK_CREATE_MISSING_QUEUE_TYPE = _queues["CELERY_TASK_CREATE_MISSING_QUEUE_TYPE"]
CELERY_TASK_CREATE_MISSING_QUEUE_EXCHANGE_TYPE = _queues[
    "CELERY_TASK_CREATE_MISSING_QUEUE_EXCHANGE_TYPE"
]
CELERY_TASK_ROUTES = _queues["CELERY_TASK_ROUTES"]
CELERY_TASK_CREATE_MISSING_QUEUES = True
CELERY_TASK_DEFAULT_DELIVERY_MODE = "persistent"  # messages survive a RabbitMQ restart

# Execution: our tasks are idempotent, so a message is acknowledged only once its task is done
# and a worker killed mid-task (even with SIGKILL) gets it redelivered. Each task's time limit
# stays under RabbitMQ's consumer_timeout (30 min), except database maintenance, which is
# acknowledged as it starts (weather.worker.tasks).
CELERY_TASK_ACKS_LATE = True
# Left off (the default): a task whose pool process dies is failed, not redelivered, so one
# crashing message cannot crash-loop the workers. The sweep re-queues its search later.
CELERY_TASK_REJECT_ON_WORKER_LOST = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # fair dispatch with late acks
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=os.cpu_count() or 1)
CELERY_TASK_SOFT_TIME_LIMIT = 30  # defaults; each task sets its own
CELERY_TASK_TIME_LIMIT = 60
CELERY_TASK_TRACK_STARTED = True  # the API can report STARTED
# Celery's Django fixup closes the database connection around every task unless this is set,
# so each task would pay for a new PostgreSQL connection (~10 ms, a quarter of a search's
# processing). weather.worker.tasks recycles connections the way Django does around a request
# instead (CONN_MAX_AGE, CONN_HEALTH_CHECKS, and a connection that saw an error is replaced).
CELERY_DB_REUSE_MAX = 1_000_000

# Monitoring: task events for Flower and `celery events`.
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_SEND_SENT_EVENT = False  # would cost the web side a second confirmed publish

# Beat: schedules live in the database (created by a migration, editable in the admin).
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

if CELERY_BROKER_URL.startswith("filesystem://"):
    # Embedded mode: a broker made of folders, for a machine without RabbitMQ.
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("out", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        # Broadcasts (worker pings, Flower); kombu's default is ./control in the current folder.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }

# Processing, retention and notifications (weather.processing, weather.worker.queue, the models).
SEARCH_RETENTION_DAYS = env.int("SEARCH_RETENTION_DAYS", default=30)
CLEANUP_BATCH_SIZE = env.int("CLEANUP_BATCH_SIZE", default=10_000)
# The weekly maintenance deletes bulk refresh records older than this, and places that no
# search, notification or kept refresh names and nobody searched for this long (anyone may
# store a place by its id: a search or a refresh of an id never seen before stores it).
BULK_REFRESH_RETENTION_DAYS = env.int("BULK_REFRESH_RETENTION_DAYS", default=30)
LOCATION_RETENTION_DAYS = env.int("LOCATION_RETENTION_DAYS", default=90)
# A POST sent again with the same Idempotency-Key within this long gets the first answer.
IDEMPOTENCY_KEY_TTL_S = env.int("IDEMPOTENCY_KEY_TTL_S", default=24 * 3600)
# A search still pending this long after its message was published is published again.
REQUEUE_AFTER_S = env.int("REQUEUE_AFTER_S", default=120)
# After this many publishes a search that is still pending is marked failed.
REQUEUE_MAX_ATTEMPTS = env.int("REQUEUE_MAX_ATTEMPTS", default=10)
NOTIFY_WEBHOOK_URL = env("NOTIFY_WEBHOOK_URL", default="")
NOTIFY_WEBHOOK_TIMEOUT_S = env.float("NOTIFY_WEBHOOK_TIMEOUT_S", default=3.0)
# The webhook is POSTed from inside the stack's network: only to public addresses (never
# redirected) unless this allows private and loopback ones, for a receiver on the LAN.
NOTIFY_WEBHOOK_ALLOW_PRIVATE = env.bool("NOTIFY_WEBHOOK_ALLOW_PRIVATE", default=False)

OPS_API_TOKEN = env("OPS_API_TOKEN", default="")
# Each process answers readiness from its last round of checks this many seconds (0: off).
READINESS_CACHE_S = env.float("READINESS_CACHE_S", default=1.0)

# --- Metrics (weather.infra.metrics, weather.api.views.metrics) ------------------------------
# GET /metrics answers these addresses without a token, unless the request came through a
# proxy; anyone else needs the ops token. Loopback (Prometheus on the same host), plus the
# address of a Prometheus elsewhere (compose: its fixed address): never a whole private range,
# where the host's own traffic (a container network's gateway) or the LAN would arrive from.
METRICS_ALLOWED_NETWORKS = env.list("METRICS_ALLOWED_NETWORKS", default=["127.0.0.0/8", "::1/128"])

# --- Alerts; outgoing mail (SMTP: the local sink by default, or a relay); request ids, logs --
from .alerts import *  # noqa: E402, F403
from .mail import *  # noqa: E402, F403
from .observability import *  # noqa: E402, F403

# Every numeric setting above, checked now: a bad value stops the process with its name.
validate_settings(globals())
