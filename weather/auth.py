"""Operators authenticate with a staff session or `Authorization: Bearer $OPS_API_TOKEN`."""

import hmac

from django.conf import settings
from rest_framework import authentication, exceptions, permissions


def ops_token_matches(token: str) -> bool:
    """Whether `token` is the configured ops token (never, when none is configured)."""
    expected = settings.OPS_API_TOKEN
    return bool(expected) and hmac.compare_digest(token.encode(), expected.encode())


class OpsPrincipal:
    """The identity behind a valid ops token: not a database user."""

    is_authenticated = True
    is_staff = True
    is_active = True
    username = "ops-token"
    pk = None


class OpsTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header.startswith(f"{self.keyword} "):
            return None
        token = header[len(self.keyword) + 1 :].strip()
        if not ops_token_matches(token):
            raise exceptions.AuthenticationFailed("Invalid operator token.")
        return OpsPrincipal(), token

    def authenticate_header(self, request):
        return self.keyword


class IsOperator(permissions.BasePermission):
    message = "Only operators (staff users or the ops token) may do this."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)
