"""The app's tables: `tables` (searches, places, statistics, notifications, reports), `records`
(bulk refreshes and maintenance runs) and `mapping` (provider data to rows and back)."""

from weather.models.records import BulkRefresh, MaintenanceReport
from weather.models.tables import (
    Location,
    LocationStatistics,
    Notification,
    OperatorAlert,
    WeatherReport,
    WeatherSearch,
)

__all__ = [
    "BulkRefresh",
    "Location",
    "LocationStatistics",
    "MaintenanceReport",
    "Notification",
    "OperatorAlert",
    "WeatherReport",
    "WeatherSearch",
]
