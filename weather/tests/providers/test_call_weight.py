"""What the Open-Meteo budget spends: the weight upstream bills for each attempt (locations x
variables / 10 x days / 14, rounded up), failed attempts and retries included, counted against
the fake upstream and real Redis."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from weather.infra import metrics
from weather.providers import budget, open_meteo
from weather.providers.open_meteo import call_weight, forecast_params
from weather.providers.open_meteo_batch import get_forecasts
from weather.tests.infra.test_metrics import value

pytestmark = pytest.mark.django_db

POINTS = [(48.85, 2.35), (62.03, 129.73), (52.52, 13.41), (40.42, -3.70), (41.89, 12.48)]
WEIGHTED = "weather_open_meteo_weighted_calls_total"


def asked_variables() -> int:
    return (
        len(open_meteo.CURRENT_VARIABLES)
        + len(open_meteo.HOURLY_VARIABLES)
        + len(open_meteo.DAILY_VARIABLES)
        + len(open_meteo.MINUTELY_15_VARIABLES)
    )


def one_point_weight() -> int:
    return call_weight(forecast_params("48.8500", "2.3500"))


def minute_spent() -> int:
    return budget.usage()["minute"]["used"]


@pytest.mark.parametrize(
    ("variables", "days", "locations", "weight"),
    [
        (10, 7, 1, 1),  # up to 10 variables and 2 weeks: one call
        (15, 14, 1, 2),  # 1.5 calls (upstream's own example), rounded up
        (15, 28, 1, 3),  # four weeks: twice that
        (23, 7, 1, 3),  # 2.3
        (23, 7, 5, 12),  # 11.5: a batch is rounded up once, not per location
        (20, 7, 50, 100),
    ],
)
def test_the_weight_is_what_open_meteo_bills(variables, days, locations, weight):
    params = {
        "latitude": ",".join(["1.0"] * locations),
        "hourly": ",".join(f"v{i}" for i in range(variables)),
        "forecast_days": days,
    }
    assert call_weight(params) == weight


def test_our_forecast_counts_every_variable_it_asks_for():
    # Yesterday and the days ahead stay within two weeks: the weight is the variables' alone.
    assert open_meteo.DAYS_AHEAD + open_meteo.PAST_DAYS <= 14
    assert one_point_weight() == math.ceil(Fraction(asked_variables(), 10))
    assert one_point_weight() > 1  # more than 10 variables: more than one call


def test_one_forecast_spends_its_weight(fake_open_meteo):
    open_meteo.get_forecast(48.85, 2.35)
    assert fake_open_meteo.calls["forecast"] == 1
    assert minute_spent() == one_point_weight()


def test_a_batch_of_five_spends_five_times_the_weight_rounded_up(fake_open_meteo):
    get_forecasts(POINTS)
    assert fake_open_meteo.calls["forecast"] == 1
    assert fake_open_meteo.calls["forecast_locations"] == 5
    # 5 x 2.5 = 12.5 calls billed: 13 spent (not 5 x 3 = 15, nor 5 x 1).
    assert minute_spent() == math.ceil(5 * Fraction(asked_variables(), 10))


def test_a_failed_attempt_and_its_retry_both_count(fake_open_meteo, settings):
    settings.OPEN_METEO_MAX_RETRIES = 1
    settings.OPEN_METEO_BACKOFF_S = 0.01
    fake_open_meteo.fail(status=503, endpoint="forecast", count=1)
    open_meteo.get_forecast(48.85, 2.35)
    assert fake_open_meteo.calls["forecast"] == 2
    assert minute_spent() == 2 * one_point_weight()


def test_a_forecast_that_would_pass_the_budget_is_not_sent(fake_open_meteo, settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = one_point_weight() - 1  # room for one call, not 2.3
    with pytest.raises(budget.BudgetExhausted):
        open_meteo.get_forecast(48.85, 2.35)
    assert fake_open_meteo.calls["forecast"] == 0
    assert minute_spent() == 0


def test_metrics_count_weighted_calls_by_kind(fake_open_meteo):
    before = metrics.exposition()[0].decode()
    open_meteo.get_forecast(48.85, 2.35)
    with budget.background():
        get_forecasts(POINTS)
    after = metrics.exposition()[0].decode()

    def grown(kind: str) -> float:
        labels = {"endpoint": "forecast", "kind": kind}
        return value(after, WEIGHTED, **labels) - value(before, WEIGHTED, **labels)

    assert grown("interactive") == one_point_weight()
    assert grown("background") == call_weight(forecast_params("1,2,3,4,5", "1,2,3,4,5"))
