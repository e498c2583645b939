"""Accounts as the SPA meets them: django-allauth's adapter (mail in the person's language,
preferences made at sign-up) and what happens at sign-in (the browser's searches join the
account). allauth's own JSON API is mounted at /_allauth/ (server_config/urls.py)."""

from __future__ import annotations

import logging

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from weather.api.visitors import visitor_id
from weather.services import people

logger = logging.getLogger(__name__)


def request_language(request) -> str | None:
    """The language the request asks for (Accept-Language, or Django's language cookie)."""
    if request is None:
        return None
    return people.supported_language(translation.get_language_from_request(request))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every account email in the person's language: their preference, else the one the
        request asked for; links lead to the SPA (PUBLIC_URL)."""
        language = people.language_of(context.get("user"), request_language(self.request))
        with translation.override(language):
            super().send_mail(
                template_prefix,
                email,
                {**context, "public_url": settings.PUBLIC_URL, "language": language},
            )

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if user.pk:
            people.preferences_of(user, language=request_language(request))
        return user


@receiver(user_logged_in, dispatch_uid="weather.accounts.adopt_visitor")
def adopt_browser_searches(sender, request, user, **kwargs) -> None:
    """At sign-in, the searches this browser made anonymously become the account's. The
    visitor id lives in the session's data, which Django keeps when it cycles the key."""
    if request is None or not hasattr(request, "session"):
        return
    joined = people.adopt_visitor(user, visitor_id(request))
    if joined:
        logger.info("sign-in: %d searches of this browser joined account %s", joined, user.pk)
