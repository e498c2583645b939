"""Rain in the next two hours in a few words, where 15-minute data is real, and UV bands."""

from __future__ import annotations

import pytest

from weather.domain import nowcast
from weather.domain.uv import uv_band

TIMES = [f"2026-12-07T14:{m:02d}:00+01:00" for m in (0, 15, 30, 45)] + [
    f"2026-12-07T15:{m:02d}:00+01:00" for m in (0, 15, 30, 45)
]


def steps(*mm):
    return [{"time": t, "precipitation": v} for t, v in zip(TIMES, mm, strict=True)]


def test_no_rain():
    found = nowcast.summary(steps(0, 0, 0, 0, 0, 0, 0, 0.01))
    assert found == {"kind": "none", "at": None, "intensity": None}


def test_rain_starting_says_when_and_how_hard():
    found = nowcast.summary(steps(0, 0, 0.2, 0.4, 0.5, 0.1, 0, 0))
    # 0.5 mm in 15 minutes is 2 mm/h: light
    assert found == {"kind": "starting", "at": TIMES[2], "intensity": "light"}


def test_rain_stopping_and_ongoing():
    assert nowcast.summary(steps(1.0, 1.0, 0.5, 0, 0, 0, 0, 0)) == {
        "kind": "stopping",
        "at": TIMES[3],
        "intensity": "moderate",  # 4 mm/h
    }
    assert nowcast.summary(steps(*[2.0] * 8)) == {
        "kind": "ongoing",
        "at": None,
        "intensity": "heavy",  # 8 mm/h
    }


@pytest.mark.parametrize(
    ("rate", "word"),
    [
        (0.05, None),
        (0.1, "light"),
        (2.49, "light"),
        (2.5, "moderate"),
        (7.59, "moderate"),
        (7.6, "heavy"),
    ],
)
def test_intensity_bands(rate, word):
    assert nowcast.intensity(rate) == word


@pytest.mark.parametrize(
    ("latitude", "longitude", "source"),
    [
        (48.85, 2.35, "minutely_15"),  # Paris
        (52.52, 13.41, "minutely_15"),  # Berlin
        (40.71, -74.01, "minutely_15"),  # New York
        (33.45, -112.07, "minutely_15"),  # Phoenix
        (-33.87, 151.21, "interpolated"),  # Sydney
        (35.69, 139.69, "interpolated"),  # Tokyo
        (64.14, -21.9, "interpolated"),  # Reykjavík
    ],
)
def test_real_15_minute_data_only_in_central_europe_and_north_america(latitude, longitude, source):
    assert nowcast.source_for(latitude, longitude) == source


def test_without_15_minute_steps_the_hourly_rows_are_interpolated():
    hourly = [
        {"time": "2026-12-07T14:00:00+01:00", "precipitation": 0.0},
        {"time": "2026-12-07T15:00:00+01:00", "precipitation": 0.0},
        {"time": "2026-12-07T16:00:00+01:00", "precipitation": 4.0},
        {"time": "2026-12-07T17:00:00+01:00", "precipitation": 0.0},
    ]
    found = nowcast.nowcast(48.85, 2.35, [], hourly, "2026-12-07T14:30:00+01:00")
    assert found["source"] == "interpolated"  # even in Paris: the steps are ours
    assert [s["precipitation"] for s in found["steps"]] == [0, 0, 1.0, 1.0, 1.0, 1.0, 0, 0]
    assert found["summary"] == {
        "kind": "starting",
        "at": "2026-12-07T15:00:00+01:00",
        "intensity": "moderate",
    }


def test_next_rain_from_the_steps_then_the_hours():
    assert nowcast.next_rain(steps(0, 0, 0, 0.3, 0, 0, 0, 0), []) == TIMES[3]
    hourly = [
        {"time": "2026-12-07T15:00:00+01:00", "precipitation": 3.0},  # within the steps
        {"time": "2026-12-07T19:00:00+01:00", "precipitation": 0.0},
        {"time": "2026-12-07T20:00:00+01:00", "precipitation": 0.6},
    ]
    assert nowcast.next_rain(steps(*[0] * 8), hourly) == "2026-12-07T19:00:00+01:00"
    assert nowcast.next_rain(steps(*[0] * 8), hourly[:2]) is None


@pytest.mark.parametrize(
    ("index", "band"),
    [
        (None, None),
        (0, "low"),
        (2.4, "low"),
        (2.5, "moderate"),
        (5.4, "moderate"),
        (6, "high"),
        (7.4, "high"),
        (8, "very_high"),
        (10.4, "very_high"),
        (11, "extreme"),
        (14, "extreme"),
    ],
)
def test_uv_bands(index, band):
    assert uv_band(index) == band
