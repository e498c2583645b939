"""Air quality in words: EEA and EPA bands, pollen levels, and no band for what is missing."""

from __future__ import annotations

import pytest

from weather.domain.air_quality import (
    EUROPEAN_AQI_BANDS,
    POLLEN_SPECIES,
    POLLEN_THRESHOLDS,
    US_AQI_BANDS,
    european_aqi_band,
    pollen_level,
    scales,
    us_aqi_band,
)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (0, "good"),
        (20, "good"),  # an edge belongs to the better band
        (20.5, "fair"),
        (40, "fair"),
        (41, "moderate"),
        (60, "moderate"),
        (61, "poor"),
        (80, "poor"),
        (81, "very_poor"),
        (100, "very_poor"),
        (101, "extremely_poor"),
        (650, "extremely_poor"),
    ],
)
def test_european_aqi_bands_follow_the_eea_scale(value, key):
    assert european_aqi_band(value).key == key


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (0, "good"),
        (50, "good"),
        (50.4, "good"),  # the US index is a whole number
        (51, "moderate"),
        (100, "moderate"),
        (101, "unhealthy_for_sensitive_groups"),
        (150, "unhealthy_for_sensitive_groups"),
        (151, "unhealthy"),
        (200, "unhealthy"),
        (201, "very_unhealthy"),
        (300, "very_unhealthy"),
        (301, "hazardous"),
        (500, "hazardous"),
    ],
)
def test_us_aqi_bands_follow_the_epa_scale(value, key):
    assert us_aqi_band(value).key == key


@pytest.mark.parametrize("value", [None, -1, float("nan"), float("inf")])
def test_a_missing_or_impossible_value_has_no_band(value):
    assert european_aqi_band(value) is None
    assert us_aqi_band(value) is None
    assert pollen_level("birch", value) is None


def test_the_standard_colours_come_with_each_band():
    assert european_aqi_band(10).colour == "#50f0e6"
    assert european_aqi_band(150).colour == "#7d2181"
    assert us_aqi_band(10).colour == "#00e400"
    assert us_aqi_band(400).colour == "#7e0023"


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("band", EUROPEAN_AQI_BANDS + US_AQI_BANDS, ids=lambda b: b.key)
def test_each_bands_text_is_readable_on_its_colour(band):
    light, dark = sorted((_luminance(band.colour), _luminance(band.text_colour)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


@pytest.mark.parametrize(
    ("species", "value", "level"),
    [
        ("birch", 0, "low"),
        ("birch", 10, "low"),
        ("birch", 11, "moderate"),
        ("birch", 70, "high"),
        ("birch", 300, "very_high"),
        ("grass", 20, "moderate"),
        ("grass", 50, "high"),
        ("grass", 150, "very_high"),
        ("ragweed", 6, "moderate"),
        ("ragweed", 40, "very_high"),
        ("olive", 201, "high"),
    ],
)
def test_pollen_levels_per_species(species, value, level):
    assert pollen_level(species, value) == level


def test_every_species_has_increasing_thresholds():
    for species in POLLEN_SPECIES:
        low, moderate, high = POLLEN_THRESHOLDS[species]
        assert 0 < low < moderate < high


def test_the_scales_list_every_band_in_order():
    found = scales()
    assert [b["key"] for b in found["european_aqi"]][-1] == "extremely_poor"
    assert [b["upto"] for b in found["us_aqi"]] == [50, 100, 150, 200, 300, None]
    assert set(found["pollen"]) == set(POLLEN_SPECIES)
