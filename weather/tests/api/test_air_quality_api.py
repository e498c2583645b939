"""GET /api/v1/air-quality/: the documented shape (every body is checked against the schema),
bands and pollen, "not available" as null, the cache (an hour, one upstream call, a stale copy
when upstream fails), HTTP caching like /weather/, and clear errors."""

from __future__ import annotations

import pytest

from weather.services.air_quality import air_quality_key

pytestmark = pytest.mark.django_db

URL = "/api/v1/air-quality/"
PARIS = {"latitude": 48.85, "longitude": 2.35}
NEW_YORK = {"latitude": 40.71, "longitude": -74.01}
PARIS_ID = 2988507
SPECIES = {"alder", "birch", "grass", "mugwort", "olive", "ragweed"}


def test_current_values_come_with_their_bands(api, fake_open_meteo):
    response = api.get(URL, PARIS)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["latitude"], body["longitude"]) == (48.9, 2.4)  # the point rounded to 0.1°
    assert body["timezone"] == "Europe/Paris"
    assert isinstance(body["european_aqi"], int) and isinstance(body["us_aqi"], int)
    european_keys = {band["key"] for band in body["scales"]["european_aqi"]}
    assert body["bands"]["european_aqi"]["key"] in european_keys
    assert body["bands"]["us_aqi"]["colour"].startswith("#")
    assert all(body[name] is not None for name in ("pm2_5", "pm10", "nitrogen_dioxide", "ozone"))
    assert body["units"] == {
        "pm2_5": "μg/m³",
        "pm10": "μg/m³",
        "nitrogen_dioxide": "μg/m³",
        "ozone": "μg/m³",
        "pollen": "grains/m³",
    }
    assert body["stale"] is False


def test_hourly_rows_cover_48_hours_with_their_bands(api, fake_open_meteo):
    hours = api.get(URL, PARIS).json()["hourly"]
    assert len(hours) == 48
    assert all(h["european_aqi_band"] and h["us_aqi_band"] for h in hours)
    assert set(hours[0]["pollen"]) == SPECIES


def test_pollen_in_europe_has_levels(api, fake_open_meteo):
    body = api.get(URL, PARIS).json()
    assert body["pollen_available"] is True
    assert set(body["pollen"]) == SPECIES
    birch = body["pollen"]["birch"]
    assert birch["value"] is not None and birch["level"] in {"low", "moderate", "high", "very_high"}


def test_outside_europe_there_is_no_pollen_data(api, fake_open_meteo):
    body = api.get(URL, NEW_YORK).json()
    assert body["pollen_available"] is False
    assert body["pollen"] is None
    assert all(h["pollen"] is None for h in body["hourly"])
    assert body["us_aqi"] is not None


def test_missing_values_are_null_never_zero(api, fake_open_meteo):
    fake_open_meteo.set_weather(
        PARIS_ID, air_quality={"european_aqi": None, "us_aqi": -1, "pm2_5": 99999}
    )
    body = api.get(URL, PARIS).json()
    assert body["european_aqi"] is None and body["us_aqi"] is None and body["pm2_5"] is None
    assert body["bands"] == {"european_aqi": None, "us_aqi": None}
    assert all(h["european_aqi_band"] is None and h["pm2_5"] is None for h in body["hourly"])


def test_a_place_id_reads_its_point(api, fake_open_meteo):
    by_id = api.get(URL, {"location": PARIS_ID})
    assert by_id.status_code == 200, by_id.content
    assert by_id.json()["timezone"] == "Europe/Paris"


def test_an_unknown_place_id_is_a_404(api, fake_open_meteo):
    response = api.get(URL, {"location": 999_999_999})
    assert response.status_code == 404
    assert "999999999" in response.json()["error"]["message"]


def test_a_second_read_is_served_from_the_cache(api, fake_open_meteo):
    first = api.get(URL, PARIS)
    nearby = api.get(URL, {"latitude": 48.87, "longitude": 2.36})  # the same 0.1° cell
    assert first.json() == nearby.json()
    assert fake_open_meteo.calls["air_quality"] == 1
    api.get(URL, NEW_YORK)
    assert fake_open_meteo.calls["air_quality"] == 2


def test_the_answer_is_cookie_free_and_cacheable_for_an_hour(api, fake_open_meteo):
    response = api.get(URL, PARIS)
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    vary = {v.strip().lower() for v in response.headers.get("Vary", "").split(",")}
    assert not vary & {"cookie", "accept", "authorization"}
    max_age = int(response.headers["Cache-Control"].removeprefix("max-age="))
    assert 3500 < max_age <= 3600
    again = api.get(URL, PARIS, HTTP_IF_NONE_MATCH=response.headers["ETag"])
    assert again.status_code == 304


def test_a_stale_copy_is_served_uncacheable_when_upstream_fails(api, fake_open_meteo, settings):
    assert api.get(URL, PARIS).status_code == 200
    settings.AIR_QUALITY_CACHE_TTL_S = 0  # the kept copy is no longer fresh
    settings.OPEN_METEO_MAX_RETRIES = 0
    fake_open_meteo.fail(status=503, endpoint="air_quality")
    response = api.get(URL, PARIS)
    assert response.status_code == 200
    assert response.json()["stale"] is True
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("fault", "status", "code"),
    [
        ({"status": 503}, 502, "upstream_error"),
        ({"status": 429}, 503, "upstream_unavailable"),
        ({"mode": "garbage"}, 502, "upstream_error"),
        ({"status": 400}, 502, "upstream_error"),
        ({"mode": "slow", "delay": 5}, 504, "upstream_timeout"),
    ],
    ids=["503", "429", "garbage", "rejected", "timeout"],
)
def test_upstream_faults_are_clear_errors(api, fake_open_meteo, settings, fault, status, code):
    settings.OPEN_METEO_MAX_RETRIES = 0
    fake_open_meteo.fail(endpoint="air_quality", **fault)
    response = api.get(URL, PARIS)
    assert response.status_code == status, response.content
    assert response.json()["error"]["code"] == code


def test_a_spent_budget_is_a_503_with_retry_after(api, fake_open_meteo, settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 1  # an air-quality call weighs 2
    response = api.get(URL, PARIS)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "upstream_budget_exhausted"
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert fake_open_meteo.calls.get("air_quality", 0) == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "latitude"),
        ({"latitude": 48.85}, "longitude"),
        ({"longitude": 2.35}, "latitude"),
        ({"latitude": 91, "longitude": 2.35}, "latitude"),
        ({"latitude": -90.5, "longitude": 2.35}, "latitude"),
        ({"latitude": 48.85, "longitude": 180.01}, "longitude"),
        ({"latitude": "north", "longitude": 2.35}, "latitude"),
        ({"latitude": "NaN", "longitude": 2.35}, "latitude"),
        ({"latitude": 48.85, "longitude": "Infinity"}, "longitude"),
        ({"location": 0}, "location"),
        ({"location": "Paris"}, "location"),
        ({"location": PARIS_ID, "latitude": 48.85, "longitude": 2.35}, "location"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, fake_open_meteo, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert field in error["fields"], error
    assert fake_open_meteo.calls.get("air_quality", 0) == 0


def test_the_cache_key_rounds_to_a_tenth_of_a_degree():
    assert air_quality_key(48.85, 2.349) == air_quality_key(48.86, 2.31) == "air_quality:48.9:2.3"
    assert air_quality_key(-0.01, -0.04) == "air_quality:0.0:0.0"
