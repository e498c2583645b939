"""What the account tests share: allauth's JSON API as the SPA calls it, the links in mails,
the CSRF header (the fixtures, new browsers and people, are in conftest.py)."""

from __future__ import annotations

import re
from urllib.parse import unquote

from django.conf import settings

from weather.testing.mail_sink import body_text

AUTH = "/_allauth/browser/v1/auth"
PASSWORD = "blue-Harbour-47-lantern"


def post(client, path: str, body: dict | None = None, **extra):
    return client.post(path, body or {}, format="json", **extra)


def sign_up(client, email: str, password: str = PASSWORD, **extra):
    return post(client, f"{AUTH}/signup", {"email": email, "password": password}, **extra)


def sign_in(client, email: str, password: str = PASSWORD, **extra):
    return post(client, f"{AUTH}/login", {"email": email, "password": password}, **extra)


def signed_in(client) -> bool:
    response = client.get(f"{AUTH}/session")
    return response.status_code == 200 and response.json()["meta"]["is_authenticated"]


def link_key(mail_sink, email: str, route: str) -> str:
    """The key of the link to the SPA's `route` in the mail to `email` (URL-encoded in the
    link, as a router decodes it)."""
    message = mail_sink.wait_for(lambda m: m["To"] == email)
    found = re.search(
        rf"{re.escape(settings.PUBLIC_URL)}/account/{route}/(\S+)", body_text(message)
    )
    assert found, body_text(message)
    return unquote(found.group(1))


def csrf(client) -> dict:
    """The header the SPA sends with a write: the csrftoken cookie, echoed."""
    return {"HTTP_X_CSRFTOKEN": client.cookies[settings.CSRF_COOKIE_NAME].value}
