"""Outgoing mail: Django's SMTP backend, always (the tests too, against a real local sink).

By default it goes to the local mail sink (server/mail-sink.py on 127.0.0.1:1025, started by
`make run` and compose), which keeps every message under var/mail/ and relays nothing. To send
for real, point EMAIL_HOST (and EMAIL_PORT, the credentials, TLS) at a relay.
"""

import environ

env = environ.Env()

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", default="") or "127.0.0.1"
EMAIL_PORT = env.int("EMAIL_PORT", default=1025)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)  # STARTTLS (port 587)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)  # TLS from the start (port 465)
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT_S", default=10.0)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Weather App <weather@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
