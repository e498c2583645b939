"""Open-Meteo: where we call it, with which key, and how patiently (weather.providers)."""

import os

import environ

env = environ.Env()

# A commercial plan's key (empty: the free, non-commercial API). With one, every call carries
# `apikey` and the default hosts are the customer ones; the key is masked in every log line
# (weather.infra.log_redaction) and never part of an error message, a metric or a cache key.
OPEN_METEO_API_KEY = env("OPEN_METEO_API_KEY", default="")
_customer = "customer-" if OPEN_METEO_API_KEY else ""
# Empty counts as unset (compose passes every variable, set or not).
OPEN_METEO_FORECAST_URL = (
    env("OPEN_METEO_FORECAST_URL", default="") or f"https://{_customer}api.open-meteo.com/v1"
)
OPEN_METEO_GEOCODING_URL = (
    env("OPEN_METEO_GEOCODING_URL", default="")
    or f"https://{_customer}geocoding-api.open-meteo.com/v1"
)
OPEN_METEO_AIR_QUALITY_URL = (
    env("OPEN_METEO_AIR_QUALITY_URL", default="")
    or f"https://{_customer}air-quality-api.open-meteo.com/v1"
)
OPEN_METEO_CONNECT_TIMEOUT_S = env.float("OPEN_METEO_CONNECT_TIMEOUT_S", default=3.0)
OPEN_METEO_READ_TIMEOUT_S = env.float("OPEN_METEO_READ_TIMEOUT_S", default=8.0)
OPEN_METEO_MAX_RETRIES = env.int("OPEN_METEO_MAX_RETRIES", default=2)
OPEN_METEO_BACKOFF_S = env.float("OPEN_METEO_BACKOFF_S", default=0.3)
OPEN_METEO_MAX_RETRY_AFTER_S = env.float("OPEN_METEO_MAX_RETRY_AFTER_S", default=5.0)
# Open-Meteo calls of all our processes (its fair-use limits); when the circuit breaker trips.
OPEN_METEO_BUDGET_PER_MINUTE = env.int("OPEN_METEO_BUDGET_PER_MINUTE", default=600)
OPEN_METEO_BUDGET_PER_HOUR = env.int("OPEN_METEO_BUDGET_PER_HOUR", default=5000)
OPEN_METEO_BUDGET_PER_DAY = env.int("OPEN_METEO_BUDGET_PER_DAY", default=10000)
# The share of every window only interactive searches may spend (warm-up and bulk refreshes stop
# short of it), and how many processes spend alone while Redis is down: the web processes of
# every host (each then gets limit / this; background work stops).
OPEN_METEO_BUDGET_INTERACTIVE_SHARE = env.float("OPEN_METEO_BUDGET_INTERACTIVE_SHARE", default=0.5)
OPEN_METEO_BUDGET_PROCESSES = env.int(
    "OPEN_METEO_BUDGET_PROCESSES",
    default=env.int("GUNICORN_WORKERS", default=2 * (os.cpu_count() or 1) + 1),
)
OPEN_METEO_BREAKER_FAILURES = env.int("OPEN_METEO_BREAKER_FAILURES", default=5)
OPEN_METEO_BREAKER_WINDOW_S = env.int("OPEN_METEO_BREAKER_WINDOW_S", default=30)
OPEN_METEO_BREAKER_COOLDOWN_S = env.float("OPEN_METEO_BREAKER_COOLDOWN_S", default=30.0)
