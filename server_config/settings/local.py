"""Native development run: harmless defaults, debug off unless asked for."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-secret")
