"""Open-Meteo's air-quality API (`/v1/air-quality`, CAMS Europe and global models): the
European and US AQI and the main pollutants now and by the hour, and pollen where the models
have it (Europe, in season).

It is called like the forecast, through `open_meteo._get_json`: the same connection pool,
retries, circuit breaker and weighted budget. Each attempt spends what Open-Meteo bills for
it (`open_meteo.call_weight`): 18 variables (6 current, 12 hourly) over 3 days weigh 1.8
calls, rounded up to 2. Current pollen is read from the hourly rows instead of being asked for
again (6 more variables would make it 2.4, so 3).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from weather.providers.air_quality_answer import POLLEN, POLLUTANTS, parse_air_quality
from weather.providers.open_meteo import _get_json, call_weight, unexpected_shape

ENDPOINT = "air_quality"  # the metrics' endpoint label
CURRENT_VARIABLES = POLLUTANTS
HOURLY_VARIABLES = POLLUTANTS + POLLEN
# Hourly rows start at local midnight: three days hold the next 48 hours at any time of day.
FORECAST_DAYS = 3


def air_quality_params(latitude: float, longitude: float) -> dict[str, Any]:
    return {
        "latitude": f"{latitude:.4f}",
        "longitude": f"{longitude:.4f}",
        "current": ",".join(CURRENT_VARIABLES),
        "hourly": ",".join(HOURLY_VARIABLES),
        "timezone": "auto",
        "forecast_days": FORECAST_DAYS,
        "domains": "auto",  # CAMS Europe where it covers, CAMS global elsewhere
    }


def get_air_quality(latitude: float, longitude: float) -> dict:
    """The point's air quality as plain data (`air_quality_answer.parse_air_quality`)."""
    params = air_quality_params(latitude, longitude)
    url = f"{settings.OPEN_METEO_AIR_QUALITY_URL}/air-quality"
    data = _get_json(ENDPOINT, url, params, cost=call_weight(params))
    if not isinstance(data, dict) or "latitude" not in data:
        raise unexpected_shape(ENDPOINT, "air quality")
    return parse_air_quality(data)
