"""`make run OFFLINE=1`: the bundled fake Open-Meteo and its sample data, kept apart from the
real data. Each store gets an "offline" name of its own, so switching OFFLINE on and off
never mixes the two: the database `<name>_offline` on DATABASE_URL's server (or
`<file>-offline.sqlite3`), cache keys under `<prefix>-offline`, and queues
`<queue>.offline`, so a real worker never takes an offline search's message.
"""

from pathlib import Path

from .base import (
    CACHES,
    CELERY_MAINTENANCE_QUEUE,
    CELERY_PROCESSING_QUEUE,
    CELERY_QUEUE_TYPE,
    CELERY_REFRESH_QUEUE,
    DATABASES,
    env,
)
from .celery_queues import celery_queue_settings as _celery_queue_settings
from .local import *  # noqa: F403

FAKE_OPEN_METEO_PORT = env.int("FAKE_OPEN_METEO_PORT", default=8090)
OPEN_METEO_FORECAST_URL = OPEN_METEO_GEOCODING_URL = f"http://127.0.0.1:{FAKE_OPEN_METEO_PORT}/v1"
OPEN_METEO_AIR_QUALITY_URL = OPEN_METEO_FORECAST_URL
WEATHER_SAMPLE_DATA = True

_database = DATABASES["default"]
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _file = Path(_database["NAME"])
    _database["NAME"] = str(_file.with_name(f"{_file.stem}-offline{_file.suffix}"))
else:
    _database["NAME"] = f"{_database['NAME']}_offline"

if "KEY_PREFIX" in CACHES["default"]:
    CACHES["default"]["KEY_PREFIX"] += "-offline"

CELERY_PROCESSING_QUEUE = f"{CELERY_PROCESSING_QUEUE}.offline"
CELERY_MAINTENANCE_QUEUE = f"{CELERY_MAINTENANCE_QUEUE}.offline"
CELERY_REFRESH_QUEUE = f"{CELERY_REFRESH_QUEUE}.offline"
_queues = _celery_queue_settings(
    CELERY_PROCESSING_QUEUE, CELERY_MAINTENANCE_QUEUE, CELERY_QUEUE_TYPE,
    refresh=CELERY_REFRESH_QUEUE,
)  # fmt: skip
CELERY_TASK_QUEUES = _queues["CELERY_TASK_QUEUES"]
CELERY_TASK_DEFAULT_QUEUE = _queues["CELERY_TASK_DEFAULT_QUEUE"]
CELERY_TASK_CREATE_MISSING_QUEUE_EXCHANGE_TYPE = _queues[
    "CELERY_TASK_CREATE_MISSING_QUEUE_EXCHANGE_TYPE"
]
CELERY_TASK_ROUTES = _queues["CELERY_TASK_ROUTES"]
