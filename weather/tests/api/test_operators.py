"""Who is an operator: the ops token or a user granted `weather.operate` (the Operators group,
or a superuser), never a staff flag alone; the API's operator-only paths follow that one rule."""

import importlib
import uuid

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.settings import api_settings

from weather.api.auth import OpsPrincipal, OpsTokenAuthentication, is_operator
from weather.api.throttles import RefreshThrottle
from weather.models import Favourite
from weather.tests.factories import PARIS, LocationFactory, WeatherSearchFactory

operators_migration = importlib.import_module("weather.migrations.0008_operators_group")


@pytest.mark.django_db
def test_a_staff_user_without_the_permission_is_no_operator(django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    assert not is_operator(staff)


@pytest.mark.django_db
def test_members_of_the_operators_group_superusers_and_the_ops_token_are_operators(
    operator, django_user_model
):
    assert is_operator(operator)
    assert is_operator(django_user_model.objects.create_superuser("root", password="x"))
    assert is_operator(OpsPrincipal())
    assert not is_operator(AnonymousUser())
    assert not is_operator(None)


@pytest.mark.django_db
def test_an_inactive_member_of_the_group_is_no_operator(operator):
    operator.is_active = False
    operator.save()
    assert not is_operator(operator)


@pytest.mark.django_db
def test_the_migration_makes_the_operators_group_with_the_permission():
    Group.objects.filter(name="Operators").delete()
    operators_migration.create_operators_group(apps, None)
    operators_migration.create_operators_group(apps, None)  # again: changes nothing
    group = Group.objects.get(name="Operators")
    assert [f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()] == [
        "weather.operate"
    ]


@pytest.mark.django_db
def test_a_staff_session_may_not_refresh_every_location_an_operator_may(
    api, django_user_model, operator
):
    LocationFactory()
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    api.force_login(staff)
    refused = api.post("/api/v1/refreshes/", {"all_locations": True}, format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"

    api.force_login(operator)
    started = api.post("/api/v1/refreshes/", {"all_locations": True}, format="json")
    assert started.status_code == 202
    assert started.json()["total"] == 1


@pytest.mark.django_db
def test_a_staff_session_is_throttled_an_operator_session_is_not(
    api, django_user_model, operator, monkeypatch
):
    monkeypatch.setitem(RefreshThrottle.THROTTLE_RATES, "refresh", "1/min")
    body = {"location_ids": [PARIS]}
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    paris = WeatherSearchFactory(owner=staff).location
    Favourite.objects.create(user=staff, location=paris)  # a favourite of their own
    api.force_login(staff)
    assert api.post("/api/v1/refreshes/", body, format="json").status_code == 202
    assert api.post("/api/v1/refreshes/", body, format="json").status_code == 429

    api.force_login(operator)
    for _ in range(2):
        assert api.post("/api/v1/refreshes/", body, format="json").status_code == 202


@pytest.mark.django_db
def test_the_maintenance_report_is_for_operators_not_staff(api, django_user_model, operator):
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    api.force_login(staff)
    assert api.get("/api/v1/maintenance/latest/").status_code == 403
    api.force_login(operator)
    assert api.get("/api/v1/maintenance/latest/").status_code == 404  # allowed; no report yet


# --- One authentication order ---------------------------------------------------------------


def _api_views():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "cls"):
                yield pattern.callback.cls

    return set(walk(get_resolver().url_patterns))


def test_every_api_view_authenticates_the_token_then_the_session_or_not_at_all():
    assert api_settings.DEFAULT_AUTHENTICATION_CLASSES[0] is OpsTokenAuthentication
    views = _api_views()
    assert len(views) > 10
    for view in views:
        assert view.authentication_classes in (api_settings.DEFAULT_AUTHENTICATION_CLASSES, []), (
            view
        )


@pytest.mark.django_db
def test_a_wrong_token_is_told_to_authenticate_on_any_endpoint(api):
    response = api.post(
        f"/api/v1/refreshes/{uuid.uuid4()}/cancel/", HTTP_AUTHORIZATION="Bearer nope"
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
