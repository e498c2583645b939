"""The Django admin: searches and places, bulk refreshes and maintenance runs, and the
read-only records operators look at (statistics, notifications, reports, alerts)."""

from weather.admin import (  # noqa: F401  (each registers its models)
    alerts,
    operators,
    refreshes,
    searches,
)
