"""My data is mine: two visitors (two API clients, two browser sessions) never see each
other's searches in the list, the exports or a refresh; ids cannot be guessed; /stats/ is
aggregated; a session lives in Redis and PostgreSQL, so a Redis flush keeps it."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache

from weather.models import BulkRefresh, WeatherSearch
from weather.tests.api.search_helpers import listed, search
from weather.tests.conftest import SchemaCheckingClient
from weather.tests.factories import BERLIN, PARIS

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(openapi_spec):
    """A new browser: an API client of its own, which keeps its cookies."""

    def new(**kwargs) -> SchemaCheckingClient:
        client = SchemaCheckingClient(**kwargs)
        client.spec = openapi_spec
        return client

    return new


def exported(client, extension: str = "csv", **auth) -> str:
    response = client.get(f"/api/v1/searches/export.{extension}", **auth)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_each_visitor_lists_only_their_own_searches(visitor, fake_open_meteo):
    alice, bob, carol = visitor(), visitor(), visitor()
    search(alice, "Paris")
    search(alice, "paris")
    search(bob, "Berlin")
    assert listed(alice) == ["paris", "Paris"]
    assert listed(bob) == ["Berlin"]
    assert listed(carol) == []  # no search yet: nothing, and no session made for a read
    assert settings.SESSION_COOKIE_NAME not in carol.cookies
    owners = set(WeatherSearch.objects.values_list("owner_visitor", flat=True))
    assert len(owners) == 2 and None not in owners


def test_the_first_search_starts_a_session_a_read_never_does(visitor, fake_open_meteo):
    browser = visitor()
    for path, params in (
        ("/api/v1/weather/", {"city": "Paris"}),
        ("/api/v1/locations/", {"q": "Par"}),
        ("/api/v1/searches/", {}),
        ("/api/v1/stats/", {}),
    ):
        response = browser.get(path, params)
        assert response.status_code == 200, path
        assert not response.cookies, path
    created = browser.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} <= created.cookies.keys()
    assert created.cookies[settings.SESSION_COOKIE_NAME]["httponly"]
    assert created.cookies[settings.SESSION_COOKIE_NAME]["samesite"] == "Lax"
    # With a session: the shared reads still set nothing and do not vary on it.
    for path, params in (
        ("/api/v1/weather/", {"city": "Paris"}),
        ("/api/v1/locations/", {"q": "P"}),
    ):
        response = browser.get(path, params)
        assert not response.cookies and "Cookie" not in response.get("Vary", ""), path


def test_another_visitor_cannot_reach_a_search_by_guessing_its_id(visitor, fake_open_meteo):
    alice, bob = visitor(), visitor()
    mine = search(alice, "Paris")
    row = WeatherSearch.objects.get(public_id=mine["id"])
    assert uuid.UUID(mine["id"]).version == 4
    for guess in (row.pk, row.pk + 1, 1, uuid.uuid4()):
        response = bob.get(f"/api/v1/searches/{guess}/")
        assert response.status_code == 404, guess
    assert alice.get(f"/api/v1/searches/{row.pk}/").status_code == 404  # not even the owner
    # The public id is the shared link: read-only, for whoever has it.
    shared = bob.get(f"/api/v1/searches/{mine['id']}/")
    assert shared.status_code == 200 and shared.json()["query"] == "Paris"
    assert listed(bob) == []  # reading a shared search does not make it theirs


def test_task_status_names_no_search_row(visitor, fake_open_meteo):
    alice = visitor()
    created = search(alice, "Paris")
    WeatherSearch.objects.filter(public_id=created["id"]).update(
        processing_status=WeatherSearch.Status.PROCESSED, processing_result={"alerts": []}
    )
    body = alice.get(created["processing"]["status_url"]).json()
    assert body["state"] == "SUCCESS"
    assert "search_id" not in body["result"]


def test_exports_hold_the_visitors_own_searches_and_operators_get_all(
    visitor, fake_open_meteo, ops_token
):
    alice, bob, nobody = visitor(), visitor(), visitor()
    paris = search(alice, "Paris")
    berlin = search(bob, "Berlin")
    WeatherSearch.objects.create(
        query="Orphan", location_id=WeatherSearch.objects.get(public_id=paris["id"]).location_id
    )  # an older row: no owner
    alice_csv = exported(alice)
    assert paris["id"] in alice_csv and berlin["id"] not in alice_csv
    assert "Orphan" not in alice_csv
    lines = [json.loads(line) for line in exported(bob, "jsonl").splitlines()]
    assert [(line["id"], line["query"]) for line in lines] == [(berlin["id"], "Berlin")]
    assert exported(nobody).splitlines() == [exported(nobody).splitlines()[0]]  # header only
    assert not nobody.cookies
    everything = exported(visitor(), HTTP_AUTHORIZATION=f"Bearer {ops_token}")
    assert all(text in everything for text in (paris["id"], berlin["id"], "Orphan"))


def test_operators_list_every_search(visitor, fake_open_meteo, ops_token):
    search(visitor(), "Paris")
    search(visitor(), "Berlin")
    response = visitor().get("/api/v1/searches/", HTTP_AUTHORIZATION=f"Bearer {ops_token}")
    assert sorted(s["query"] for s in response.json()["results"]) == ["Berlin", "Paris"]


def test_stats_are_aggregated_without_free_text_or_times(visitor, fake_open_meteo):
    search(visitor(), "PARIS")
    body = visitor().get("/api/v1/stats/").json()
    assert set(body) == {
        "days",
        "total_searches",
        "top_cities",
        "searches_per_day",
        "temperature_by_city",
        "units",
    }
    text = json.dumps(body)
    assert "PARIS" not in text  # the city as the gazetteer names it, never what was typed
    assert not re.search(r"\d{2}:\d{2}", text)  # days, never times
    assert body["top_cities"][0]["name"] == "Paris"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", body["searches_per_day"][-1]["date"])


def test_a_redis_flush_keeps_the_session(visitor, fake_open_meteo):
    alice = visitor()
    search(alice, "Paris")
    key = alice.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=key).exists()  # written through to PostgreSQL
    cache.clear()  # the whole Redis database of the cache
    assert listed(alice) == ["Paris"]
    search(alice, "Berlin")
    assert alice.cookies[settings.SESSION_COOKIE_NAME].value == key
    assert listed(alice) == ["Berlin", "Paris"]


def test_a_session_write_needs_the_csrf_token(visitor, fake_open_meteo):
    browser = visitor(enforce_csrf_checks=True)
    # No session yet: a new, empty one is made (nothing of anyone's to forge into).
    first = browser.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    assert first.status_code == 201
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    forged = browser.post("/api/v1/searches/", {"city": "Berlin"}, format="json")
    assert forged.status_code == 403
    assert "CSRF" in forged.json()["error"]["message"]
    sent = browser.post(
        "/api/v1/searches/", {"city": "Berlin"}, format="json", HTTP_X_CSRFTOKEN=token
    )
    assert sent.status_code == 201
    assert listed(browser) == ["Berlin", "Paris"]


def test_an_idempotency_key_never_replays_another_visitors_search(visitor, fake_open_meteo):
    alice, bob = visitor(), visitor()
    search(alice, "Berlin")
    search(bob, "Berlin")
    key = str(uuid.uuid4())
    body = {"city": "Paris"}
    first = alice.post("/api/v1/searches/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    other = bob.post("/api/v1/searches/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == 201
    assert other.status_code == 422
    assert listed(bob) == ["Berlin"]


def test_visitors_refresh_only_places_they_searched_and_cancel_only_their_own(
    visitor, fake_open_meteo, ops_token
):
    alice, bob, stranger = visitor(), visitor(), visitor()
    places = {"location_ids": [PARIS]}
    no_session = stranger.post("/api/v1/refreshes/", places, format="json")
    assert no_session.status_code == 400
    search(alice, "Paris")
    search(bob, "Berlin")
    assert bob.post("/api/v1/refreshes/", places, format="json").status_code == 400
    started = alice.post("/api/v1/refreshes/", places, format="json")
    assert started.status_code == 202
    task_id = started.json()["task_id"]
    assert BulkRefresh.objects.get(pk=task_id).owner_visitor is not None
    assert bob.post(f"/api/v1/refreshes/{task_id}/cancel/").status_code == 404
    assert stranger.post(f"/api/v1/refreshes/{task_id}/cancel/").status_code == 404
    assert alice.post(f"/api/v1/refreshes/{task_id}/cancel/").status_code == 200
    assert BulkRefresh.objects.get(pk=task_id).status == BulkRefresh.Status.CANCELLED
    other = alice.post("/api/v1/refreshes/", places, format="json").json()["task_id"]
    operator = stranger.post(
        f"/api/v1/refreshes/{other}/cancel/", HTTP_AUTHORIZATION=f"Bearer {ops_token}"
    )
    assert operator.status_code == 200
    mixed = alice.post("/api/v1/refreshes/", {"location_ids": [PARIS, BERLIN]}, format="json")
    assert mixed.status_code == 400
