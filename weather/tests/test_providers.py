"""The real Open-Meteo client code against the fake server: parsing, units, retries, faults."""

import datetime as dt
import time

import pytest

from weather.providers import (
    ProviderBadResponse,
    ProviderError,
    ProviderRateLimited,
    ProviderServerError,
    ProviderTimeout,
    ProviderUnavailable,
    open_meteo,
)
from weather.providers.wmo import describe


def test_search_places_parses_results(fake_open_meteo):
    places = open_meteo.search_places("Berlin")
    assert len(places) == 1
    berlin = places[0]
    assert berlin.id == 2950159
    assert berlin.country_code == "DE"
    assert berlin.timezone == "Europe/Berlin"
    assert berlin.population == 3426354


def test_search_places_without_results_key_is_empty(fake_open_meteo):
    assert open_meteo.search_places("Atlantis") == []


def test_forecast_has_48_hours_and_7_days_in_local_time(fake_open_meteo):
    forecast = open_meteo.get_forecast(48.85341, 2.3488)
    assert forecast.timezone == "Europe/Paris"
    assert len(forecast.hourly) == 48
    assert len(forecast.daily) == 7
    assert forecast.current.time.utcoffset() == dt.timedelta(hours=1)
    assert forecast.hourly[0].time <= forecast.current.time < forecast.hourly[1].time
    assert forecast.daily[0].sunrise.tzinfo is not None
    # The fake leaves the last probability null, as the real API does past a model's horizon.
    assert forecast.hourly[-1].precipitation_probability_pct is None


def test_parse_forecast_converts_units_it_did_not_ask_for():
    forecast = open_meteo.parse_forecast(
        {
            "latitude": -12.5,
            "longitude": 130.8,
            "timezone": "Australia/Darwin",
            "utc_offset_seconds": 34200,
            "current_units": {
                "time": "iso8601",
                "temperature_2m": "°F",
                "wind_speed_10m": "mp/h",
                "precipitation": "inch",
                "is_day": "",
            },
            "current": {
                "time": "2023-10-25T21:30",
                "temperature_2m": 86.0,
                "wind_speed_10m": 10.0,
                "precipitation": 0.1,
                "is_day": 0,
            },
        }
    )
    current = forecast.current
    assert current.temperature_c == pytest.approx(30.0)
    assert current.wind_speed_kmh == pytest.approx(16.09, abs=0.01)
    assert current.precipitation_mm == pytest.approx(2.54)
    assert current.is_day is False
    assert current.time.utcoffset() == dt.timedelta(seconds=34200)  # half-hour zone
    assert forecast.upstream_units["temperature_2m"] == "°F"


def test_parse_forecast_tolerates_nulls_missing_and_extra_keys():
    forecast = open_meteo.parse_forecast(
        {
            "latitude": 52.52,
            "longitude": 13.42,
            "timezone": "GMT",
            "utc_offset_seconds": 0,
            "something_new": {"x": 1},
            "current": {"time": "2026-01-01T10:00", "temperature_2m": None, "weather_code": 3},
            "hourly": {
                "time": ["2026-01-01T10:00", "2026-01-01T11:00"],
                "temperature_2m": [1.5],
            },  # shorter column than time
            "daily": {"time": ["2026-01-01", "not-a-date"], "sunrise": [None, None]},
        }
    )
    assert forecast.current.temperature_c is None
    assert forecast.current.weather_code == 3
    assert forecast.current.relative_humidity_pct is None
    assert [h.temperature_c for h in forecast.hourly] == [1.5, None]
    assert len(forecast.daily) == 1
    assert forecast.daily[0].sunrise is None
    assert (
        forecast.current.time.tzinfo == dt.UTC
        or forecast.current.time.utcoffset() == dt.timedelta(0)
    )


@pytest.mark.parametrize(
    ("status", "error"),
    [(500, ProviderServerError), (503, ProviderServerError), (429, ProviderRateLimited)],
)
def test_transient_statuses_are_retried_then_raised(fake_open_meteo, status, error):
    fake_open_meteo.fail(status=status, endpoint="forecast")
    with pytest.raises(error) as excinfo:
        open_meteo.get_forecast(48.85, 2.35)
    assert isinstance(excinfo.value, ProviderUnavailable)
    assert fake_open_meteo.calls["forecast"] == 3  # one try and two retries


def test_a_transient_failure_then_success_recovers(fake_open_meteo):
    fake_open_meteo.fail(status=503, endpoint="forecast", count=1)
    forecast = open_meteo.get_forecast(48.85, 2.35)
    assert len(forecast.hourly) == 48
    assert fake_open_meteo.calls["forecast"] == 2


def test_retry_after_is_honoured(fake_open_meteo):
    fake_open_meteo.fail(status=429, endpoint="forecast", count=1, retry_after=0.5)
    started = time.monotonic()
    open_meteo.get_forecast(48.85, 2.35)
    assert time.monotonic() - started >= 0.5


def test_a_long_retry_after_is_not_waited_for(fake_open_meteo, settings):
    fake_open_meteo.fail(status=429, endpoint="forecast", retry_after=3600)
    started = time.monotonic()
    with pytest.raises(ProviderRateLimited):
        open_meteo.get_forecast(48.85, 2.35)
    assert time.monotonic() - started < 1
    assert fake_open_meteo.calls["forecast"] == 1


def test_a_400_is_permanent_and_not_retried(fake_open_meteo):
    fake_open_meteo.fail(status=400, endpoint="forecast")
    with pytest.raises(ProviderError) as excinfo:
        open_meteo.get_forecast(48.85, 2.35)
    assert not isinstance(excinfo.value, ProviderUnavailable)
    assert fake_open_meteo.calls["forecast"] == 1


def test_out_of_range_coordinates_are_rejected_upstream(fake_open_meteo):
    with pytest.raises(ProviderError, match="Latitude must be in range"):
        open_meteo.get_forecast(95.0, 2.35)


def test_garbage_body_is_a_bad_response(fake_open_meteo):
    fake_open_meteo.fail(mode="garbage", endpoint="geocoding")
    with pytest.raises(ProviderBadResponse):
        open_meteo.search_places("Paris")


def test_slow_upstream_times_out_without_retrying(fake_open_meteo, settings):
    settings.OPEN_METEO_READ_TIMEOUT_S = 0.3
    fake_open_meteo.fail(mode="slow", delay=2, endpoint="forecast")
    started = time.monotonic()
    with pytest.raises(ProviderTimeout):
        open_meteo.get_forecast(48.85, 2.35)
    assert time.monotonic() - started < 1.0


def test_unreachable_upstream_is_unavailable(settings):
    settings.OPEN_METEO_FORECAST_URL = "http://127.0.0.1:9/v1"  # nothing listens on port 9
    with pytest.raises(ProviderUnavailable):
        open_meteo.get_forecast(48.85, 2.35)


@pytest.mark.parametrize(
    ("code", "lang", "text"),
    [
        (0, "en", "Clear sky"),
        (0, "fr", "Ciel dégagé"),
        (95, "fr", "Orage"),
        (42, "en", "Unknown"),
        (None, "fr", "Inconnu"),
        (3, "xx", "Overcast"),
    ],
)
def test_wmo_codes_are_described(code, lang, text):
    assert describe(code, lang) == text


# Every code Open-Meteo's forecast documentation lists for `weather_code`.
OPEN_METEO_WMO_CODES = (
    *(0, 1, 2, 3, 45, 48, 51, 53, 55, 56, 57, 61, 63, 65, 66, 67),
    *(71, 73, 75, 77, 80, 81, 82, 85, 86, 95, 96, 99),
)


@pytest.mark.parametrize("code", OPEN_METEO_WMO_CODES)
def test_every_documented_wmo_code_has_an_english_and_a_french_description(code):
    english, french = describe(code, "en"), describe(code, "fr")
    assert english not in ("", describe(None, "en"))
    assert french not in ("", describe(None, "fr"), english)


def test_a_clear_sky_at_night_is_not_sunny():
    assert describe(0, "en", is_day=False) == "Clear night"
    assert describe(0, "fr", is_day=False) == "Nuit claire"
    assert describe(3, "en", is_day=False) == "Overcast"
