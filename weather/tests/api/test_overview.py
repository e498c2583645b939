"""The favourites overview: one card per place, fresh cached forecasts reused, all the others
in ONE multi-location upstream call; bad ids refused."""

from __future__ import annotations

import pytest

from weather.models import GazetteerLoad, GazetteerName, GazetteerPlace
from weather.models.gazetteer import fold
from weather.providers import budget
from weather.testing.fake_open_meteo import CITIES
from weather.tests.api.test_cold_path import redis_round_trips  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

PARIS, BERLIN, LONDON, TOKYO, SYDNEY = 2988507, 2950159, 2643743, 1850147, 2147714
FIVE = [PARIS, BERLIN, LONDON, TOKYO, SYDNEY]


@pytest.fixture
def gazetteer():
    """The five places in a loaded local gazetteer: finding them costs no upstream call."""
    for city in CITIES:
        if city.id in FIVE:
            GazetteerPlace.objects.create(
                geonames_id=city.id,
                name=city.name,
                name_folded=fold(city.name),
                country_code=city.country_code,
                latitude=city.latitude,
                longitude=city.longitude,
                population=city.population or 1000,
                timezone=city.timezone,
            )
            GazetteerName.objects.create(place_id=city.id, name_folded=fold(city.name))
    GazetteerLoad.objects.create(signature="test", places=len(FIVE))


def overview(api, ids, **params):
    return api.get("/api/v1/weather/overview/", {"ids": ",".join(map(str, ids)), **params})


def test_five_places_cost_exactly_one_upstream_call(api, fake_open_meteo, gazetteer):
    response = overview(api, FIVE)
    assert response.status_code == 200, response.content
    assert fake_open_meteo.calls == {"geocoding": 0, "forecast": 1, "forecast_locations": 5}
    cards = response.json()["results"]
    assert [card["id"] for card in cards] == FIVE
    assert [card["name"] for card in cards] == ["Paris", "Berlin", "London", "Tokyo", "Sydney"]
    for card in cards:
        assert card["today_min"] <= card["today_max"]
        assert isinstance(card["temperature"], float) and card["stale"] is False
    assert "no-store" not in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert "Set-Cookie" not in response and "Cookie" not in response.get("Vary", "")
    # Now all five are cached: no more upstream calls, and the weather pages share them.
    assert overview(api, FIVE).status_code == 200
    assert api.get("/api/v1/weather/", {"city": "Tokyo"}).status_code == 200
    assert fake_open_meteo.calls["forecast"] == 1


def test_only_the_places_not_in_cache_are_fetched(api, fake_open_meteo):
    for city in ("Paris", "Berlin"):
        assert api.get("/api/v1/weather/", {"city": city}).status_code == 200
    assert fake_open_meteo.calls["forecast"] == 2
    assert overview(api, FIVE).status_code == 200
    assert fake_open_meteo.calls["forecast"] == 3
    assert fake_open_meteo.calls["forecast_locations"] == 2 + 3
    # Each weather read weighs 3 calls; the batch of three 3 x 2.5, rounded up (and the
    # places' lookups by id, without a gazetteer here, one call each).
    geocoding = fake_open_meteo.calls["geocoding"]
    assert budget.usage()["minute"]["used"] == 2 * 3 + 8 + geocoding


def test_a_card_shows_the_alert_and_the_next_rain(api, fake_open_meteo):
    fake_open_meteo.set_weather(PARIS, temperature=-6)  # frost today
    fake_open_meteo.set_weather(BERLIN, minutely_precipitation=[0, 0, 0, 0.5])
    fake_open_meteo.set_weather(SYDNEY, temperature=20, precipitation_probability=10)
    cards = {card["id"]: card for card in overview(api, [PARIS, BERLIN, SYDNEY]).json()["results"]}
    assert cards[PARIS]["alert"] is True
    assert cards[SYDNEY]["alert"] is False
    berlin = api.get("/api/v1/weather/", {"city": "Berlin"}).json()
    assert cards[BERLIN]["next_rain"] == berlin["nowcast"]["summary"]["at"]
    assert cards[SYDNEY]["next_rain"] is None  # dry for 48 hours


def test_cards_in_the_units_and_language_asked_for(api, fake_open_meteo):
    metric = overview(api, [PARIS]).json()
    chosen = overview(api, [PARIS], temperature_unit="fahrenheit", lang="fr").json()
    assert chosen["units"]["temperature"] == "°F" and chosen["unit_system"] == "custom"
    assert chosen["lang"] == "fr"
    card, base = chosen["results"][0], metric["results"][0]
    assert card["temperature"] == pytest.approx(base["temperature"] * 9 / 5 + 32, abs=0.1)
    assert card["today_max"] == pytest.approx(base["today_max"] * 9 / 5 + 32, abs=0.1)
    assert card["description"] != base["description"]  # in French


def test_duplicates_are_shown_once(api, fake_open_meteo):
    cards = overview(api, [PARIS, PARIS, BERLIN]).json()["results"]
    assert [card["id"] for card in cards] == [PARIS, BERLIN]


def test_upstream_down_serves_what_is_kept_else_fails(api, fake_open_meteo, settings):
    settings.OPEN_METEO_MAX_RETRIES = 0
    assert overview(api, [PARIS]).status_code == 200
    settings.FORECAST_CACHE_TTL_S = 0  # every kept forecast is now stale
    fake_open_meteo.fail(status=503, endpoint="forecast")
    stale = overview(api, [PARIS])
    assert stale.status_code == 200 and stale.json()["results"][0]["stale"] is True
    assert stale["Cache-Control"] == "no-store"
    failed = overview(api, [PARIS, BERLIN])  # Berlin has nothing kept
    assert failed.status_code == 502 and failed.json()["error"]["code"] == "upstream_error"


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ("", "blank"),
        ("paris", "GeoNames ids"),
        ("1,,2", "GeoNames ids"),
        ("-3", "GeoNames ids"),
        (",".join(str(i) for i in range(1, 22)), "At most 20"),
    ],
)
def test_bad_ids_are_a_400_saying_why(api, fake_open_meteo, ids, message):
    response = api.get("/api/v1/weather/overview/", {"ids": ids})
    assert response.status_code == 400
    assert message in response.json()["error"]["fields"]["ids"][0]
    assert fake_open_meteo.calls["forecast"] == 0


def test_an_unknown_id_is_a_400_naming_it(api, fake_open_meteo):
    response = overview(api, [PARIS, 999_999_999])
    assert response.status_code == 400
    assert "999999999" in response.json()["error"]["fields"]["ids"][0]
    assert fake_open_meteo.calls["forecast"] == 0


def test_missing_ids_and_bad_units(api, fake_open_meteo):
    assert "ids" in api.get("/api/v1/weather/overview/").json()["error"]["fields"]
    response = overview(api, [PARIS], wind_unit="furlongs")
    assert response.status_code == 400 and "wind_unit" in response.json()["error"]["fields"]


def test_a_warm_overview_takes_three_redis_round_trips(
    api,
    fake_open_meteo,
    redis_round_trips,  # noqa: F811
):
    assert overview(api, FIVE).status_code == 200
    redis_round_trips.clear()
    assert overview(api, FIVE).status_code == 200
    # The throttle's counter, the five places, the five forecasts: one round trip each.
    assert len(redis_round_trips) == 3, redis_round_trips
    assert fake_open_meteo.calls["forecast"] == 1
