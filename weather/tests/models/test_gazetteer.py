"""The local gazetteer: names, ids and points answered from PostgreSQL, upstream geocoding only
for names it lacks (and then once), upstream as before while it is not loaded."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core.cache import cache
from django.core.management import call_command

from weather.infra import process_state
from weather.models import GazetteerLoad, GazetteerName, GazetteerPlace, gazetteer_load
from weather.testing import fake_open_meteo as fake
from weather.testing.fake_open_meteo import add_generated_places

pytestmark = pytest.mark.django_db

LYON, LONDON, GENEVA, MUNICH, SAO_PAULO, ZURICH = (
    2996944,
    2643743,
    2660646,
    2867714,
    3448439,
    2657896,
)
PARIS_FR, PARIS_TX = 2988507, 4717560
# A subset that holds every place these tests name; decoded once per session (lru_cache).
SUBSET = {"countries": ["FR", "GB", "CH", "DE", "BR", "US"], "min_population": 20_000}


@pytest.fixture(scope="module")
def _loaded_subset(django_db_setup, django_db_blocker):
    """The subset, loaded once for this module (committed: a load takes seconds), removed
    after it, so that the rest of the suite runs without a gazetteer, as before."""
    with django_db_blocker.unblock():
        result = gazetteer_load.load(**SUBSET)
    yield result
    with django_db_blocker.unblock():
        for model in (GazetteerLoad, GazetteerName, GazetteerPlace):
            model.objects.all().delete()


@pytest.fixture
def gazetteer(_loaded_subset, db):
    """The loaded subset; what a test changes is rolled back after it."""
    return _loaded_subset


def names(response) -> list[tuple[int, str, str, str]]:
    return [(r["id"], r["name"], r["admin1"], r["country"]) for r in response.json()["results"]]


def test_autocomplete_answers_from_the_gazetteer_without_upstream(api, fake_open_meteo, gazetteer):
    response = api.get("/api/v1/locations/", {"q": "Lyon"})
    assert response.status_code == 200
    assert names(response)[0] == (LYON, "Lyon", "Auvergne-Rhône-Alpes", "France")
    assert fake_open_meteo.calls["geocoding"] == 0


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("sao paulo", SAO_PAULO),
        ("SÃO PAULO", SAO_PAULO),
        ("Zurich", ZURICH),
        ("zürich", ZURICH),
        ("Londres", LONDON),
        ("Genève", GENEVA),
        ("Genf", GENEVA),
        ("Munich", MUNICH),
        ("münchen", MUNICH),
    ],
)
def test_accents_case_and_french_names_find_the_place(api, fake_open_meteo, gazetteer, q, expected):
    response = api.get("/api/v1/locations/", {"q": q, "lang": "fr"})
    assert names(response)[0][0] == expected
    assert fake_open_meteo.calls["geocoding"] == 0


def test_homonyms_read_with_their_region_and_country_in_the_language(
    api, fake_open_meteo, gazetteer
):
    english = names(api.get("/api/v1/locations/", {"q": "Paris"}))
    assert english[0] == (PARIS_FR, "Paris", "Île-de-France", "France")
    assert (PARIS_TX, "Paris", "Texas", "United States") in english
    french = names(api.get("/api/v1/locations/", {"q": "paris", "lang": "fr"}))
    assert (PARIS_TX, "Paris", "Texas", "États-Unis") in french
    assert fake_open_meteo.calls["geocoding"] == 0


def test_exact_names_come_before_bigger_places_with_that_prefix(api, fake_open_meteo, gazetteer):
    results = names(api.get("/api/v1/locations/", {"q": "York"}))
    assert results[0][1:] == ("York", "England", "United Kingdom")
    assert "New York City" in [r[1] for r in results[1:]]  # 50 times bigger: second


def test_a_qualifier_picks_the_homonym_locally(api, fake_open_meteo, gazetteer):
    response = api.get("/api/v1/weather/", {"city": "Paris, Tex"})
    assert response.json()["location"]["id"] == PARIS_TX
    assert fake_open_meteo.calls["geocoding"] == 0


def test_a_name_holding_a_comma_is_found_whole(api, fake_open_meteo, gazetteer):
    name = "Rüti / Dorfzentrum, Südl. Teil"
    GazetteerPlace.objects.create(
        geonames_id=9_999_002, name=name, name_folded="ruti dorfzentrum sudl teil", latitude=47.3,
        longitude=8.9, country_code="CH", admin1="Zürich", timezone="Europe/Zurich",
    )  # fmt: skip
    GazetteerName.objects.create(place_id=9_999_002, name_folded="ruti dorfzentrum sudl teil")
    assert names(api.get("/api/v1/locations/", {"q": name}))[0][0] == 9_999_002
    assert fake_open_meteo.calls["geocoding"] == 0


def test_a_cold_city_in_the_set_costs_one_upstream_call(api, fake_open_meteo, gazetteer):
    response = api.get("/api/v1/weather/", {"city": "Lyon"})
    assert response.status_code == 200
    assert response.json()["location"]["id"] == LYON
    search = api.post("/api/v1/searches/", {"city": "Nantes", "lang": "fr"}, format="json")
    assert search.status_code == 201
    assert search.json()["location"]["name"] == "Nantes"
    assert search.json()["location"]["country"] == "France"
    assert fake_open_meteo.calls == {"geocoding": 0, "forecast": 2, "forecast_locations": 2}


def test_a_place_id_from_the_gazetteer_needs_no_geocoding(api, fake_open_meteo, gazetteer):
    response = api.get("/api/v1/weather/", {"location_id": GENEVA, "lang": "fr"})
    assert response.json()["location"]["name"] == "Geneva"
    assert response.json()["location"]["country"] == "Suisse"
    assert fake_open_meteo.calls["geocoding"] == 0


def test_a_name_the_set_lacks_asks_upstream_once_then_is_local(api, fake_open_meteo, gazetteer):
    (village,) = add_generated_places(3)[2:]
    first = api.get("/api/v1/locations/", {"q": village.name})
    assert names(first)[0][0] == village.id
    assert fake_open_meteo.calls["geocoding"] == 1
    cache.clear()  # not Redis's copy of the answer: the stored place answers
    again = api.get("/api/v1/weather/", {"city": village.name})
    assert again.json()["location"]["id"] == village.id
    assert fake_open_meteo.calls["geocoding"] == 1
    assert GazetteerPlace.objects.get(pk=village.id).source == "upstream"


def test_nearest_place_to_a_point(api, fake_open_meteo, gazetteer):
    response = api.get("/api/v1/locations/nearest/", {"latitude": 46.21, "longitude": 6.15})
    assert response.status_code == 200
    body = response.json()
    assert body["place"]["id"] == GENEVA
    assert body["place"]["country"] == "Switzerland"
    assert 0 < body["distance_km"] < 2
    # Across the Channel from a point at sea, and the North Pole: always somewhere.
    sea = api.get("/api/v1/locations/nearest/", {"latitude": 50.9, "longitude": 1.0, "lang": "fr"})
    assert sea.json()["place"]["country"] in ("France", "Royaume-Uni")
    pole = api.get("/api/v1/locations/nearest/", {"latitude": 90, "longitude": 0})
    assert pole.status_code == 200 and pole.json()["distance_km"] > 1000
    assert fake_open_meteo.calls["geocoding"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"latitude": 91, "longitude": 0},
        {"latitude": 0, "longitude": -180.5},
        {"latitude": "nan", "longitude": 0},
        {"latitude": 10},
        {"latitude": "north", "longitude": 0},
    ],
)
def test_a_point_off_the_globe_is_400(api, gazetteer, params):
    response = api.get("/api/v1/locations/nearest/", params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize("q", ["L", "L" * 500, "Ly\x00on", "Lyon\x07", "Ly\non"])
def test_bad_autocomplete_input_stays_a_clear_400(api, fake_open_meteo, gazetteer, q):
    response = api.get("/api/v1/locations/", {"q": q})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["q"]
    assert fake_open_meteo.calls["geocoding"] == 0


def test_not_loaded_falls_back_to_upstream_and_says_so(api, fake_open_meteo, gazetteer, caplog):
    for model in (GazetteerLoad, GazetteerName, GazetteerPlace):
        model.objects.all().delete()  # in this test's transaction only
    with caplog.at_level(logging.WARNING, logger="weather.models.gazetteer"):
        response = api.get("/api/v1/locations/", {"q": "Paris"})
        weather = api.get("/api/v1/weather/", {"city": "Berlin"})
    assert names(response)[0][0] == PARIS_FR
    assert weather.status_code == 200
    assert fake_open_meteo.calls["geocoding"] == 2
    assert "gazetteer is NOT loaded" in caplog.text
    nearest = api.get("/api/v1/locations/nearest/", {"latitude": 48.85, "longitude": 2.35})
    assert nearest.status_code == 503
    assert nearest.json()["error"]["code"] == "service_unavailable"
    assert not GazetteerPlace.objects.exists()  # upstream answers are not kept then


def test_a_second_load_finds_the_marker_and_returns_at_once(gazetteer):
    assert gazetteer.loaded and gazetteer.places > 1000
    again = gazetteer_load.load(**SUBSET)
    assert not again.loaded
    assert again.seconds < 1
    assert GazetteerPlace.objects.count() == gazetteer.places
    assert GazetteerName.objects.count() == gazetteer.names


def test_a_reload_replaces_its_rows_and_keeps_places_upstream_found(gazetteer):
    GazetteerPlace.objects.create(
        geonames_id=9_999_001,
        name="Hameau",
        name_folded="hameau",
        latitude=1,
        longitude=1,
        source="upstream",
    )
    GazetteerName.objects.create(place_id=9_999_001, name_folded="hameau")
    GazetteerPlace.objects.filter(pk=LYON).update(name="Lugdunum")
    result = gazetteer_load.load(**SUBSET, force=True)
    assert result.loaded
    assert GazetteerPlace.objects.get(pk=LYON).name == "Lyon"
    assert GazetteerPlace.objects.filter(pk=9_999_001).exists()
    assert GazetteerPlace.objects.count() == gazetteer.places + 1
    assert GazetteerLoad.objects.count() == 1


def test_the_command_loads_a_subset_then_finds_it_up_to_date(gazetteer, capsys):
    call_command("load_gazetteer", countries="CH", min_population=10_000)
    assert "Gazetteer loaded" in capsys.readouterr().out
    assert GazetteerPlace.objects.filter(country_code="CH").count() > 50
    assert not GazetteerPlace.objects.exclude(country_code="CH").exists()
    assert GazetteerPlace.objects.get(pk=ZURICH).admin1 == "Zürich"
    process_state.reset()
    call_command("load_gazetteer", countries="CH", min_population=10_000)
    assert "up to date" in capsys.readouterr().out


def test_the_fake_upstream_makes_weather_anywhere_the_same_each_time():
    # Offline, every place of the gazetteer gets weather: the fake knows ten cities only.
    params = {
        "latitude": "45.76",
        "longitude": "4.83",  # Lyon: no city of the fake within half a degree
        "current": "temperature_2m,weather_code",
        "daily": "temperature_2m_max,temperature_2m_min",
        "timezone": "auto",
        "forecast_days": "7",
    }
    now = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
    status, body = fake.forecast(params, {}, now)
    assert status == 200
    assert fake.forecast(params, {}, now) == (status, body)
    assert body["timezone"] == "UTC"  # the zone of the meridian (Lyon's is 0)
    assert -10 < body["current"]["temperature_2m"] < 15  # December
    polar = fake.forecast({**params, "latitude": "-78.5", "longitude": "106.9"}, {}, now)[1]
    assert polar["utc_offset_seconds"] == 7 * 3600
    tropical = fake.forecast({**params, "latitude": "1.29", "longitude": "103.85"}, {}, now)[1]
    assert polar["current"]["temperature_2m"] < 5 < 20 < tropical["current"]["temperature_2m"]
