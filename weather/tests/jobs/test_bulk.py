"""Bulk refreshes and always-warm places: multi-location upstream calls (counted by the fake
Open-Meteo), progress seen while a real worker runs the chunks, per-place failures, cancel."""

from __future__ import annotations

import uuid

import pytest
import requests

from weather.api.throttles import RefreshThrottle
from weather.infra import caching
from weather.jobs import bulk
from weather.models import BulkRefresh, Location
from weather.models.permissions import Viewer
from weather.providers import budget
from weather.providers.open_meteo_batch import MAX_BATCH, get_forecasts
from weather.services import refreshes
from weather.tests.celery_worker import wait_until
from weather.tests.factories import (
    BERLIN,
    PARIS,
    YAKUTSK,
    LocationFactory,
    LocationStatisticsFactory,
    WeatherSearchFactory,
)

NOWHERE = 123_456_789  # no such GeoNames id, upstream or here


def many_locations(count: int, start_id: int = 7_000_000) -> list[int]:
    """Stored locations a little apart (each its own forecast cache entry)."""
    for i in range(count):
        LocationFactory(
            geonames_id=start_id + i,
            name=f"Town {i}",
            latitude=40.0 + i * 0.05,
            longitude=5.0 + i * 0.05,
        )
    return [start_id + i for i in range(count)]


def status(api, task_id: str) -> dict:
    response = api.get(f"/api/v1/tasks/{task_id}/")
    assert response.status_code == 200
    return response.json()


def finished(api, task_id: str, timeout: float = 30.0) -> dict:
    return wait_until(
        lambda: (body := status(api, task_id))["state"] in ("SUCCESS", "CANCELLED") and body,
        timeout=timeout,
    )


# --- The multi-location call ----------------------------------------------------------------


def test_several_points_cost_one_upstream_call_answered_in_order(fake_open_meteo):
    forecasts = get_forecasts([(48.85, 2.35), (62.03, 129.73), (52.52, 13.41)])
    assert [f.timezone for f in forecasts] == ["Europe/Paris", "Asia/Yakutsk", "Europe/Berlin"]
    assert all(len(f.hourly) == 48 and len(f.daily) == 7 for f in forecasts)
    assert fake_open_meteo.calls["forecast"] == 1
    assert fake_open_meteo.calls["forecast_locations"] == 3


def test_a_batch_spends_its_weight_for_every_location(fake_open_meteo, settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 10
    get_forecasts([(48.85, 2.35), (62.03, 129.73), (52.52, 13.41)])
    assert budget.usage()["minute"]["used"] == 8  # 3 x 2.5 calls (25 variables), rounded up
    with pytest.raises(budget.BudgetExhausted):
        get_forecasts([(48.85, 2.35), (62.03, 129.73)])
    assert fake_open_meteo.calls["forecast"] == 1  # the refused batch was never sent


def test_one_point_is_a_list_of_one_though_upstream_answers_an_object(fake_open_meteo):
    # Upstream answers one point with a bare object, not a list of one: the shape differs.
    one = requests.get(
        f"{fake_open_meteo.base_url}/forecast",
        params={"latitude": "48.85", "longitude": "2.35", "hourly": "temperature_2m"},
        timeout=5,
    )
    assert isinstance(one.json(), dict)
    [forecast] = get_forecasts([(48.85, 2.35)])
    assert (fake_open_meteo.calls["forecast"], fake_open_meteo.calls["forecast_locations"]) == (
        2,
        2,
    )
    # The same forecast the point gets inside a batch.
    [in_batch, _] = get_forecasts([(48.85, 2.35), (52.52, 13.41)])
    assert forecast.timezone == in_batch.timezone == "Europe/Paris"
    assert forecast.current == in_batch.current
    assert forecast.hourly == in_batch.hourly and forecast.daily == in_batch.daily


def test_more_points_than_a_batch_are_refused_before_any_call(fake_open_meteo):
    with pytest.raises(ValueError, match="between 1 and"):
        get_forecasts([(1.0, 1.0)] * (MAX_BATCH + 1))
    assert fake_open_meteo.calls["forecast"] == 0


def test_the_fake_answers_a_list_and_rejects_unequal_lists_as_upstream_does(fake_open_meteo):
    url = f"{fake_open_meteo.base_url}/forecast"
    answer = requests.get(url, params={"latitude": "1,2", "longitude": "3,4"}, timeout=5)
    assert isinstance(answer.json(), list) and len(answer.json()) == 2
    bad = requests.get(url, params={"latitude": "1,2", "longitude": "3"}, timeout=5)
    assert bad.status_code == 400
    assert bad.json()["error"] is True


# --- Chunks, in this process ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_chunk_fills_the_cache_and_running_it_again_changes_nothing(settings, fake_open_meteo):
    settings.BULK_REFRESH_CHUNK_SIZE = 2
    LocationFactory(berlin=True)
    refresh = bulk.new_refresh([PARIS, BERLIN, PARIS, YAKUTSK])
    assert refresh.location_ids == [PARIS, BERLIN, YAKUTSK] and refresh.chunks == 2

    bulk.refresh_chunk(str(refresh.id), 0)
    assert fake_open_meteo.calls["forecast"] == 1
    entry = caching.read(caching.forecast_key(52.52, 13.41))
    assert entry.value["timezone"] == "Europe/Berlin"
    bulk.refresh_chunk(str(refresh.id), 0)  # a redelivered message
    assert fake_open_meteo.calls["forecast"] == 1
    refresh.refresh_from_db()
    assert refresh.done == 2 and refresh.status == "running"

    bulk.refresh_chunk(str(refresh.id), 1)
    refresh.refresh_from_db()
    assert (refresh.done, refresh.status) == (3, "finished")
    assert refresh.finished_at is not None
    # Paris was never stored: looked up upstream once, by id, and stored.
    assert Location.objects.filter(geonames_id=PARIS).exists()


@pytest.mark.django_db
def test_a_refreshed_place_is_read_without_an_upstream_call(api, fake_open_meteo):
    refresh = bulk.new_refresh([PARIS])
    bulk.refresh_chunk(str(refresh.id), 0)
    calls = dict(fake_open_meteo.calls)
    assert api.get("/api/v1/weather/", {"location_id": PARIS}).status_code == 200
    assert fake_open_meteo.calls["forecast"] == calls["forecast"]


@pytest.mark.django_db
def test_unknown_places_fail_one_by_one(api, fake_open_meteo):
    refresh = bulk.new_refresh([PARIS, NOWHERE])
    bulk.refresh_chunk(str(refresh.id), 0)
    body = status(api, str(refresh.id))
    assert body["state"] == "SUCCESS"
    assert body["progress"]["done"] == 1
    assert body["progress"]["failed"] == [
        {"location_id": NOWHERE, "name": "", "reason": "unknown place id"}
    ]


@pytest.mark.django_db
def test_an_unknown_place_costs_one_lookup_however_often_it_is_refreshed(fake_open_meteo):
    for _ in range(2):
        refresh = bulk.new_refresh([NOWHERE])
        bulk.refresh_chunk(str(refresh.id), 0)
        refresh.refresh_from_db()
        assert refresh.failures == {str(NOWHERE): bulk.UNKNOWN_PLACE}
    assert fake_open_meteo.calls["geocoding"] == 1


@pytest.mark.django_db
def test_a_place_a_search_found_is_refreshed_without_a_lookup(api, fake_open_meteo):
    assert api.get("/api/v1/locations/", {"q": "Paris"}).status_code == 200
    lookups = fake_open_meteo.calls["geocoding"]
    refresh = bulk.new_refresh([PARIS])
    bulk.refresh_chunk(str(refresh.id), 0)
    assert fake_open_meteo.calls["geocoding"] == lookups
    assert Location.objects.get(geonames_id=PARIS).name == "Paris"


@pytest.mark.django_db
def test_a_permanent_upstream_error_fails_the_chunks_places_with_its_reason(fake_open_meteo):
    LocationFactory()
    refresh = bulk.new_refresh([PARIS])
    fake_open_meteo.fail(endpoint="forecast", status=400, count=1)
    bulk.refresh_chunk(str(refresh.id), 0)
    refresh.refresh_from_db()
    assert refresh.done == 0
    assert "rejected" in refresh.failures[str(PARIS)]


# --- Always-warm ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_warming_fetches_the_most_searched_places_in_one_call_then_waits(fake_open_meteo):
    for trait, searches in (("berlin", 50), ("yakutsk", 20)):
        LocationStatisticsFactory(location=LocationFactory(**{trait: True}), search_count=searches)
    LocationStatisticsFactory(location=LocationFactory(), search_count=1)

    summary = bulk.warm_popular_places(top=2, ahead_s=60)
    assert summary == {"popular": 2, "warmed": 2, "failed": 0, "upstream_calls": 1}
    assert fake_open_meteo.calls["forecast_locations"] == 2
    assert caching.read(caching.forecast_key(48.85, 2.35)) is None  # Paris is not popular enough
    # Still fresh for long: nothing to do.
    assert bulk.warm_popular_places(top=2, ahead_s=60)["upstream_calls"] == 0
    # About to expire (fresh for less than ahead_s): fetched again.
    assert bulk.warm_popular_places(top=2, ahead_s=10_000)["warmed"] == 2


# --- The API --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "non_field_errors"),
        ({"location_ids": []}, "location_ids"),
        ({"location_ids": ["Paris"]}, "location_ids"),
        ({"location_ids": [0]}, "location_ids"),
        ({"location_ids": [2**63]}, "location_ids"),
        ({"location_ids": [1], "all_locations": True}, "non_field_errors"),
        ({"location_ids": list(range(1, 52))}, "location_ids"),
    ],
)
def test_a_bad_refresh_request_is_a_400_in_the_error_shape(api, body, field):
    response = api.post("/api/v1/refreshes/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"
    assert field in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_only_operators_refresh_every_location(api, ops_token):
    response = api.post("/api/v1/refreshes/", {"all_locations": True}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    wrong = api.post(
        "/api/v1/refreshes/",
        {"all_locations": True},
        format="json",
        HTTP_AUTHORIZATION="Bearer nope",
    )
    assert wrong.status_code == 401


@pytest.mark.django_db
def test_an_operator_refreshes_every_location_up_to_the_limit(api, ops_token, settings):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ops_token}"}
    empty = api.post("/api/v1/refreshes/", {"all_locations": True}, format="json", **auth)
    assert empty.status_code == 400
    ids = many_locations(3)
    response = api.post("/api/v1/refreshes/", {"all_locations": True}, format="json", **auth)
    assert response.status_code == 202
    assert BulkRefresh.objects.get(pk=response.json()["task_id"]).location_ids == ids
    assert BulkRefresh.objects.get(pk=response.json()["task_id"]).requested_by == "ops-token"
    settings.BULK_REFRESH_MAX_PLACES = 2
    too_many = api.post("/api/v1/refreshes/", {"all_locations": True}, format="json", **auth)
    assert too_many.status_code == 400
    assert "all_locations" in too_many.json()["error"]["fields"]


@pytest.mark.django_db
def test_refreshes_are_throttled_for_everyone_but_operators(
    api, ops_token, monkeypatch, fake_open_meteo
):
    assert api.post("/api/v1/searches/", {"city": "Paris"}, format="json").status_code == 201
    monkeypatch.setitem(RefreshThrottle.THROTTLE_RATES, "refresh", "1/min")
    assert (
        api.post("/api/v1/refreshes/", {"location_ids": [PARIS]}, format="json").status_code == 202
    )
    again = api.post("/api/v1/refreshes/", {"location_ids": [PARIS]}, format="json")
    assert again.status_code == 429
    operator = api.post(
        "/api/v1/refreshes/",
        {"location_ids": [PARIS]},
        format="json",
        HTTP_AUTHORIZATION=f"Bearer {ops_token}",
    )
    assert operator.status_code == 202


@pytest.mark.django_db
def test_the_refresh_rules_are_the_services_whoever_calls_it(settings):
    settings.BULK_REFRESH_PUBLIC_MAX_PLACES = 2
    visitor = Viewer(visitor=uuid.uuid4())
    for place in (LocationFactory(), LocationFactory(berlin=True)):
        WeatherSearchFactory(location=place, owner_visitor=visitor.visitor)
    with pytest.raises(refreshes.OperatorsOnly):
        refreshes.start_refresh(None, viewer=visitor, requested_by="visitor")
    with pytest.raises(refreshes.RefreshRefused) as too_many:
        refreshes.start_refresh([PARIS, BERLIN, YAKUTSK], viewer=visitor, requested_by="visitor")
    assert too_many.value.field == "location_ids"
    with pytest.raises(refreshes.RefreshRefused) as not_searched:
        refreshes.start_refresh([PARIS, YAKUTSK], viewer=visitor, requested_by="visitor")
    assert not_searched.value.field == "location_ids"
    with pytest.raises(refreshes.NoSession):
        refreshes.start_refresh([PARIS], viewer=Viewer(), requested_by="visitor")
    assert not BulkRefresh.objects.exists()

    anyone = refreshes.start_refresh([PARIS, BERLIN, PARIS], viewer=visitor, requested_by="v")
    assert (anyone.total, anyone.requested_by) == (2, "anonymous")
    assert anyone.owner_visitor == visitor.visitor
    operator = refreshes.start_refresh(
        [PARIS, BERLIN, YAKUTSK], viewer=Viewer(operator=True), requested_by="operator"
    )
    assert (operator.total, operator.requested_by) == (3, "operator")


@pytest.mark.django_db
def test_cancelling_an_unknown_refresh_is_a_404(api):
    response = api.post(f"/api/v1/refreshes/{uuid.uuid4()}/cancel/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_a_failed_chunk_tells_anyone_the_kind_of_a_database_error_never_its_message():
    from django.db import OperationalError

    LocationFactory()
    refresh = bulk.new_refresh([PARIS])
    bulk.record_chunk_failure(str(refresh.id), 0, OperationalError("host db.internal:5432 down"))
    refresh.refresh_from_db()
    assert refresh.failures == {str(PARIS): "OperationalError"}
