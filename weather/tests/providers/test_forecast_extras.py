"""The forecast's UV, 15-minute steps and yesterday, read by the real client from the fake
upstream's answer (its documented shape: `past_days` and `past_hours` prepend the past)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from weather.providers import open_meteo

pytestmark = pytest.mark.django_db

PARIS = 2988507


def test_the_next_two_hours_by_quarter_from_the_current_one(fake_open_meteo):
    fake_open_meteo.set_weather(PARIS, minutely_precipitation=[0.0, 0.1, 0.2, 0.3])
    forecast = open_meteo.get_forecast(48.85341, 2.3488)
    steps = forecast.minutely_15
    assert len(steps) == 8 and steps[0].time == forecast.current.time
    assert all(b.time - a.time == dt.timedelta(minutes=15) for a, b in itertools.pairwise(steps))
    assert [s.precipitation_mm for s in steps[:4]] == [0.0, 0.1, 0.2, 0.3]


def test_yesterday_is_this_hour_a_day_back_and_the_rows_still_start_now(fake_open_meteo):
    fake_open_meteo.set_weather(PARIS, trend_per_day=10)
    forecast = open_meteo.get_forecast(48.85341, 2.3488)
    this_hour = forecast.current.time.replace(minute=0)
    assert forecast.yesterday.time == this_hour - dt.timedelta(days=1)
    assert forecast.hourly[0].time == this_hour and len(forecast.hourly) == 48
    assert forecast.hourly[0].temperature_c - forecast.yesterday.temperature_c > 5
    assert forecast.daily[0].date == this_hour.date() and len(forecast.daily) == 7


def test_uv_now_by_hour_and_by_day(fake_open_meteo):
    fake_open_meteo.set_weather(PARIS, uv_index=6.5, uv_index_max=7.1)
    forecast = open_meteo.get_forecast(48.85341, 2.3488)
    assert forecast.uv_index == 6.5
    assert {hour.uv_index for hour in forecast.hourly} == {6.5}
    assert forecast.daily[0].uv_index_max == 7.1
