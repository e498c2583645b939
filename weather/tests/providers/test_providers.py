"""The real Open-Meteo client code against answers of the real APIs' shape, replayed by
`responses` at the HTTP layer: parsing, units, retries, faults."""

import logging
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses
from responses import matchers

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
from weather.tests import open_meteo_answers as answers

BASE = "http://open-meteo.test/v1"
SEARCH, GET, FORECAST = f"{BASE}/search", f"{BASE}/get", f"{BASE}/forecast"


@pytest.fixture
def upstream(settings):
    settings.OPEN_METEO_FORECAST_URL = BASE
    settings.OPEN_METEO_GEOCODING_URL = BASE
    with responses.RequestsMock() as mock:  # fails the test if an answer was never asked for
        yield mock


# --- Geocoding ------------------------------------------------------------------------------


def test_search_places_reads_full_and_sparse_results(upstream):
    upstream.get(
        SEARCH,
        json=answers.geocoding(answers.LYON, answers.LYONS_HAMLET),
        match=[
            matchers.query_param_matcher(
                {"name": "Lyon", "count": "10", "language": "fr", "format": "json"}
            )
        ],
    )
    lyon, hamlet = open_meteo.search_places("Lyon", lang="fr")
    assert (lyon.id, lyon.name, lyon.country_code) == (2996944, "Lyon", "FR")
    assert (lyon.admin1, lyon.population, lyon.timezone) == (
        "Auvergne-Rhône-Alpes",
        522969,
        "Europe/Paris",
    )
    assert (hamlet.name, hamlet.admin1, hamlet.population) == ("Lyons", "", None)


def test_search_places_without_a_results_key_is_empty(upstream):
    upstream.get(SEARCH, json=answers.geocoding())
    assert open_meteo.search_places("Qwxzv") == []


def test_a_malformed_geocoding_result_is_skipped(upstream):
    broken = {key: value for key, value in answers.LYON.items() if key != "latitude"}
    upstream.get(SEARCH, json=answers.geocoding(broken, answers.LYONS_HAMLET))
    assert [place.name for place in open_meteo.search_places("Lyon")] == ["Lyons"]


def test_get_place_by_id(upstream):
    upstream.get(
        GET,
        json=answers.LYON,
        match=[matchers.query_param_matcher({"id": "2996944"}, strict_match=False)],
    )
    assert open_meteo.get_place(2996944, lang="en").name == "Lyon"


def test_an_unknown_place_id_is_a_permanent_error(upstream):
    upstream.get(GET, status=400, json=answers.error("Invalid id"))
    with pytest.raises(ProviderError, match="Invalid id") as excinfo:
        open_meteo.get_place(1)
    assert not isinstance(excinfo.value, ProviderUnavailable)


# --- Forecast -------------------------------------------------------------------------------


def test_the_forecast_is_asked_for_in_metric_local_time_for_48_hours(upstream):
    upstream.get(FORECAST, json=answers.oslo_forecast())
    forecast = open_meteo.get_forecast(59.91394, 10.75224)
    (call,) = upstream.calls
    asked = {key: value for key, (value,) in parse_qs(urlsplit(call.request.url).query).items()}
    assert asked == {
        "latitude": "59.9139",  # four decimals: about 10 m, and one cache key per place
        "longitude": "10.7522",
        "current": ",".join(open_meteo.CURRENT_VARIABLES),
        "hourly": ",".join(open_meteo.HOURLY_VARIABLES),
        "daily": ",".join(open_meteo.DAILY_VARIABLES),
        "minutely_15": "precipitation",  # the next two hours, by quarter
        "forecast_minutely_15": "8",
        "timezone": "auto",
        "forecast_hours": "48",
        "forecast_days": "7",
        "past_days": "1",  # yesterday, to compare with
        "past_hours": "24",
        "temperature_unit": "celsius",
        "wind_speed_unit": "kmh",
        "precipitation_unit": "mm",
    }
    assert (forecast.latitude, forecast.longitude) == (59.9375, 10.75)  # the model's grid point
    assert forecast.utc_offset_seconds == 3600


def test_hourly_rows_from_midnight_keep_the_next_48_hours(upstream):
    upstream.get(FORECAST, json=answers.oslo_forecast())
    forecast = open_meteo.get_forecast(59.91, 10.75)
    assert forecast.timezone == "Europe/Oslo"
    assert forecast.current.time.isoformat() == "2026-01-15T13:45:00+01:00"
    assert len(forecast.hourly) == 48
    assert forecast.hourly[0].time.isoformat() == "2026-01-15T13:00:00+01:00"
    assert forecast.hourly[0].precipitation_probability_pct is not None
    assert forecast.hourly[-1].precipitation_probability_pct is None  # past the horizon
    assert len(forecast.daily) == 7
    assert forecast.daily[0].sunrise.isoformat() == "2026-01-15T09:05:00+01:00"


def test_wind_in_metres_per_second_is_converted_and_missing_variables_are_none(upstream):
    upstream.get(FORECAST, json=answers.oslo_forecast())
    forecast = open_meteo.get_forecast(59.91, 10.75)
    assert forecast.current.wind_speed_kmh == pytest.approx(18.0)
    assert forecast.hourly[0].wind_speed_kmh == pytest.approx(9.0)
    assert forecast.daily[0].wind_speed_max_kmh == pytest.approx(28.8)
    assert forecast.current.temperature_c == -4.2  # already metric: unchanged
    assert forecast.current.is_day is True
    # Not in the hourly block at all, or null in it: no value, not an error.
    assert forecast.hourly[0].apparent_temperature_c is None
    assert forecast.hourly[0].precipitation_mm is None
    assert forecast.daily[-1].precipitation_sum_mm is None
    assert forecast.upstream_units["wind_speed_10m"] == "m/s"


def test_units_it_did_not_ask_for_are_converted_to_metric(upstream):
    upstream.get(FORECAST, json=answers.imperial_darwin_forecast())
    forecast = open_meteo.get_forecast(-12.46, 130.84)
    current = forecast.current
    assert current.temperature_c == pytest.approx(30.0)
    assert current.wind_speed_kmh == pytest.approx(16.09, abs=0.01)
    assert current.precipitation_mm == pytest.approx(2.54)
    assert current.is_day is False
    assert current.time.isoformat() == "2026-03-02T21:30:00+09:30"  # half-hour zone
    assert forecast.upstream_units["temperature_2m"] == "°F"
    assert forecast.hourly == [] and forecast.daily == []


def test_a_gmt_answer_with_codes_only_parses(upstream):
    upstream.get(FORECAST, json=answers.gmt_codes_only_forecast())
    forecast = open_meteo.get_forecast(52.52, 13.41)
    assert forecast.current.time.utcoffset().total_seconds() == 0
    assert forecast.current.weather_code == 45
    assert forecast.current.temperature_c is None
    assert [h.time.hour for h in forecast.hourly] == list(range(10, 24))
    assert {h.weather_code for h in forecast.hourly} == {45}
    assert [d.date.isoformat() for d in forecast.daily] == ["2026-02-01"]  # bad date skipped


def test_an_answer_without_coordinates_is_a_bad_response(upstream):
    upstream.get(FORECAST, json={"generationtime_ms": 0.1})
    with pytest.raises(ProviderBadResponse):
        open_meteo.get_forecast(48.85, 2.35)


# --- Faults and retries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error"),
    [(500, ProviderServerError), (503, ProviderServerError), (429, ProviderRateLimited)],
)
def test_transient_statuses_are_retried_then_raised(upstream, status, error):
    upstream.get(FORECAST, status=status, json=answers.error("Too many concurrent requests"))
    with pytest.raises(error) as excinfo:
        open_meteo.get_forecast(48.85, 2.35)
    assert isinstance(excinfo.value, ProviderUnavailable)
    assert len(upstream.calls) == 3  # one try and two retries


def test_a_transient_failure_then_success_recovers(upstream):
    upstream.get(FORECAST, status=503, body="Service Unavailable")
    upstream.get(FORECAST, json=answers.oslo_forecast())
    assert len(open_meteo.get_forecast(59.91, 10.75).hourly) == 48
    assert len(upstream.calls) == 2


def test_retry_after_sets_the_pause_before_the_retry(upstream, caplog):
    upstream.get(FORECAST, status=429, headers={"Retry-After": "0.2"}, json=answers.error("Slow"))
    upstream.get(FORECAST, json=answers.oslo_forecast())
    with caplog.at_level(logging.INFO, logger="weather.providers.open_meteo"):
        open_meteo.get_forecast(59.91, 10.75)
    assert "retrying in 0.20 s" in caplog.text
    assert len(upstream.calls) == 2


def test_a_long_retry_after_is_not_waited_for(upstream):
    upstream.get(FORECAST, status=429, headers={"Retry-After": "3600"}, json=answers.error("Slow"))
    with pytest.raises(ProviderRateLimited):
        open_meteo.get_forecast(48.85, 2.35)
    assert len(upstream.calls) == 1


def test_a_400_is_permanent_not_retried_and_says_why(upstream):
    reason = "Cannot initialize ForecastVariable from invalid String value fog_density."
    upstream.get(FORECAST, status=400, json=answers.error(reason))
    with pytest.raises(ProviderError, match="invalid String value fog_density") as excinfo:
        open_meteo.get_forecast(48.85, 2.35)
    assert not isinstance(excinfo.value, ProviderUnavailable)
    assert len(upstream.calls) == 1


def test_a_garbage_body_is_a_bad_response(upstream):
    upstream.get(SEARCH, body="<html>upstream proxy error</html>", content_type="text/html")
    with pytest.raises(ProviderBadResponse):
        open_meteo.search_places("Paris")


def test_a_read_timeout_is_not_retried(upstream):
    upstream.get(FORECAST, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(ProviderTimeout):
        open_meteo.get_forecast(48.85, 2.35)
    assert len(upstream.calls) == 1


def test_a_connect_timeout_is_retried_then_a_timeout(upstream):
    upstream.get(FORECAST, body=requests.ConnectTimeout("connect timed out"))
    with pytest.raises(ProviderTimeout, match="connection"):
        open_meteo.get_forecast(48.85, 2.35)
    assert len(upstream.calls) == 3


def test_unreachable_upstream_is_unavailable(settings):
    settings.OPEN_METEO_FORECAST_URL = "http://127.0.0.1:9/v1"  # nothing listens on port 9
    with pytest.raises(ProviderUnavailable):
        open_meteo.get_forecast(48.85, 2.35)


# --- WMO codes ------------------------------------------------------------------------------


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


# --- The connection pool ----------------------------------------------------------------------


def test_sequential_fetches_reuse_one_kept_alive_connection(
    fake_open_meteo_server, _fake_server, monkeypatch, settings
):
    settings.OPEN_METEO_READ_TIMEOUT_S = 10  # a loaded machine: a slow answer is not the point
    accepted = []
    accept = _fake_server.process_request

    def counting(request, client_address):
        accepted.append(client_address)
        return accept(request, client_address)

    monkeypatch.setattr(_fake_server, "process_request", counting)
    open_meteo.get_forecast(48.85, 2.35)
    open_meteo.search_places("Berlin")
    open_meteo.get_forecast(52.52, 13.41)
    assert fake_open_meteo_server.calls["forecast"] == 2
    assert len(accepted) == 1  # one TCP connection for all three calls
