"""Secrets masked in every log line: the Open-Meteo API key travels in the query string, and
query strings reach the logs in many ways (our warnings quote the exception, urllib3 logs each
URL at DEBUG, a traceback quotes an exception's message)."""

from __future__ import annotations

import logging

from django.conf import settings

MASK = "[redacted]"


def redact(text: str) -> str:
    key = settings.OPEN_METEO_API_KEY
    return text.replace(key, MASK) if key else text


class RedactSecretsFilter(logging.Filter):
    """On the log handlers: the line, and the traceback formatted now, with the key masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not settings.OPEN_METEO_API_KEY:
            return True
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
