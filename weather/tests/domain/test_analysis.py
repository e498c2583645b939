"""The analysis rules, on plain values: no database, no worker."""

from __future__ import annotations

import pytest

from weather.domain.analysis import (
    ALERT_RULES,
    Current,
    Forecast,
    History,
    alerts_for,
    comfort,
    compared_to_history,
    compared_to_today,
    trend,
)
from weather.tests.factories import daily_rows, hourly_rows


@pytest.mark.parametrize(
    ("temperature", "humidity", "wind", "expected"),
    [
        (-3, 80, 5, "freezing"),
        (5, 80, 5, "cold"),
        (5, 80, 45, "windy"),
        (15, 50, 5, "cool"),
        (21, 50, 5, "comfortable"),
        (22, 85, 5, "humid"),
        (27, 40, 5, "warm"),
        (33, 40, 5, "hot"),
        (None, 40, 5, None),
    ],
)
def test_comfort_class_from_temperature_humidity_and_wind(temperature, humidity, wind, expected):
    assert comfort(temperature, humidity, wind) == expected


def test_rules_raise_frost_storm_and_heavy_precipitation():
    forecast = Forecast.of(
        {
            "hourly": hourly_rows([2, 1, -1, -4] + [0] * 44, wind=80),
            "daily": daily_rows(low=-4, high=2, rain=30),
        }
    )
    alerts = alerts_for(Current(temperature=2, wind_speed=20), forecast, place="Paris")
    by_kind = {alert.kind: alert for alert in alerts}
    assert set(by_kind) == {"frost", "strong_wind", "heavy_precipitation"}
    assert by_kind["frost"].severity == "warning"
    assert "-4.0 °C" in by_kind["frost"].message
    assert "2026-11-29 19:00" in by_kind["frost"].message  # the first frosty hour, local time
    assert by_kind["strong_wind"].severity == "severe"  # 80 km/h is storm force
    assert by_kind["heavy_precipitation"].message.endswith("30.0 mm on 2026-11-29.")


def test_rules_raise_heat_and_nothing_on_a_mild_day():
    hot = Forecast.of({"hourly": hourly_rows([36] * 48), "daily": daily_rows(low=28, high=41)})
    [alert] = alerts_for(Current(temperature=36), hot, place="Phoenix")
    assert (alert.kind, alert.severity) == ("heat", "severe")
    mild = Forecast.of({"hourly": hourly_rows([12] * 48), "daily": daily_rows()})
    assert alerts_for(Current(temperature=12), mild, place="Paris") == []


def test_rules_only_look_three_days_ahead():
    rows = daily_rows(low=5, high=12)
    rows[5]["temperature_min"] = -8  # frost in six days: too far to warn about
    forecast = Forecast.of({"hourly": hourly_rows([8] * 48), "daily": rows})
    assert alerts_for(Current(temperature=8), forecast, place="") == []


@pytest.mark.parametrize(
    ("temperature", "expected"), [(2.0, "below"), (5.0, "within"), (9.0, "within"), (9.5, "above")]
)
def test_current_temperature_against_todays_range(temperature, expected):
    forecast = Forecast.of({"hourly": hourly_rows([5] * 48), "daily": daily_rows(low=3, high=9)})
    assert compared_to_today(temperature, forecast) == expected


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (History(), "first"),
        (History(4, 8.0), "typical"),
        (History(4, 2.0), "warmer"),
        (History(4, 14.0), "colder"),
    ],
)
def test_current_temperature_against_the_locations_history(history, expected):
    assert compared_to_history(8.0, history) == expected


@pytest.mark.parametrize(
    ("tomorrow", "direction", "delta"),
    [(4.5, "cooling", -3.5), (11.0, "warming", 3.0), (8.5, "steady", 0.5)],
)
def test_trend_compares_now_with_the_same_hour_tomorrow(tomorrow, direction, delta):
    temperatures = [8.0] * 24 + [tomorrow] + [0.0] * 23  # the night in between does not count
    forecast = Forecast.of({"hourly": hourly_rows(temperatures), "daily": daily_rows()})
    assert trend(8.0, forecast) == {"direction": direction, "delta": delta}


def test_severe_thresholds_change_the_severity_and_the_wording():
    forecast = Forecast.of(
        {"hourly": hourly_rows([-12] * 48, wind=60), "daily": daily_rows(rain=55)}
    )
    by_kind = {a.kind: a for a in alerts_for(Current(temperature=-12), forecast, place="Oslo")}
    assert by_kind["frost"].severity == "severe"
    assert by_kind["strong_wind"].severity == "warning"
    assert by_kind["strong_wind"].message.startswith("Strong wind expected in Oslo from")
    assert by_kind["heavy_precipitation"].severity == "severe"


def test_an_hour_of_heavy_rain_warns_when_no_day_is_wet():
    forecast = Forecast.of(
        {"hourly": hourly_rows([12] * 48, precipitation=9.0), "daily": daily_rows()}
    )
    [alert] = alerts_for(Current(temperature=12, precipitation=10.5), forecast, place="")
    assert (alert.kind, alert.severity) == ("heavy_precipitation", "warning")
    assert alert.message == "Heavy precipitation expected: 10.5 mm in an hour (now)."


def test_each_kind_raises_one_alert_even_with_several_rules():
    wet = Forecast.of(
        {"hourly": hourly_rows([12] * 48, precipitation=9.0), "daily": daily_rows(rain=25)}
    )
    [alert] = alerts_for(Current(temperature=12), wet, place="")
    assert alert.message.endswith("25.0 mm on 2026-11-29.")  # the day rule comes first
    assert len({rule.kind for rule in ALERT_RULES}) == 4


def test_current_values_ignore_what_is_not_a_finite_number():
    current = Current.from_values(
        {"temperature": "20", "humidity": True, "wind_speed": float("nan"), "x": 1}
    )
    assert current == Current(temperature=20.0)
