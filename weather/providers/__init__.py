"""The outside world over HTTP: the only code in the project that talks HTTP out.

`open_meteo` is the upstream weather API (geocoding and forecasts, returning the dataclasses
and raising the errors below); `webhook` POSTs our notifications to the operator's URL.
"""

from weather.providers.base import (
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
