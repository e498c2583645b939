"""Who is an operator: the ops token (`Authorization: Bearer $OPS_API_TOKEN`) or a signed-in
user granted the `weather.operate` permission on purpose (the "Operators" group has it;
superusers have every permission). The staff flag alone makes no one an operator."""

import hmac

from django.conf import settings
from rest_framework import authentication, exceptions, permissions

from weather.models.permissions import OPERATE, is_operator


def ops_token_matches(token: str) -> bool:
    """Whether `token` is the configured ops token (never, when none is configured)."""
    expected = settings.OPS_API_TOKEN
    # Bytes on both sides: compare_digest refuses a str with non-ASCII characters (a 500).
    # surrogatepass encodes any str at all, whatever a client managed to send.
    return bool(expected) and hmac.compare_digest(
        token.encode("utf-8", "surrogatepass"), expected.encode()
    )


class OpsPrincipal:
    """The identity behind a valid ops token: not a database user; an operator, nothing more."""

    is_authenticated = True
    is_staff = False
    is_active = True
    username = "ops-token"
    pk = None

    def has_perm(self, perm: str, obj=None) -> bool:
        return perm == OPERATE


class OpsTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        # The header as the server decoded it (latin-1 under WSGI); DRF's helper would encode
        # it to latin-1 again and fail on anything else a test or another server passes.
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header.startswith(f"{self.keyword} "):
            return None
        token = header[len(self.keyword) + 1 :].strip()
        if not ops_token_matches(token):
            raise exceptions.AuthenticationFailed("Invalid operator token.")
        return OpsPrincipal(), token

    def authenticate_header(self, request):
        return self.keyword


class IsOperator(permissions.BasePermission):
    message = "Only operators (the Operators group or the ops token) may do this."

    def has_permission(self, request, view):
        return is_operator(request.user)


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's, which checks CSRF for signed-in users only, with the check also on an
    anonymous visitor's unsafe request that brings a session cookie: their searches and
    refreshes live in that session, so another site must not write there either. A request
    without one starts a new, empty session: there is nothing of anyone's to forge into."""

    def authenticate(self, request):
        found = super().authenticate(request)
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        if found is None and has_session and request.method not in permissions.SAFE_METHODS:
            self.enforce_csrf(request)
        return found
