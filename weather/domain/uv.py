"""The UV index in bands, as the WHO's Global Solar UV Index words them: the SPA gives the
advice for each band in the visitor's language."""

from __future__ import annotations

# The lowest index of each band, highest first (the index is read rounded to a whole number).
UV_BANDS = (("extreme", 11), ("very_high", 8), ("high", 6), ("moderate", 3), ("low", 0))


def uv_band(index: float | None) -> str | None:
    """ "low" (0-2), "moderate" (3-5), "high" (6-7), "very_high" (8-10), "extreme" (11+),
    or None when the index is unknown."""
    if index is None:
        return None
    whole = int(index + 0.5) if index > 0 else 0  # half up: 2.5 is already moderate
    return next(band for band, lowest in UV_BANDS if whole >= lowest)
