"""Who a request is, for what it owns (weather.models.permissions.Viewer).

A visitor gets a browser session on their first search (`visitor_for_write`), never on a read:
the session holds a random visitor id, which their searches and refreshes carry. The id, not
the session key, is stored on the rows, so cycling the key (at sign-in) keeps the history.
Reads (`viewer`) only look the session up when the request brings a session cookie.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.middleware.csrf import rotate_token

from weather.models.permissions import Viewer, is_operator

_SESSION_KEY = "visitor_id"


def _visitor(request) -> uuid.UUID | None:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None  # no session to read: no lookup, and no Vary: Cookie
    value = request.session.get(_SESSION_KEY)
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def visitor_id(request) -> uuid.UUID | None:
    """The session's visitor id, read from a session already loaded (at sign-in: the one
    whose key is being cycled), whether or not the request brought a cookie."""
    value = getattr(request, "session", {}).get(_SESSION_KEY)
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _user_id(request) -> int | None:
    user = request.user
    return user.pk if user.is_authenticated and isinstance(user.pk, int) else None


def viewer(request) -> Viewer:
    """The request's viewer: its session's visitor, its account, or an operator."""
    return Viewer(
        visitor=_visitor(request), user_id=_user_id(request), operator=is_operator(request.user)
    )


def visitor_for_write(request) -> Viewer:
    """The viewer of a request that creates something: a visitor without a session gets one
    now (its cookie and a CSRF cookie for the next writes go out with this answer)."""
    visitor = _visitor(request)
    if visitor is None:
        visitor = uuid.uuid4()
        request.session[_SESSION_KEY] = str(visitor)
    # The CSRF cookie, which the SPA sends back as X-CSRFToken on its next writes, set with
    # the session (get_token would also mask it for a form, ~450 Python calls, unused). One
    # the visitor has is kept: it lasts as long as their session, and sign-in renews both.
    if settings.CSRF_COOKIE_NAME not in request.COOKIES:
        rotate_token(request)
    return Viewer(visitor=visitor, user_id=_user_id(request), operator=is_operator(request.user))
