"""Each quantity in the unit a request chose: conversions, Beaufort, shorthands, bad units."""

from __future__ import annotations

import pytest

from weather.domain import units
from weather.domain.units import Units


@pytest.mark.parametrize(
    ("kmh", "force"),
    [
        (0.0, 0),
        (0.9, 0),
        (1.0, 1),
        (5.9, 1),
        (6.0, 2),
        (19.9, 3),
        (20.0, 4),
        (38.9, 5),
        (49.9, 6),
        (50.0, 7),
        (61.9, 7),
        (62.0, 8),
        (88.9, 9),
        (102.9, 10),
        (117.9, 11),
        (118.0, 12),
        (250.0, 12),
    ],
)
def test_beaufort_forces_follow_the_wmo_table(kmh, force):
    assert units.beaufort(kmh) == force
    assert units.wind_speed(kmh, Units(wind_speed="bft")) == force


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("kmh", 36.0), ("ms", 10.0), ("mph", 22.4), ("kn", 19.4), ("bft", 5)],
)
def test_wind_speed_in_each_unit(unit, expected):
    assert units.wind_speed(36.0, Units(wind_speed=unit)) == expected


def test_temperature_and_precipitation_units():
    assert units.temperature(20.0, Units(temperature="fahrenheit")) == 68.0
    assert units.temperature(-40.0, "imperial") == -40.0
    assert units.temperature(20.0, Units()) == 20.0
    assert units.temperature_difference(5.0, Units(temperature="fahrenheit")) == 9.0
    assert units.precipitation(25.4, Units(precipitation="inch")) == 1.0
    assert units.precipitation(3.2, "metric") == 3.2
    assert units.wind_speed(None, Units(wind_speed="bft")) is None


def test_each_quantity_overrides_the_shorthand():
    chosen = units.choose("imperial", wind_speed="bft")
    assert chosen == Units("fahrenheit", "bft", "inch")
    assert chosen.system == "custom"
    assert chosen.nearest_system == "imperial"
    assert chosen.labels["wind_speed"] == "Bft" and chosen.labels["precipitation"] == "in"
    assert chosen.choice == {
        "temperature_unit": "fahrenheit",
        "wind_unit": "bft",
        "precipitation_unit": "inch",
    }
    assert units.choose("metric") == Units() and Units().system == "metric"
    assert units.choose("metric", temperature="fahrenheit", wind_speed="mph", precipitation="inch")
    assert (
        units.choose(
            "metric", temperature="fahrenheit", wind_speed="mph", precipitation="inch"
        ).system
        == "imperial"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"system": "nautical"}, "unit system"),
        ({"temperature": "kelvin"}, "temperature_unit"),
        ({"wind_speed": "furlongs"}, "wind_unit"),
        ({"precipitation": "cm"}, "precipitation_unit"),
    ],
)
def test_unknown_units_are_refused_by_name(kwargs, message):
    with pytest.raises(ValueError, match=message):
        units.choose(**kwargs)
