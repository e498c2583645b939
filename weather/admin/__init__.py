"""The Django admin: searches and places, bulk refreshes and maintenance runs, people (their
preferences and favourites), and the read-only records operators look at (statistics,
notifications, reports, alerts)."""

from weather.admin import (  # noqa: F401  (each registers its models)
    alerts,
    operators,
    people,
    refreshes,
    searches,
)
