"""Open-Meteo's air-quality API through our real client, against the fake upstream on a real
port: what is asked, what is read, what each attempt spends, and how failures surface."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from fractions import Fraction

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from weather.infra import metrics
from weather.providers import (
    ProviderBadResponse,
    ProviderError,
    ProviderUnavailable,
    air_quality,
    budget,
)
from weather.providers.open_meteo import call_weight
from weather.testing.processes import open_meteo_settings_line

PARIS = (48.85, 2.35)
NEW_YORK = (40.71, -74.01)
SYDNEY = (-33.87, 151.21)
PARIS_ID = 2988507
SPECIES = ("alder", "birch", "grass", "mugwort", "olive", "ragweed")


@pytest.fixture(autouse=True)
def _patient_client(settings):
    # No test here is about timeouts: the test settings' 1 s (for those that are) can run out
    # on a loaded machine while the fake, served from this process, waits for its turn.
    settings.OPEN_METEO_READ_TIMEOUT_S = 10


def value(text: str, name: str, **labels) -> float:
    """A sample's value in a metrics exposition (0 when absent)."""
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return sample.value
    return 0.0


def minute_spent() -> int:
    return budget.usage()["minute"]["used"]


def test_it_reads_current_values_and_the_next_48_hours(fake_open_meteo_server):
    found = air_quality.get_air_quality(*PARIS)
    assert fake_open_meteo_server.calls["air_quality"] == 1
    assert found["timezone"] == "Europe/Paris"
    now = dt.datetime.fromisoformat(found["current"]["time"])
    assert now.utcoffset() is not None  # local time, with its offset
    for name in ("european_aqi", "us_aqi"):
        assert isinstance(found["current"][name], int) and found["current"][name] >= 0
    for name in ("pm2_5", "pm10", "nitrogen_dioxide", "ozone"):
        assert found["current"][name] > 0
    hours = [dt.datetime.fromisoformat(t) for t in found["hourly"]["time"]]
    assert len(hours) == 48
    assert hours[0] == now.replace(minute=0)
    assert all(b - a == dt.timedelta(hours=1) for a, b in itertools.pairwise(hours))
    assert found["units"]["pm2_5"] == "μg/m³"
    assert found["units"]["birch_pollen"] == "grains/m³"


def test_pollen_is_read_in_europe(fake_open_meteo_server):
    found = air_quality.get_air_quality(*PARIS)
    assert found["pollen_available"] is True
    for species in SPECIES:
        column = found["hourly"][f"{species}_pollen"]
        assert len(column) == 48 and all(v is not None and v >= 0 for v in column)


@pytest.mark.parametrize("point", [NEW_YORK, SYDNEY], ids=["new-york", "sydney"])
def test_there_is_no_pollen_outside_europe(fake_open_meteo_server, point):
    found = air_quality.get_air_quality(*point)
    assert found["pollen_available"] is False
    assert all(v is None for s in SPECIES for v in found["hourly"][f"{s}_pollen"])
    assert found["current"]["european_aqi"] is not None  # the global model still answers


def test_it_asks_for_what_it_reads(fake_open_meteo_server):
    params = air_quality.air_quality_params(*PARIS)
    asked = params["hourly"].split(",")
    assert set(params["current"].split(",")) == {
        "european_aqi",
        "us_aqi",
        "pm2_5",
        "pm10",
        "nitrogen_dioxide",
        "ozone",
    }
    assert {f"{s}_pollen" for s in SPECIES} <= set(asked)
    assert params["timezone"] == "auto"
    # The fake answers exactly these variables, as upstream does.
    url = f"{fake_open_meteo_server.base_url}/air-quality"
    body = requests.get(url, params=params, timeout=5).json()
    assert set(body["hourly"]) == {"time", *asked}
    assert len(body["hourly"]["time"]) == 24 * air_quality.FORECAST_DAYS


def test_missing_or_implausible_values_are_none_never_zero(fake_open_meteo_server):
    broken = {"pm2_5": None, "us_aqi": -3, "pm10": 1e9, "european_aqi": "n/a", "ozone": True}
    fake_open_meteo_server.set_weather(PARIS_ID, air_quality=broken)
    found = air_quality.get_air_quality(*PARIS)
    for name in broken:
        assert found["current"][name] is None, name
        assert set(found["hourly"][name]) == {None}, name
    assert found["current"]["nitrogen_dioxide"] is not None  # the others are untouched


def test_each_attempt_spends_its_weight(fake_open_meteo_server):
    params = air_quality.air_quality_params(*PARIS)
    variables = len(params["current"].split(",")) + len(params["hourly"].split(","))
    weight = call_weight(params)
    assert weight == math.ceil(Fraction(variables, 10)) == 2  # 18 variables over 3 days: 1.8
    air_quality.get_air_quality(*PARIS)
    assert minute_spent() == weight


def test_a_failed_attempt_and_its_retry_both_count(fake_open_meteo_server, settings):
    settings.OPEN_METEO_MAX_RETRIES = 1
    fake_open_meteo_server.fail(status=503, endpoint="air_quality", count=1)
    air_quality.get_air_quality(*PARIS)
    assert fake_open_meteo_server.calls["air_quality"] == 2
    assert minute_spent() == 2 * call_weight(air_quality.air_quality_params(*PARIS))


def test_an_air_quality_call_that_would_pass_the_budget_is_not_sent(
    fake_open_meteo_server, settings
):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 1  # room for one call, not 1.8
    with pytest.raises(budget.BudgetExhausted):
        air_quality.get_air_quality(*PARIS)
    assert fake_open_meteo_server.calls.get("air_quality", 0) == 0


def test_metrics_count_its_calls_under_their_own_endpoint(fake_open_meteo_server):
    before = metrics.exposition()[0].decode()
    air_quality.get_air_quality(*PARIS)
    after = metrics.exposition()[0].decode()
    labels = {"endpoint": "air_quality", "kind": "interactive"}
    name = "weather_open_meteo_weighted_calls_total"
    assert value(after, name, **labels) - value(before, name, **labels) == 2
    requests_name = "weather_open_meteo_requests_total"
    grown = value(after, requests_name, endpoint="air_quality") - value(
        before, requests_name, endpoint="air_quality"
    )
    assert grown == 1


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ({"status": 503}, ProviderUnavailable),
        ({"status": 400}, ProviderError),
        ({"mode": "garbage"}, ProviderBadResponse),
        ({"mode": "shape"}, ProviderBadResponse),
    ],
    ids=["503", "400", "garbage", "shape"],
)
def test_upstream_faults_become_our_errors(fake_open_meteo_server, settings, fault, error):
    settings.OPEN_METEO_MAX_RETRIES = 0
    fake_open_meteo_server.fail(endpoint="air_quality", **fault)
    with pytest.raises(error):
        air_quality.get_air_quality(*PARIS)


def test_a_forecast_fault_leaves_air_quality_alone(fake_open_meteo_server):
    fake_open_meteo_server.fail(status=503, endpoint="forecast")
    assert air_quality.get_air_quality(*PARIS)["current"]["pm10"] is not None


def test_with_a_key_the_call_carries_it(fake_open_meteo_server, settings):
    settings.OPEN_METEO_API_KEY = "om-test-key-5f3a9c"  # made up
    fake_open_meteo_server.require_api_key("om-test-key-5f3a9c")
    assert air_quality.get_air_quality(*PARIS)["current"]["us_aqi"] is not None
    settings.OPEN_METEO_API_KEY = ""
    with pytest.raises(ProviderError, match="API key"):
        air_quality.get_air_quality(*PARIS)


def _air_quality_url(**env) -> str:
    """OPEN_METEO_AIR_QUALITY_URL as a fresh process reads it from this environment."""
    code = "from django.conf import settings; print(settings.OPEN_METEO_AIR_QUALITY_URL)"
    return open_meteo_settings_line(code, **env)


def test_a_key_switches_the_default_host_to_the_customer_one():
    assert _air_quality_url() == "https://air-quality-api.open-meteo.com/v1"
    keyed = _air_quality_url(OPEN_METEO_API_KEY="k", OPEN_METEO_AIR_QUALITY_URL="")
    assert keyed == "https://customer-air-quality-api.open-meteo.com/v1"
    mirror = "https://air.example.com/v1"
    assert _air_quality_url(OPEN_METEO_API_KEY="k", OPEN_METEO_AIR_QUALITY_URL=mirror) == mirror


def test_json_of_an_unexpected_shape_counts_as_malformed(fake_open_meteo_server, settings):
    settings.OPEN_METEO_MAX_RETRIES = 0
    before = metrics.exposition()[0].decode()
    fake_open_meteo_server.fail("shape", endpoint="air_quality")
    with pytest.raises(ProviderBadResponse, match="unexpected"):
        air_quality.get_air_quality(*PARIS)
    after = metrics.exposition()[0].decode()
    labels = {"endpoint": "air_quality", "kind": "malformed"}
    name = "weather_open_meteo_errors_total"
    assert value(after, name, **labels) - value(before, name, **labels) == 1
