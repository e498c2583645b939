"""Upstream weather APIs. The only code in the project that talks HTTP to the outside world."""

from .base import (
    CurrentConditions,
    DailyForecast,
    Forecast,
    HourlyForecast,
    Place,
    ProviderBadResponse,
    ProviderError,
    ProviderRateLimited,
    ProviderServerError,
    ProviderTimeout,
    ProviderUnavailable,
)

__all__ = [
    "CurrentConditions",
    "DailyForecast",
    "Forecast",
    "HourlyForecast",
    "Place",
    "ProviderBadResponse",
    "ProviderError",
    "ProviderRateLimited",
    "ProviderServerError",
    "ProviderTimeout",
    "ProviderUnavailable",
]
