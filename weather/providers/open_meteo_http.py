"""One HTTP attempt to Open-Meteo over this process's connection pool, and what its answer
means: the JSON document, or our exception and whether another attempt is worth it (the retry
loop, with its metrics, is `open_meteo._get_json`).

The calls go through requests' transport (`HTTPAdapter.send`: urllib3's pool, requests'
exceptions, proxies, TLS) but not through a `Session`, whose per-call merging of cookies,
hooks, auth and settings cost ~800 Python calls for a request that is always the same plain
GET. The transport is also what the tests replay answers at (`responses`)."""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import logging
import os
from typing import Any
from urllib.parse import urlencode

import orjson
import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from requests.models import PreparedRequest
from requests.structures import CaseInsensitiveDict

from weather.infra import process_state
from weather.providers.base import (
    ProviderBadResponse,
    ProviderError,
    ProviderRateLimited,
    ProviderServerError,
    ProviderTimeout,
    ProviderUnavailable,
)

logger = logging.getLogger("weather.providers.open_meteo")


# Connections kept open per upstream host (geocoding, forecast): at least one for each thread
# that may call at once (gunicorn's threads in a web process), so every call finds one kept
# alive instead of opening (and, past the pool's size, throwing away) a connection.
POOL_SIZE = max(32, int(os.environ.get("GUNICORN_THREADS", "8")))


class _Adapter(HTTPAdapter):
    """requests' transport without its cookie jar: Open-Meteo sets no cookies we would send
    back, and reading them from every answer cost ~50 calls."""

    def build_response(self, req: PreparedRequest, resp: Any) -> requests.Response:
        response = requests.Response()
        response.status_code = resp.status
        response.headers = CaseInsensitiveDict(resp.headers)
        response.raw = resp
        response.reason = resp.reason
        response.url = req.url
        response.request = req
        response.connection = self
        return response


# Read once: the headers requests sends by default (compression it can decode included), the
# CA bundle the environment names (requests' own variables) or requests' default.
_HEADERS = {**requests.utils.default_headers(), "User-Agent": "weather-app/1.0"}
_VERIFY: str | bool = (
    os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
)


def _make_adapter() -> _Adapter:
    return _Adapter(pool_connections=4, pool_maxsize=POOL_SIZE, max_retries=0)


@functools.lru_cache(maxsize=16)
def _proxies(origin: str) -> dict[str, str]:
    """The proxies the environment names for this upstream origin (NO_PROXY honoured)."""
    return requests.utils.get_environ_proxies(origin)


# This process's connection pool to Open-Meteo: made on first use, so a forked web or pool
# worker never shares its parent's sockets.
_adapter = process_state.Local(_make_adapter, close=HTTPAdapter.close)


def _get(url: str, timeout: tuple[float, float]) -> requests.Response:
    """One GET through the pooled transport. No redirect is followed (Open-Meteo's API does
    not redirect): a 3xx is a rejected request."""
    request = PreparedRequest()
    request.method, request.url, request.body = "GET", url, None
    request.headers = CaseInsensitiveDict(_HEADERS)
    request.hooks = {"response": []}
    proxies = _proxies("/".join(url.split("/", 3)[:3]))  # scheme://host[:port]
    response = _adapter.get().send(request, timeout=timeout, verify=_VERIFY, proxies=proxies)
    _ = response.content  # read whole, which gives the connection back to the pool
    return response


@functools.lru_cache(maxsize=256)
def _query_pair(name: str, value: str) -> str:
    """`name=value`, URL-encoded with Open-Meteo's comma lists kept as they are (requests
    would escape every comma, and urllib3 then re-check the escaped query character by
    character). Kept: most pairs (the variable lists, units, time zone) are the same on
    every call, and encoding them was ~35 Python calls each."""
    return urlencode({name: value}, safe=",")


def _retry_after_s(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        if parsed is None:
            return None
        return max(0.0, (parsed - dt.datetime.now(dt.UTC)).total_seconds())


def _upstream_reason(response: requests.Response) -> str:
    try:
        return str(response.json().get("reason", ""))[:200]
    except (ValueError, AttributeError):
        return ""


def attempt(url: str, params: dict[str, Any]) -> tuple[Any, ProviderUnavailable | None, Any]:
    """One GET: (document, None, None), or (None, error, Retry-After seconds or None) for a
    failure worth another try; raises the failures that are not."""
    timeout = (settings.OPEN_METEO_CONNECT_TIMEOUT_S, settings.OPEN_METEO_READ_TIMEOUT_S)
    if settings.OPEN_METEO_API_KEY:  # a commercial plan (see server_config.settings.open_meteo)
        params = {**params, "apikey": settings.OPEN_METEO_API_KEY}
    try:
        query = "&".join(_query_pair(name, str(value)) for name, value in params.items())
        response = _get(f"{url}?{query}", timeout)
    except requests.ReadTimeout as exc:
        # Waiting a whole read timeout again would keep the user waiting too long.
        raise ProviderTimeout(f"Open-Meteo did not answer within {timeout[1]:g} s") from exc
    except requests.ConnectionError as exc:
        logger.warning("cannot reach %s: %s", url, exc)
        if isinstance(exc, requests.ConnectTimeout):
            message = f"Open-Meteo did not accept a connection within {timeout[0]:g} s"
            return None, ProviderTimeout(message), None
        return None, ProviderUnavailable("Open-Meteo cannot be reached"), None
    except requests.RequestException as exc:
        logger.warning("request to %s failed: %s", url, exc)
        raise ProviderError("the request to Open-Meteo failed") from exc
    status = response.status_code
    if status == 200:
        try:
            return orjson.loads(response.content), None, None
        except ValueError as exc:  # orjson.JSONDecodeError is one
            raise ProviderBadResponse("Open-Meteo answered something that is not JSON") from exc
    if status == 429:
        reason = _upstream_reason(response) or "HTTP 429"
        error = ProviderRateLimited(f"Open-Meteo is rate limiting us: {reason}")
        return None, error, _retry_after_s(response)
    if status >= 500:
        error = ProviderServerError(f"Open-Meteo answered HTTP {status}")
        return None, error, _retry_after_s(response)
    reason = _upstream_reason(response) or f"HTTP {status}"
    logger.warning("Open-Meteo rejected %s: %s", url, reason)
    raise ProviderError(f"Open-Meteo rejected the request: {reason}")
