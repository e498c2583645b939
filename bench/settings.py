"""Production settings for benchmarking over plain HTTP, with two reference views mounted."""

import os

# The benchmarks send no mail; the production settings still want the links' origin.
os.environ.setdefault("PUBLIC_URL", "http://localhost")

from server_config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
REST_FRAMEWORK = {**REST_FRAMEWORK}  # noqa: F405
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "search": None,
    "autocomplete": None,
    "refresh": None,
    "export": None,
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
