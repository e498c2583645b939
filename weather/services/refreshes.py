"""Bulk refreshes, the use case: who may refresh how many places, and starting the refresh.
The chunks' work is weather.jobs.bulk; publishing them is weather.worker.queue."""

from __future__ import annotations

from django.conf import settings

from weather.models import BulkRefresh, Location
from weather.worker import queue


class RefreshRefused(Exception):
    """The caller may not refresh these places; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class OperatorsOnly(RefreshRefused):
    """Only operators may ask for this refresh."""


def start_refresh(
    location_ids: list[int] | None, *, operator: bool, requested_by: str
) -> BulkRefresh:
    """Starts a refresh of these places (None: every stored location, for operators).
    Anyone refreshes up to BULK_REFRESH_PUBLIC_MAX_PLACES distinct places, operators up to
    BULK_REFRESH_MAX_PLACES. Raises RefreshRefused, or queue.PublishFailed."""
    if location_ids is None and not operator:
        raise OperatorsOnly("all_locations", "Only operators may refresh every location.")
    ids = _every_location() if location_ids is None else _allowed(location_ids, operator)
    return queue.start_bulk_refresh(ids, requested_by=requested_by if operator else "anonymous")


def _allowed(location_ids: list[int], operator: bool) -> list[int]:
    if operator:
        limit = settings.BULK_REFRESH_MAX_PLACES
    else:
        limit = settings.BULK_REFRESH_PUBLIC_MAX_PLACES
    if len(set(location_ids)) > limit:
        raise RefreshRefused("location_ids", f"At most {limit} places per refresh.")
    return location_ids


def _every_location() -> list[int]:
    ids = list(Location.objects.order_by("pk").values_list("geonames_id", flat=True))
    if not ids:
        raise RefreshRefused("all_locations", "No location is stored.")
    if len(ids) > settings.BULK_REFRESH_MAX_PLACES:
        raise RefreshRefused(
            "all_locations", f"More than {settings.BULK_REFRESH_MAX_PLACES} stored."
        )
    return ids
