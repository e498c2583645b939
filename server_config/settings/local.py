"""Native development run: harmless defaults, debug off unless asked for."""

from .base import *  # noqa: F403
from .base import env

# An empty value (copied from .env.example) also falls back to the development key.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or "local-development-only-not-secret"
