"""Air quality in words: the band of a European or US AQI value and the level of a pollen
count, each as a key the SPA translates, with the scale's standard colours.

    european_aqi_band(35)      -> Band("fair", "#50ccaa", "#000000")
    us_aqi_band(120)           -> Band("unhealthy_for_sensitive_groups", ...)
    pollen_level("birch", 80)  -> "high"

A missing value (None) has no band or level: it is "not available", never "good".
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    key: str  # translated by the SPA
    colour: str  # the scale's own colour for it
    text_colour: str  # readable on `colour` (contrast of 4.5:1 or better)
    upto: float | None  # the band's highest value (inclusive); None: no upper end


# The European Environment Agency's European Air Quality Index as Open-Meteo computes it:
# 0-20 good, 20-40 fair, 40-60 moderate, 60-80 poor, 80-100 very poor, above 100 extremely
# poor; a value on an edge belongs to the better band. Colours are the EEA's.
EUROPEAN_AQI_BANDS = (
    Band("good", "#50f0e6", "#000000", 20),
    Band("fair", "#50ccaa", "#000000", 40),
    Band("moderate", "#f0e641", "#000000", 60),
    Band("poor", "#ff5050", "#000000", 80),
    Band("very_poor", "#960032", "#ffffff", 100),
    Band("extremely_poor", "#7d2181", "#ffffff", None),
)

# The US EPA's Air Quality Index: 0-50 good, 51-100 moderate, 101-150 unhealthy for
# sensitive groups, 151-200 unhealthy, 201-300 very unhealthy, 301 and above hazardous.
# Colours are the EPA's (green, yellow, orange, red, purple, maroon).
US_AQI_BANDS = (
    Band("good", "#00e400", "#000000", 50),
    Band("moderate", "#ffff00", "#000000", 100),
    Band("unhealthy_for_sensitive_groups", "#ff7e00", "#000000", 150),
    Band("unhealthy", "#ff0000", "#000000", 200),
    Band("very_unhealthy", "#8f3f97", "#ffffff", 300),
    Band("hazardous", "#7e0023", "#ffffff", None),
)

POLLEN_SPECIES = ("alder", "birch", "grass", "mugwort", "olive", "ragweed")
POLLEN_LEVELS = ("low", "moderate", "high", "very_high")

# Grains per m³ (Open-Meteo's unit, from the CAMS models): the highest count of "low",
# "moderate" and "high" for each species; above the last is "very_high". There is no one
# standard: these follow the pollen load classes MeteoSwiss uses in its forecasts (weak,
# moderate, strong, very strong) for alder, birch, grass, mugwort and ragweed, and, for olive,
# which MeteoSwiss does not forecast, the thresholds of the Spanish Aerobiology Network (REA).
POLLEN_THRESHOLDS: dict[str, tuple[float, float, float]] = {
    "alder": (10, 69, 249),
    "birch": (10, 69, 299),
    "grass": (19, 49, 149),
    "mugwort": (5, 14, 49),
    "olive": (50, 200, 400),
    "ragweed": (5, 10, 39),
}


def _band(value: float | None, bands: tuple[Band, ...]) -> Band | None:
    if value is None or not math.isfinite(value) or value < 0:
        return None
    for band in bands:
        if band.upto is None or value <= band.upto:
            return band
    return None  # unreachable: the last band has no upper end


def european_aqi_band(value: float | None) -> Band | None:
    return _band(value, EUROPEAN_AQI_BANDS)


def us_aqi_band(value: float | None) -> Band | None:
    if value is None or not math.isfinite(value):
        return None
    # The US index is defined on whole numbers (50.4 is still "good").
    return _band(math.floor(value + 0.5), US_AQI_BANDS)


def pollen_level(species: str, value: float | None) -> str | None:
    """ "low", "moderate", "high" or "very_high" for a count of `species`, None when missing."""
    if value is None or not math.isfinite(value) or value < 0:
        return None
    for level, most in zip(POLLEN_LEVELS, POLLEN_THRESHOLDS[species], strict=False):
        if value <= most:
            return level
    return POLLEN_LEVELS[-1]


def scales() -> dict:
    """Every band and level with its bounds and colours, for a legend."""

    def bands(found: tuple[Band, ...]) -> list[dict]:
        return [
            {"key": b.key, "colour": b.colour, "text_colour": b.text_colour, "upto": b.upto}
            for b in found
        ]

    return {
        "european_aqi": bands(EUROPEAN_AQI_BANDS),
        "us_aqi": bands(US_AQI_BANDS),
        "pollen": {species: list(POLLEN_THRESHOLDS[species]) for species in POLLEN_SPECIES},
    }
