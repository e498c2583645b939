"""The `Idempotency-Key` header of the POSTs that create something (a search, a bulk refresh).

A client sends a key of its own (a UUID) with each user action and the same key with a retry;
nginx then passes a POST that carries one to the next web host when the first dies. The first
2xx answer of a key is stored (weather.models.IdempotencyKey) and answered again for a day,
with no second row and no second message:

- Requests with the same key take turns on a PostgreSQL advisory lock, held by the database
  session: the second of two racing requests waits for the first, then replays its answer. A
  host that dies mid-request loses its session, so the lock is released and the retry runs.
- The key is stored in the transaction that creates the row (`atomic`: a search, a refresh,
  each published once committed): either both are committed or neither is, and no message
  is published before the key is stored.
- The same key with another body, or from someone else, is refused with 422.
- An error answer is not stored: the retry runs again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status

from weather.api import visitors
from weather.api.serializers.public import error_response
from weather.infra.locks import advisory_lock
from weather.models import IdempotencyKey
from weather.models.places import forget_all_locations

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
_VALID_KEY = re.compile(r"[\x21-\x7e]{1,255}")

PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Any string of 1 to 255 visible ASCII characters, new for each user action "
    "(a UUID). Sent again within a day with the same body, the request is not carried out "
    "again: the first answer comes back (same status and body, header "
    "`Idempotent-Replayed: true`). The same key with another body answers 422. Error "
    "answers are not kept: a retry after one runs again.",
)


def replayed_header(code: int) -> OpenApiParameter:
    return OpenApiParameter(
        REPLAYED_HEADER,
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[code],
        description="`true` when this is the stored answer to an earlier request with the "
        "same Idempotency-Key",
    )


ERRORS = {422: error_response("This Idempotency-Key came with another request before")}


class KeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"
    default_detail = (
        "This Idempotency-Key was sent with another request: use a new key for a new action."
    )


def respond(
    request, scope: str, create: Callable[[], HttpResponse], *, atomic: bool = False
) -> HttpResponse:
    """`create()`'s answer, or with an Idempotency-Key the first answer given to that key."""
    key = request.headers.get(HEADER)
    if key is None:
        return create()
    if not _VALID_KEY.fullmatch(key):
        raise exceptions.ValidationError(
            {HEADER: ["1 to 255 visible ASCII characters (a UUID, for instance)."]}
        )
    fingerprint, *also = _fingerprints(request)
    with advisory_lock(_lock_key(scope, key)):
        stored = IdempotencyKey.objects.fresh().filter(scope=scope, key=key).first()
        if stored is not None:
            if stored.fingerprint not in (fingerprint, *also):
                raise KeyReused()
            return _replay(stored)
        if not atomic:
            response = create()
            _store(scope, key, fingerprint, response)
            return response
        return _create_atomically(scope, key, fingerprint, create)


def _create_atomically(scope, key, fingerprint, create) -> HttpResponse:
    try:
        try:
            with transaction.atomic():
                response = create()
                _store(scope, key, fingerprint, response)
        except IntegrityError:
            # The foreign keys are checked at commit: a place this process remembered was
            # deleted meanwhile (by the maintenance or an admin). Forget them all, write again.
            forget_all_locations()
            with transaction.atomic():
                response = create()
                _store(scope, key, fingerprint, response)
    except Exception:
        # Committed, then what runs on the commit failed (a refresh's publish, which forgets
        # the refresh): the answer is an error, so the key is not kept either.
        IdempotencyKey.objects.filter(scope=scope, key=key).delete()
        raise
    return response


def _store(scope: str, key: str, fingerprint: str, response: HttpResponse) -> None:
    if not 200 <= response.status_code < 300:
        return
    IdempotencyKey.objects.update_or_create(  # an expired row of the key is taken over
        scope=scope,
        key=key,
        defaults={
            "fingerprint": fingerprint,
            "status_code": response.status_code,
            "body": response.content.decode(),
            "content_type": response.get("Content-Type", "application/json"),
            "location": response.get("Location", ""),
            "created_at": IdempotencyKey._meta.get_field("created_at").get_default(),
        },
    )


def _replay(stored: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(
        stored.body, status=stored.status_code, content_type=stored.content_type
    )
    if stored.location:
        response["Location"] = stored.location
    response[REPLAYED_HEADER] = "true"
    return response


def _fingerprints(request) -> list[str]:
    """Who asked and what: the same key from someone else, or with another body, differs.
    Visitors are told apart by their session's visitor id. The first is the request's own;
    a visitor's request also matches the answer made before they had a session (their first
    search, which started it, sent again with the cookie it set)."""
    user = request.user
    who = f"user:{user.pk}" if getattr(user, "pk", None) is not None else type(user).__name__
    what = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    visitor = visitors.viewer(request).visitor
    return [
        hashlib.sha256(f"{request.method} {request.path}\n{who} {v}\n{what}".encode()).hexdigest()
        for v in ([f"visitor:{visitor}", "visitor:new"] if visitor else ["visitor:new"])
    ]


def _lock_key(scope: str, key: str) -> int:
    digest = hashlib.blake2b(f"idempotency:{scope}:{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
