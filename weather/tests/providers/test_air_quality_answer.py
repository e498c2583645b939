"""Reading an air-quality answer: local times, this hour on, and None (never 0) for whatever
is missing, null, malformed or implausible."""

from __future__ import annotations

import datetime as dt

import pytest

from weather.providers.air_quality_answer import HOURS_AHEAD, parse_air_quality, reading


def answer(**hourly_values) -> dict:
    times = [f"2026-12-07T{h:02}:00" for h in range(24)] + [
        f"2026-12-08T{h:02}:00" for h in range(24)
    ]
    hourly = {"time": times}
    for name, value in hourly_values.items():
        hourly[name] = [value] * len(times)
    return {
        "latitude": 48.85,
        "longitude": 2.35,
        "timezone": "Europe/Paris",
        "utc_offset_seconds": 3600,
        "current_units": {"time": "iso8601", "interval": "seconds", "pm2_5": "μg/m³"},
        "current": {"time": "2026-12-07T15:00", "interval": 3600, "pm2_5": 8.04, "us_aqi": 33},
        "hourly_units": {"time": "iso8601", "birch_pollen": "grains/m³"},
        "hourly": hourly,
    }


@pytest.mark.parametrize(
    ("name", "raw", "kept"),
    [
        ("pm2_5", 8.04, 8.0),
        ("pm2_5", "8.5", 8.5),
        ("pm2_5", 0, 0.0),  # a real zero stays zero
        ("pm2_5", None, None),
        ("pm2_5", -0.1, None),
        ("pm2_5", 1e7, None),
        ("pm2_5", "NaN", None),
        ("pm2_5", "Infinity", None),
        ("pm2_5", True, None),
        ("pm2_5", [1], None),
        ("european_aqi", 41.6, 42),  # indices are whole numbers
        ("us_aqi", 5000, None),
        ("birch_pollen", 12.345, 12.3),
    ],
)
def test_a_value_is_kept_only_when_plausible(name, raw, kept):
    assert reading(name, raw) == kept


def test_times_are_local_and_start_at_this_hour():
    found = parse_air_quality(answer(pm10=12.0))
    assert found["current"]["time"] == "2026-12-07T15:00:00+01:00"
    assert found["hourly"]["time"][0] == "2026-12-07T15:00:00+01:00"
    assert len(found["hourly"]["time"]) == 48 - 15
    assert found["current"]["pm2_5"] == 8.0 and found["current"]["us_aqi"] == 33


def test_at_most_48_hours_are_kept():
    data = answer()
    data["hourly"]["time"] += [f"2026-12-09T{h:02}:00" for h in range(24)]
    assert len(parse_air_quality(data)["hourly"]["time"]) == HOURS_AHEAD


def test_missing_variables_and_blocks_are_none():
    found = parse_air_quality(answer())
    assert found["current"]["ozone"] is None  # not in the answer
    assert set(found["hourly"]["ozone"]) == {None}
    bare = parse_air_quality({"latitude": 1.0, "longitude": 2.0})
    assert bare["current"]["european_aqi"] is None
    assert bare["hourly"]["time"] == [] and bare["pollen_available"] is False


def test_short_columns_and_unreadable_times_are_tolerated():
    data = answer(pm10=3.0)
    data["hourly"]["pm10"] = data["hourly"]["pm10"][:20]
    data["hourly"]["time"][30] = "yesterday"
    found = parse_air_quality(data)
    assert "yesterday" not in found["hourly"]["time"]
    assert found["hourly"]["pm10"][:5] == [3.0] * 5
    assert found["hourly"]["pm10"][-1] is None


def test_pollen_is_available_only_when_some_value_came():
    assert parse_air_quality(answer(birch_pollen=None))["pollen_available"] is False
    some = answer(birch_pollen=None)
    some["hourly"]["birch_pollen"][20] = 4.0
    assert parse_air_quality(some)["pollen_available"] is True
    assert parse_air_quality(answer(grass_pollen=0.0))["pollen_available"] is True


def test_without_a_current_block_now_decides_where_hours_start():
    data = answer(pm10=1.0)
    del data["current"]
    now = dt.datetime(2026, 12, 7, 20, 30, tzinfo=dt.UTC)  # 21:30 in Paris
    found = parse_air_quality(data, now=now)
    assert found["current"]["time"] is None
    assert found["hourly"]["time"][0] == "2026-12-07T21:00:00+01:00"
