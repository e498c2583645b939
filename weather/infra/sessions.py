"""Django's cached_db sessions (Redis, written through to PostgreSQL), with a new session's
key made in one go and not looked up first.

Django asks Redis and then PostgreSQL whether a fresh random key is taken before inserting it,
and builds the key one character at a time (~300 Python calls). Its INSERT already refuses a
taken key (`CreateError`, and `create()` tries another), so the two lookups only cost round
trips: a visitor's first search pays for the INSERT and the Redis write, nothing more.
"""

from __future__ import annotations

import base64
import secrets

from django.contrib.sessions.backends import cached_db

# 20 random bytes in base 32, lower case: 32 characters of [a-z2-7], within the characters
# Django's keys use ([a-z0-9]) and of the same length, 160 random bits.
_KEY_BYTES = 20


class SessionStore(cached_db.SessionStore):
    def _get_new_session_key(self) -> str:
        return base64.b32encode(secrets.token_bytes(_KEY_BYTES)).decode().lower()
