"""UV, rain in the next two hours, yesterday and units per quantity on the weather body, through
the real Open-Meteo client against the fake upstream; every answer is checked against the
OpenAPI schema by the `api` client."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from weather.models import WeatherSearch

pytestmark = pytest.mark.django_db

PARIS, SYDNEY = 2988507, 2147714


def weather(api, **params) -> dict:
    response = api.get("/api/v1/weather/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_uv_now_by_hour_and_by_day_with_its_band(api, fake_open_meteo):
    fake_open_meteo.set_weather(PARIS, uv_index=8.6, uv_index_max=11.2)
    body = weather(api, city="Paris")
    assert body["current"]["uv_index"] == 8.6 and body["current"]["uv_band"] == "very_high"
    assert all(hour["uv_index"] == 8.6 for hour in body["hourly"])
    assert body["daily"][0]["uv_index_max"] == 11.2 and body["daily"][0]["uv_band"] == "extreme"


def test_rain_starting_in_the_next_two_hours_in_central_europe(api, fake_open_meteo):
    fake_open_meteo.set_weather(PARIS, minutely_precipitation=[0, 0, 0.3, 1.0, 2.5, 0, 0, 0])
    nowcast = weather(api, city="Paris")["nowcast"]
    assert nowcast["source"] == "minutely_15"
    assert [step["precipitation"] for step in nowcast["steps"]] == [0, 0, 0.3, 1.0, 2.5, 0, 0, 0]
    times = [dt.datetime.fromisoformat(step["time"]) for step in nowcast["steps"]]
    assert all(b - a == dt.timedelta(minutes=15) for a, b in itertools.pairwise(times))
    assert nowcast["summary"] == {
        "kind": "starting",
        "at": nowcast["steps"][2]["time"],
        "intensity": "heavy",  # 2.5 mm in 15 minutes: 10 mm/h
    }


def test_elsewhere_the_steps_are_said_to_be_interpolated(api, fake_open_meteo):
    fake_open_meteo.set_weather(SYDNEY, minutely_precipitation=[0.2] * 8)
    nowcast = weather(api, city="Sydney", precipitation_unit="inch")["nowcast"]
    assert nowcast["source"] == "interpolated"
    assert nowcast["summary"] == {"kind": "ongoing", "at": None, "intensity": "light"}
    assert {step["precipitation"] for step in nowcast["steps"]} == {0.01}  # 0.2 mm in inches


def test_yesterday_at_this_hour_in_the_units_asked_for(api, fake_open_meteo):
    fake_open_meteo.set_weather(PARIS, temperature=10, trend_per_day=12)  # warmer each day
    metric = weather(api, city="Paris")
    yesterday = metric["yesterday"]
    assert yesterday["difference"] == pytest.approx(
        metric["current"]["temperature"] - yesterday["temperature"], abs=0.02
    )
    # About 12 warmer, give or take the day's swing between the quarter hour and the hour
    # (2 °C at some hours): far from 0 at any time of day.
    assert yesterday["difference"] > 6
    fahrenheit = weather(api, city="Paris", temperature_unit="fahrenheit")["yesterday"]
    assert fahrenheit["temperature"] == pytest.approx(
        yesterday["temperature"] * 9 / 5 + 32, abs=0.1
    )
    assert fahrenheit["difference"] == pytest.approx(yesterday["difference"] * 9 / 5, abs=0.1)


def test_the_hourly_and_daily_rows_still_start_now(api, fake_open_meteo):
    body = weather(api, city="Paris")
    now = dt.datetime.fromisoformat(body["current"]["time"])
    first = dt.datetime.fromisoformat(body["hourly"][0]["time"])
    assert first == now.replace(minute=0) and len(body["hourly"]) == 48
    assert body["daily"][0]["date"] == now.date().isoformat() and len(body["daily"]) == 7


def test_each_quantity_in_its_own_unit(api, fake_open_meteo):
    fake_open_meteo.set_weather(PARIS, wind_speed=40, precipitation=2.54)
    metric = weather(api, city="Paris")
    chosen = weather(api, city="Paris", units="metric", wind_unit="bft", precipitation_unit="inch")
    assert chosen["unit_system"] == "custom"
    assert chosen["unit_choice"] == {
        "temperature_unit": "celsius",
        "wind_unit": "bft",
        "precipitation_unit": "inch",
    }
    assert chosen["units"]["wind_speed"] == "Bft" and chosen["units"]["precipitation"] == "in"
    assert chosen["units"]["temperature"] == "°C"
    assert chosen["current"]["temperature"] == metric["current"]["temperature"]
    assert chosen["current"]["wind_speed"] == 6  # 40 km/h: force 6
    assert chosen["current"]["precipitation"] == 0.1
    assert all(isinstance(hour["wind_speed"], int) for hour in chosen["hourly"])
    knots = weather(api, city="Paris", wind_unit="kn")
    assert knots["current"]["wind_speed"] == 21.6 and knots["units"]["wind_speed"] == "kn"
    # The shorthand still works, and each quantity overrides it.
    imperial = weather(api, city="Paris", units="imperial", wind_unit="ms")
    assert imperial["units"]["temperature"] == "°F" and imperial["units"]["wind_speed"] == "m/s"
    assert imperial["current"]["wind_speed"] == 11.1
    assert fake_open_meteo.calls["forecast"] == 1  # one metric cache entry for every unit


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"temperature_unit": "kelvin"}, "temperature_unit"),
        ({"wind_unit": "beaufort"}, "wind_unit"),
        ({"precipitation_unit": "cm"}, "precipitation_unit"),
        ({"units": "si"}, "units"),
    ],
)
def test_a_unit_we_do_not_know_is_a_400_naming_it(api, fake_open_meteo, params, field):
    response = api.get("/api/v1/weather/", {"city": "Paris", **params})
    assert response.status_code == 400
    error = response.json()["error"]
    assert field in error["fields"] and "valid choice" in error["fields"][field][0]
    if field == "wind_unit":
        assert error["fields"][field] == [
            '"beaufort" is not a valid choice: one of kmh, ms, mph, kn, bft.'
        ]


def test_searches_take_the_units_too(api, fake_open_meteo):
    created = api.post(
        "/api/v1/searches/",
        {"city": "Paris", "temperature_unit": "fahrenheit", "wind_unit": "kn"},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["units"]["temperature"] == "°F" and body["units"]["wind_speed"] == "kn"
    assert body["nowcast"]["source"] == "minutely_15" and "yesterday" in body
    search = WeatherSearch.objects.get()
    assert search.unit_system == "imperial"  # the nearest shorthand is remembered
    detail = api.get(f"/api/v1/searches/{body['id']}/", {"wind_unit": "bft"}).json()
    assert detail["units"]["wind_speed"] == "Bft" and detail["units"]["temperature"] == "°F"
    assert detail["nowcast"] == {**body["nowcast"]}  # stored with the search
    listed = api.get("/api/v1/searches/", {"precipitation_unit": "inch"}).json()
    assert listed["results"][0]["units"]["precipitation"] == "in"
    stats = api.get("/api/v1/stats/", {"temperature_unit": "fahrenheit"})
    assert stats.status_code == 200 and stats.json()["units"]["temperature"] == "°F"


def test_a_search_stored_before_the_nowcast_still_renders(api, fake_open_meteo):
    created = api.post("/api/v1/searches/", {"city": "Paris"}, format="json").json()
    search = WeatherSearch.objects.get()
    old = {key: search.forecast[key] for key in ("hourly", "daily")}
    for row in old["hourly"]:
        row.pop("uv_index")
    WeatherSearch.objects.filter(pk=search.pk).update(forecast=old)
    body = api.get(f"/api/v1/searches/{created['id']}/", {"lang": "fr"}).json()
    assert body["yesterday"] is None and body["current"]["uv_index"] is None
    assert body["hourly"][0]["uv_index"] is None
    # Made from the stored hourly rows, and said to be.
    assert body["nowcast"]["source"] == "interpolated" and len(body["nowcast"]["steps"]) == 8
