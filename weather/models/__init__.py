"""The app's tables: `tables` (searches, places, statistics, notifications, reports), `records`
(bulk refreshes and maintenance runs), `gazetteer` (GeoNames' places, for local lookups) and
`mapping` (provider data to rows and back)."""

from weather.models.alerts import (
    AlertDelivery,
    AlertEvent,
    AlertSubscription,
    PushSubscription,
)
from weather.models.gazetteer import GazetteerLoad, GazetteerName, GazetteerPlace
from weather.models.idempotency import IdempotencyKey
from weather.models.people import Favourite, Preferences
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
    "AlertDelivery",
    "AlertEvent",
    "AlertSubscription",
    "BulkRefresh",
    "Favourite",
    "GazetteerLoad",
    "GazetteerName",
    "GazetteerPlace",
    "IdempotencyKey",
    "Location",
    "LocationStatistics",
    "MaintenanceReport",
    "Notification",
    "OperatorAlert",
    "Preferences",
    "PushSubscription",
    "WeatherReport",
    "WeatherSearch",
]
