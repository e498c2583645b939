"""Production: no defaults for secrets, hardened HTTP settings."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, validate_settings

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a random string of 50+ chars.")
DEBUG = False
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# Links in account and alert emails are absolute: unset, they would lead to the development
# default (a localhost port), so every process (web, worker, beat) stops at start instead.
if not env("PUBLIC_URL", default="").startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "PUBLIC_URL must be set to where people open the app, e.g. https://weather.example.com:"
        " the links in emails lead there."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The health endpoints are probed over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health/"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Cookies only over HTTPS; a plain-HTTP stack on a private network may turn this off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SESSION_COOKIE_HTTPONLY = True  # scripts never read the session cookie
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"  # not sent on other sites' POSTs
X_FRAME_OPTIONS = "DENY"

validate_settings(globals())  # again, with this module's own values
