"""People's weather alerts (weather.jobs.alerts): how often they are evaluated, how they are
delivered (email through the SMTP settings of .mail, Web Push with VAPID keys)."""

import environ

env = environ.Env()

# Beat evaluates every subscription this often (the schedule, editable in the admin, is made
# with this value by the migration that adds it).
ALERTS_EVALUATION_MINUTES = env.int("ALERTS_EVALUATION_MINUTES", default=15)
# A cached forecast younger than this is used as it is; older ones are fetched again.
ALERTS_FORECAST_MAX_AGE_S = env.int("ALERTS_FORECAST_MAX_AGE_S", default=3600)
ALERTS_MAX_SUBSCRIPTIONS = env.int("ALERTS_MAX_SUBSCRIPTIONS", default=20)
# A delivery is tried this many times more (exponential backoff) before it is "failed".
ALERTS_DELIVERY_MAX_RETRIES = env.int("ALERTS_DELIVERY_MAX_RETRIES", default=5)
ALERTS_DELIVERY_BACKOFF_S = env.float("ALERTS_DELIVERY_BACKOFF_S", default=10.0)
# An email's one-click unsubscribe link stays valid this long; it points at PUBLIC_URL
# (settings.accounts: where people open the app, which serves /api/ too).
ALERTS_UNSUBSCRIBE_MAX_AGE_DAYS = env.int("ALERTS_UNSUBSCRIBE_MAX_AGE_DAYS", default=60)

# Web Push: the VAPID key pair (`manage.py generate_vapid_keys`; `make run` makes one when
# unset) and the contact push services may write to.
VAPID_PRIVATE_KEY = env("VAPID_PRIVATE_KEY", default="")  # PEM or raw base64url
VAPID_PUBLIC_KEY = env("VAPID_PUBLIC_KEY", default="")  # uncompressed point, base64url
VAPID_SUBJECT = env("VAPID_SUBJECT", default="") or "mailto:weather@localhost"
WEB_PUSH_TIMEOUT_S = env.float("WEB_PUSH_TIMEOUT_S", default=10.0)
# Push endpoints are https URLs of the browsers' push services. Plain http and private or
# loopback hosts are refused unless listed here (a local test receiver: "127.0.0.1").
WEB_PUSH_ALLOWED_TEST_HOSTS = env.list("WEB_PUSH_ALLOWED_TEST_HOSTS", default=[])
