"""The admin, the admin account command and the production settings' refusals."""

import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command

from weather.models import WeatherSearch
from weather.testing.processes import load_settings
from weather.tests.factories import (
    LocationFactory,
    LocationStatisticsFactory,
    NotificationFactory,
    WeatherReportFactory,
    WeatherSearchFactory,
)

pytestmark = pytest.mark.django_db


def test_ensure_superuser_creates_then_updates_the_admin(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "ops")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "first-password")
    call_command("ensure_superuser")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "second-password")
    call_command("ensure_superuser")
    user = get_user_model().objects.get(username="ops")
    assert user.is_superuser and user.is_staff
    assert user.check_password("second-password")


@pytest.mark.parametrize("weak", ["admin", "password123", "12345678901", "ops-ops"])
def test_ensure_superuser_refuses_a_weak_password(monkeypatch, weak):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "ops")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", weak)
    with pytest.raises(CommandError, match="too weak"):
        call_command("ensure_superuser")
    assert not get_user_model().objects.filter(username="ops").exists()


def test_ensure_superuser_needs_both_variables(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "x")
    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_USERNAME"):
        call_command("ensure_superuser")


@pytest.mark.parametrize(
    "page",
    [
        "/admin/weather/location/",
        "/admin/weather/weathersearch/",
        "/admin/weather/notification/",
        "/admin/weather/locationstatistics/",
    ],
)
def test_admin_search_narrows_the_list_to_the_city(admin_client, page):
    for city in ({}, {"berlin": True}):
        location = LocationFactory(**city)
        NotificationFactory(search=WeatherSearchFactory(location=location))
        LocationStatisticsFactory(location=location)
    everything = admin_client.get(page).context["cl"]
    found = admin_client.get(page, {"q": "Berlin"}).context["cl"]
    assert everything.result_count == 2
    assert found.result_count == 1
    assert "Berlin" in str(found.result_list[0])


def test_admin_lists_reports_and_the_schedules(admin_client):
    report = WeatherReportFactory()
    reports = admin_client.get("/admin/weather/weatherreport/").context["cl"]
    assert list(reports.result_list) == [report]
    schedules = admin_client.get("/admin/django_celery_beat/periodictask/").context["cl"]
    assert {task.task for task in schedules.result_list} >= {
        "weather.cleanup_old_searches",
        "weather.weekly_weather_report",
        "weather.requeue_unprocessed_searches",
    }


def test_search_admin_shows_upstream_data_read_only(client, fake_open_meteo, api):
    public_id = api.post("/api/v1/searches/", {"city": "Paris"}, format="json").json()["id"]
    search_id = WeatherSearch.objects.get(public_id=public_id).pk
    admin = get_user_model().objects.create_superuser("boss", password="pw")
    client.force_login(admin)
    page = client.get(f"/admin/weather/weathersearch/{search_id}/change/").content.decode()
    assert 'name="forecast"' not in page  # shown, not editable
    assert 'name="processing_result"' not in page
    assert 'name="query"' in page


def test_only_operators_may_start_a_refresh_from_the_locations_admin(client, operator):
    LocationFactory()
    view_locations = Permission.objects.get(codename="view_location")
    staff = get_user_model().objects.create_user("staff", password="pw", is_staff=True)
    staff.user_permissions.add(view_locations)
    operator.is_staff = True
    operator.save()
    operator.user_permissions.add(view_locations)
    url = "/admin/weather/location/"

    client.force_login(staff)
    page = client.get(url)
    assert page.status_code == 200 and "refresh_forecasts" not in page.content.decode()
    client.force_login(operator)
    assert "refresh_forecasts" in client.get(url).content.decode()


def _production_check(**env) -> subprocess.CompletedProcess:
    return load_settings("server_config.settings.production", **env)


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _production_check(DJANGO_ALLOWED_HOSTS="weather.example.com")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_refuse_to_start_without_allowed_hosts():
    result = _production_check(DJANGO_SECRET_KEY="k" * 64)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_settings_refuse_to_start_without_public_url():
    # Emails' links (verify, reset, unsubscribe) would lead to the development default.
    complete = {"DJANGO_SECRET_KEY": "k" * 64, "DJANGO_ALLOWED_HOSTS": "weather.example.com"}
    result = _production_check(**complete, PUBLIC_URL="")
    assert result.returncode != 0
    assert "ImproperlyConfigured: PUBLIC_URL must be set" in result.stderr
    assert _production_check(**complete, PUBLIC_URL="weather.example.com").returncode != 0
    assert _production_check(**complete, PUBLIC_URL="https://weather.example.com").returncode == 0


def test_development_settings_start_without_public_url():
    assert load_settings("server_config.settings.local", PUBLIC_URL="").returncode == 0


def test_admin_login_attempts_are_limited_per_client(client, settings):
    settings.ADMIN_LOGIN_ATTEMPTS_PER_MINUTE = 3
    attempt = {"username": "ops", "password": "guess"}
    for _ in range(3):
        assert client.post("/admin/login/", attempt, REMOTE_ADDR="198.51.100.7").status_code == 200
    refused = client.post("/admin/login/", attempt, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert client.post("/admin/login/", attempt, REMOTE_ADDR="198.51.100.8").status_code == 200
