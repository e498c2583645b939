"""The alert rules on plain forecast rows: which days fire, with which value and first hour."""

import datetime as dt

import pytest

from weather.domain import alert_notices, alert_rules
from weather.domain.alert_rules import Rule, evaluate, threshold_problem

PARIS = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 12, 7, 14, 20, tzinfo=PARIS)


def hours(values: dict, key: str = "temperature", start=None, count: int = 48) -> list[dict]:
    """Hourly rows from 14:00 today; `values`: hour index -> value (others: mild)."""
    start = start or NOW.replace(minute=0)
    rows = []
    for i in range(count):
        row = {
            "time": (start + dt.timedelta(hours=i)).isoformat(),
            "temperature": 8.0,
            "precipitation": 0.0,
            "weather_code": 3,
            "wind_speed": 15.0,
            "wind_gusts": 25.0,
        }
        if i in values:
            row[key] = values[i]
        rows.append(row)
    return rows


def test_frost_fires_once_per_day_with_the_lowest_value_and_the_first_hour():
    rows = hours({12: -1.0, 13: -4.5, 14: -2.0})  # 02:00-04:00 tomorrow
    (found,) = evaluate(Rule("frost", 0.0, 24), rows, [], NOW)
    assert found.day == dt.date(2026, 12, 8)
    assert found.value == -4.5
    assert found.first_at == dt.datetime(2026, 12, 8, 2, 0, tzinfo=PARIS)


def test_the_horizon_bounds_what_is_seen():
    rows = hours({30: -3.0})  # 20:00 tomorrow: beyond 24 h, within 48 h
    assert evaluate(Rule("frost", 0.0, 24), rows, [], NOW) == []
    assert [t.day for t in evaluate(Rule("frost", 0.0, 48), rows, [], NOW)] == [
        dt.date(2026, 12, 8)
    ]


def test_past_hours_do_not_count():
    start = NOW.replace(minute=0) - dt.timedelta(hours=5)
    rows = hours({0: -5.0}, start=start)  # 09:00 today, gone
    assert evaluate(Rule("frost", 0.0, 24), rows, [], NOW) == []


@pytest.mark.parametrize(
    ("kind", "key", "threshold", "value", "fires"),
    [
        ("heat", "temperature", 30.0, 31.0, True),
        ("heat", "temperature", 30.0, 29.9, False),
        ("wind", "wind_speed", 60.0, 60.0, True),
        ("gusts", "wind_gusts", 90.0, 95.0, True),
        ("gusts", "wind_gusts", 90.0, 80.0, False),
        ("rain_hour", "precipitation", 10.0, 12.0, True),
        ("thunderstorm", "weather_code", None, 95, True),
        ("thunderstorm", "weather_code", None, 82, False),
    ],
)
def test_each_kind(kind, key, threshold, value, fires):
    found = evaluate(Rule(kind, threshold, 24), hours({3: value}, key=key), [], NOW)
    assert bool(found) is fires


def test_rain_day_uses_the_days_total():
    daily = [
        {"date": "2026-12-07", "precipitation_sum": 3.0},
        {"date": "2026-12-08", "precipitation_sum": 31.5},
    ]
    rows = hours({14: 2.0}, key="precipitation")  # 04:00 tomorrow
    (found,) = evaluate(Rule("rain_day", 30.0, 24), rows, daily, NOW)
    assert (found.day, found.value) == (dt.date(2026, 12, 8), 31.5)
    assert found.first_at.hour == 4


@pytest.mark.parametrize(
    ("kind", "threshold", "problem"),
    [
        ("frost", -61, "between -60 and 10 °C"),
        ("frost", 11, "between -60 and 10 °C"),
        ("heat", 14, "between 15 and 60 °C"),
        ("wind", 251, "between 10 and 250 km/h"),
        ("gusts", 5, "between 10 and 250 km/h"),
        ("rain_hour", 0.5, "between 1 and 200 mm"),
        ("rain_day", 501, "between 1 and 500 mm"),
        ("frost", None, "needs a threshold"),
        ("thunderstorm", 3, "takes no threshold"),
        ("tornado", 3, "unknown kind"),
    ],
)
def test_absurd_thresholds_are_named(kind, threshold, problem):
    assert problem in threshold_problem(kind, threshold)


def test_sensible_thresholds_pass():
    for kind, (low, high) in alert_rules.BOUNDS.items():
        assert threshold_problem(kind, low) is None
        assert threshold_problem(kind, high) is None
    assert threshold_problem("thunderstorm", None) is None


def test_the_notice_speaks_both_languages():
    first = dt.datetime(2026, 12, 8, 3, 0, tzinfo=PARIS)
    en = alert_notices.alert_notice("frost", "Paris", first.date(), first, -8.25, 0.0, "en")
    fr = alert_notices.alert_notice("frost", "Paris", first.date(), first, -8.25, 0.0, "fr")
    assert en.title == "Frost alert: Paris"
    assert en.body == (
        "Frost expected in Paris on 2026-12-08 from 03:00: down to -8.2 °C (your threshold: 0 °C)."
    )
    assert fr.title == "Alerte gel : Paris"
    assert "le 08/12/2026 à partir de 03:00 : jusqu'à -8,2 °C" in fr.body
