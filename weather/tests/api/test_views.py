import datetime as dt
import gzip
import json
import re
import time

import pytest
from django.core.cache import cache

from weather.infra import caching
from weather.models import Location, WeatherSearch
from weather.tests.celery_worker import broker_url

PARIS_FR, PARIS_TX = 2988507, 4717560
pytestmark = pytest.mark.django_db


def test_get_weather_answers_current_hourly_and_daily(api, fake_open_meteo):
    response = api.get("/api/v1/weather/", {"city": "Paris"})
    assert response.status_code == 200
    body = response.json()
    assert body["location"]["id"] == PARIS_FR
    assert body["location"]["country"] == "France"
    assert body["current"]["description"] == "Overcast"
    assert body["current"]["time"].endswith("+01:00")  # the city's local time
    assert len(body["hourly"]) == 48
    assert len(body["daily"]) == 7
    assert body["units"]["temperature"] == "°C"
    assert body["stale"] is False
    assert all(row["description"] for row in body["hourly"] + body["daily"])
    assert not {"id", "query", "created_at", "processing"} & body.keys()  # not a search


def test_get_weather_records_and_publishes_nothing(
    api, fake_open_meteo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as scheduled:
        for params in (
            {"city": "Paris"},
            {"city": "Paris", "lang": "fr"},
            {"location_id": PARIS_TX},
        ):
            assert api.get("/api/v1/weather/", params).status_code == 200
    assert WeatherSearch.objects.count() == 0
    assert Location.objects.count() == 0
    assert scheduled == []  # no processing message is queued for after a commit


def test_get_weather_answers_304_to_a_matching_if_none_match(api, fake_open_meteo):
    first = api.get("/api/v1/weather/", {"city": "Paris"})
    etag = first["ETag"]
    assert re.fullmatch(r'"[0-9a-f]+"', etag)  # strong: no W/ prefix
    again = api.get("/api/v1/weather/", {"city": "Paris"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    other_language = api.get("/api/v1/weather/", {"city": "Paris", "lang": "fr"})
    assert other_language["ETag"] != etag
    old_tag = api.get("/api/v1/weather/", {"city": "Paris"}, HTTP_IF_NONE_MATCH='"old"')
    assert old_tag.status_code == 200
    assert old_tag.json() == first.json()


def test_get_weather_may_be_cached_while_the_forecast_is_fresh(api, fake_open_meteo, settings):
    api.get("/api/v1/weather/", {"city": "Paris"})
    fetched_at = caching.read(caching.forecast_key(48.85, 2.35)).fetched_at
    settings.FORECAST_CACHE_TTL_S = 300  # the same cached forecast now has less time left
    response = api.get("/api/v1/weather/", {"city": "Paris"})
    max_age = int(re.fullmatch(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    remaining = fetched_at + 300 - time.time()
    assert remaining - 2 <= max_age <= remaining
    assert fake_open_meteo.calls["forecast"] == 1


def test_post_search_creates_and_persists_a_search(api, fake_open_meteo):
    response = api.post("/api/v1/searches/", {"city": "  Berlin "}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["processing"]["status"] == "pending"
    assert body["processing"]["status_url"] == f"/api/v1/tasks/{body['processing']['task_id']}/"
    assert response["Location"] == f"/api/v1/searches/{body['id']}/"
    assert api.get(response["Location"]).json()["id"] == body["id"]
    search = WeatherSearch.objects.select_related("location").get(public_id=body["id"])
    assert search.query == "Berlin"
    assert search.location.name == "Berlin"
    assert search.location.country_code == "DE"
    assert search.temperature_c == response.json()["current"]["temperature"]
    assert search.observed_at.tzinfo is not None
    assert search.observed_at.utcoffset() == dt.timedelta(0)  # stored in UTC
    assert len(search.forecast["hourly"]) == 48
    assert search.upstream_units["temperature_2m"] == "°C"
    assert search.processing_status == WeatherSearch.Status.PENDING


def test_a_new_search_is_compressed_for_a_client_that_accepts_gzip(api, fake_open_meteo):
    # nginx compresses 200s only: the 201 of a new search is compressed by the app.
    compressed = api.post(
        "/api/v1/searches/", {"city": "Paris"}, format="json", HTTP_ACCEPT_ENCODING="gzip"
    )
    assert compressed.status_code == 201
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    body = json.loads(gzip.decompress(compressed.content))
    assert len(compressed.content) < len(json.dumps(body)) / 2
    assert body["location"]["name"] == "Paris" and len(body["hourly"]) == 48
    plain = api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    assert not plain.has_header("Content-Encoding")
    assert plain.json()["location"]["name"] == "Paris"


def test_search_reuses_one_location_row_per_place(api, fake_open_meteo):
    api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    api.post("/api/v1/searches/", {"city": "paris"}, format="json")
    assert Location.objects.filter(geonames_id=PARIS_FR).count() == 1
    assert WeatherSearch.objects.count() == 2


@pytest.mark.parametrize(
    ("params", "expected_id"),
    [
        ({"city": "Paris, Texas"}, PARIS_TX),
        ({"city": "Paris, United States"}, PARIS_TX),
        ({"city": "Paris, Tex"}, PARIS_TX),  # a prefix of the region, resolved locally
        ({"city": "Paris", "location_id": PARIS_TX}, PARIS_TX),
        ({"location_id": PARIS_TX}, PARIS_TX),
        ({"city": "Paris", "latitude": 33.6, "longitude": -95.5}, PARIS_TX),
        ({"city": "Paris", "latitude": 48.8, "longitude": 2.3}, PARIS_FR),
    ],
)
def test_homonyms_are_told_apart(api, fake_open_meteo, params, expected_id):
    response = api.get("/api/v1/weather/", params)
    assert response.status_code == 200
    assert response.json()["location"]["id"] == expected_id


def test_imperial_units_and_french_descriptions(api, fake_open_meteo):
    fake_open_meteo.set_weather(2988507, weather_code=61)
    metric = api.get("/api/v1/weather/", {"city": "Paris"}).json()
    imperial = api.get("/api/v1/weather/", {"city": "Paris", "units": "imperial", "lang": "fr"})
    body = imperial.json()
    assert body["units"]["temperature"] == "°F"
    assert body["units"]["wind_speed"] == "mph"
    expected_f = round(metric["current"]["temperature"] * 9 / 5 + 32, 1)
    assert body["current"]["temperature"] == expected_f
    assert body["current"]["description"] == "Pluie faible"
    assert body["daily"][0]["description"] == "Pluie faible"
    for metric_row, row in zip(metric["hourly"], body["hourly"], strict=True):
        assert row["temperature"] == round(metric_row["temperature"] * 9 / 5 + 32, 1)
        assert row["wind_speed"] == round(metric_row["wind_speed"] / 1.609344, 1)
        assert row["precipitation"] == round(metric_row["precipitation"] / 25.4, 2)
    metric_day, day = metric["daily"][0], body["daily"][0]
    assert day["temperature_max"] == round(metric_day["temperature_max"] * 9 / 5 + 32, 1)
    assert day["precipitation_sum"] == round(metric_day["precipitation_sum"] / 25.4, 2)


def test_every_row_is_described_in_the_requested_language(api, fake_open_meteo):
    english = api.get("/api/v1/weather/", {"city": "Paris"}).json()
    french = api.get("/api/v1/weather/", {"city": "Paris", "lang": "fr"}).json()
    for en_row, fr_row in zip(english["hourly"], french["hourly"], strict=True):
        assert en_row["weather_code"] == fr_row["weather_code"]
        assert en_row["description"] != fr_row["description"]


def test_unknown_city_is_404_city_not_found(api, fake_open_meteo):
    response = api.get("/api/v1/weather/", {"city": "Atlantis"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "city_not_found"
    assert "Atlantis" in response.json()["error"]["message"]
    assert WeatherSearch.objects.count() == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "city"),
        ({"city": ""}, "city"),
        ({"city": "   "}, "city"),
        ({"city": "x" * 101}, "city"),
        ({"city": "Par\x00is"}, "city"),
        ({"city": "Par\x07is"}, "city"),
        ({"city": "Paris", "units": "kelvin"}, "units"),
        ({"city": "Paris", "lang": "de"}, "lang"),
        ({"city": "Paris", "latitude": "91", "longitude": "2"}, "latitude"),
        ({"city": "Paris", "latitude": "48", "longitude": "-181"}, "longitude"),
        ({"city": "Paris", "latitude": "48"}, "longitude"),
        ({"city": "Paris", "latitude": "north", "longitude": "2"}, "latitude"),
        ({"city": "Paris", "location_id": "abc"}, "location_id"),
        ({"city": "Paris", "location_id": "0"}, "location_id"),
    ],
)
def test_bad_query_parameters_are_400_with_the_field(api, fake_open_meteo, params, field):
    response = api.get("/api/v1/weather/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert field in error["fields"]
    assert fake_open_meteo.calls == {"geocoding": 0, "forecast": 0, "forecast_locations": 0}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"city": 123}, "city"),
        ({"city": ["Paris"]}, "city"),
        ({"city": None}, "city"),
        ({"city": True}, "city"),
        ({"city": "Paris", "latitude": True, "longitude": 2}, "latitude"),
        ({"city": "Paris", "location_id": 1.5}, "location_id"),
        ([{"city": "Paris"}], "non_field_errors"),
    ],
)
def test_wrong_json_types_are_400(api, fake_open_meteo, body, field):
    response = api.post("/api/v1/searches/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_malformed_json_is_400(api, fake_open_meteo):
    response = api.post(
        "/api/v1/searches/", data='{"city": "Paris"', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"


def test_non_json_body_is_415(api, fake_open_meteo):
    response = api.post(
        "/api/v1/searches/", data="city=Paris", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_unknown_search_is_404_in_the_error_shape(api):
    response = api.get("/api/v1/searches/999999/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_search_list_is_newest_first_and_filters_by_city(api, fake_open_meteo):
    for city in ("Paris", "Berlin", "Paris"):
        api.post("/api/v1/searches/", {"city": city}, format="json")
    everything = api.get("/api/v1/searches/").json()
    assert len(everything["results"]) == 3
    times = [s["created_at"] for s in everything["results"]]
    assert times == sorted(times, reverse=True)
    assert "hourly" not in everything["results"][0]
    paris = api.get("/api/v1/searches/", {"city": "paris"}).json()
    assert len(paris["results"]) == 2
    assert {s["location"]["name"] for s in paris["results"]} == {"Paris"}


def test_search_list_is_paginated_by_cursor(api, fake_open_meteo):
    for _ in range(21):
        api.post("/api/v1/searches/", {"city": "Tokyo"}, format="json")
    first = api.get("/api/v1/searches/").json()
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert "count" not in first  # no COUNT(*) per page
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert {s["id"] for s in first["results"]}.isdisjoint(s["id"] for s in second["results"])
    assert api.get("/api/v1/searches/", {"cursor": "garbage"}).status_code == 404


def test_search_detail_has_the_stored_forecast(api, fake_open_meteo):
    created = api.post("/api/v1/searches/", {"city": "Sydney"}, format="json").json()
    detail = api.get(f"/api/v1/searches/{created['id']}/").json()
    assert detail["hourly"] == created["hourly"]
    assert detail["daily"] == created["daily"]
    assert detail["location"]["timezone"] == "Australia/Sydney"


def test_autocomplete_lists_candidates_and_is_cached(api, fake_open_meteo):
    response = api.get("/api/v1/locations/", {"q": "Par"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["name"], r["country"]) for r in results] == [
        ("Paris", "France"),
        ("Paris", "United States"),
    ]
    assert results[1]["admin1"] == "Texas"
    api.get("/api/v1/locations/", {"q": "par"})  # same query, other case
    assert fake_open_meteo.calls["geocoding"] == 1


@pytest.mark.parametrize("q", ["", "P", "x" * 101, "Pa\x00"])
def test_autocomplete_rejects_bad_queries(api, fake_open_meteo, q):
    response = api.get("/api/v1/locations/", {"q": q})
    assert response.status_code == 400
    assert "q" in response.json()["error"]["fields"]


def test_stats_aggregate_searches(api, fake_open_meteo, settings):
    settings.FORECAST_CACHE_TTL_S = 0  # fetch each time, to see the new temperature
    fake_open_meteo.set_weather(PARIS_FR, temperature=10.0)
    api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    fake_open_meteo.set_weather(PARIS_FR, temperature=20.0)
    api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    api.post("/api/v1/searches/", {"city": "Berlin"}, format="json")
    stats = api.get("/api/v1/stats/").json()
    assert stats["total_searches"] == 3
    assert stats["top_cities"][0] == {
        "location_id": PARIS_FR,
        "name": "Paris",
        "country": "France",
        "searches": 2,
    }
    paris = next(r for r in stats["temperature_by_city"] if r["location_id"] == PARIS_FR)
    assert paris["min"] < paris["max"]
    assert paris["avg"] == pytest.approx((paris["min"] + paris["max"]) / 2, abs=0.1)
    assert stats["searches_per_day"] == [
        {"date": dt.datetime.now(dt.UTC).date().isoformat(), "searches": 3}
    ]


def test_stats_convert_temperatures_to_the_requested_units(api, fake_open_meteo):
    api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    metric = api.get("/api/v1/stats/").json()
    imperial = api.get("/api/v1/stats/", {"units": "imperial"}).json()
    assert (metric["units"], imperial["units"]) == ({"temperature": "°C"}, {"temperature": "°F"})
    celsius, fahrenheit = metric["temperature_by_city"][0], imperial["temperature_by_city"][0]
    for key in ("min", "avg", "max"):
        assert fahrenheit[key] == round(celsius[key] * 9 / 5 + 32, 1)


def test_stats_rejects_bad_days(api):
    assert api.get("/api/v1/stats/", {"days": "0"}).status_code == 400


def test_health_is_ok(api):
    response = api.get("/api/v1/health/")
    assert response.json() == {"status": "ok", "sample_data": False}


def test_readiness_reports_each_dependency(api):
    response = api.get("/api/v1/health/ready/")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["database"]["status"] == "ok"
    assert checks["cache"]["status"] == "ok"
    assert checks["broker"]["status"] == "ok"


def test_readiness_is_503_when_the_broker_is_down(api):
    with broker_url("amqp://guest:guest@127.0.0.1:1//"):  # nothing listens on port 1
        response = api.get("/api/v1/health/ready/")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["broker"]["status"] == "down"
    assert checks["broker"]["error"].isidentifier()  # an exception's name: no host, no port
    assert checks["database"]["status"] == "ok"


def test_schema_and_docs_are_served(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/v1/weather/",
        "/api/v1/searches/",
        "/api/v1/locations/",
        "/api/v1/stats/",
        "/api/v1/health/ready/",
    ):
        assert path in paths
    assert "404" in paths["/api/v1/weather/"]["get"]["responses"]
    docs = api.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_unknown_page_outside_the_api_is_html(client):
    response = client.get("/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_unknown_location_id_is_404_city_not_found(api, fake_open_meteo):
    response = api.get("/api/v1/weather/", {"location_id": 999999999})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "city_not_found"


def test_location_id_of_a_stored_location_needs_no_geocoding(api, fake_open_meteo):
    api.post("/api/v1/searches/", {"city": "Berlin"}, format="json")
    cache.clear()  # nothing geocoded is remembered: only the stored location is known
    calls_before = fake_open_meteo.calls["geocoding"]
    response = api.get("/api/v1/weather/", {"location_id": 2950159})
    assert response.json()["location"]["name"] == "Berlin"
    assert fake_open_meteo.calls["geocoding"] == calls_before


def test_location_id_of_a_place_already_geocoded_needs_no_geocoding(api, fake_open_meteo):
    api.get("/api/v1/locations/", {"q": "Paris"})  # autocomplete, as the SPA does first
    assert fake_open_meteo.calls == {"geocoding": 1, "forecast": 0, "forecast_locations": 0}
    response = api.get("/api/v1/weather/", {"location_id": PARIS_TX})
    assert response.json()["location"]["admin1"] == "Texas"
    assert fake_open_meteo.calls == {"geocoding": 1, "forecast": 1, "forecast_locations": 1}


def test_a_search_for_a_city_picked_from_autocomplete_needs_no_geocoding(api, fake_open_meteo):
    api.get("/api/v1/locations/", {"q": "Par"})  # the SPA's autocomplete, then the pick
    response = api.post(
        "/api/v1/searches/", {"city": "Paris", "location_id": PARIS_TX}, format="json"
    )
    assert response.json()["location"]["admin1"] == "Texas"
    assert fake_open_meteo.calls == {"geocoding": 1, "forecast": 1, "forecast_locations": 1}


def test_location_id_of_an_unknown_place_asks_the_geocoder_once(api, fake_open_meteo):
    for _ in range(2):
        response = api.get("/api/v1/weather/", {"location_id": PARIS_TX})
        assert response.json()["location"]["admin1"] == "Texas"
    assert fake_open_meteo.calls == {"geocoding": 1, "forecast": 1, "forecast_locations": 1}


# --- What a careless or hostile client sends ------------------------------------------------


def test_options_describes_the_view_without_a_server_error(client):
    response = client.options("/api/v1/searches/?city=0&lang=en&page=0&units=metric")
    assert response.status_code == 200
    assert response.json()["name"] == "Search List Create"
    assert response.json()["parses"] == ["application/json"]


@pytest.mark.parametrize("token", ["é-latin-1", "ключ", "\udc80"])
def test_a_non_ascii_bearer_token_is_refused_not_a_server_error(api, settings, token):
    settings.OPS_API_TOKEN = "the-real-token"
    response = api.get("/api/v1/searches/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_deeply_nested_json_body_is_malformed_json(api):
    body = "[" * 100_000 + "]" * 100_000
    response = api.generic("POST", "/api/v1/searches/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"


def test_stats_are_computed_at_most_once_per_cache_period(api, django_assert_num_queries):
    assert api.get("/api/v1/stats/").status_code == 200
    with django_assert_num_queries(0):
        assert api.get("/api/v1/stats/", {"units": "imperial"}).status_code == 200
