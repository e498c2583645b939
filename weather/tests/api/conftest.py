"""Fixtures of the API tests about people: new browsers, people with accounts."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from weather.tests.api.people_helpers import PASSWORD
from weather.tests.conftest import SchemaCheckingClient


@pytest.fixture
def browser(openapi_spec):
    """A new browser: an API client of its own, keeping its cookies."""

    def new(**kwargs) -> SchemaCheckingClient:
        client = SchemaCheckingClient(**kwargs)
        client.spec = openapi_spec
        return client

    return new


@pytest.fixture
def person(db):
    """An account with a verified email address (made as sign-up and verification would)."""

    def make(email: str = "ana@example.com", password: str = PASSWORD):
        user = get_user_model().objects.create_user(
            email.split("@")[0], email=email, password=password
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    return make
