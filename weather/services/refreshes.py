"""Bulk refreshes, the use case: who may refresh how many places, and starting the refresh.
The chunks' work is weather.jobs.bulk; publishing them is weather.worker.queue.

Operators refresh anything. A signed-in person refreshes their favourites (the account's list,
weather.models.people); an anonymous visitor the places their browser session has searched
(the SPA's favourites come from searches). Either at most BULK_REFRESH_PUBLIC_MAX_PLACES, and
the refresh is theirs: only they or an operator cancel it.
"""

from __future__ import annotations

from django.conf import settings

from weather.models import BulkRefresh, Favourite, Location, WeatherSearch
from weather.models.permissions import Viewer
from weather.worker import queue


class RefreshRefused(Exception):
    """The caller may not refresh these places; `field` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class OperatorsOnly(RefreshRefused):
    """Only operators may ask for this refresh."""


class NoSession(RefreshRefused):
    """A visitor without a session (no search yet) owns no place to refresh."""


def start_refresh(
    location_ids: list[int] | None, *, viewer: Viewer, requested_by: str
) -> BulkRefresh:
    """Starts a refresh of these places (None: every stored location, for operators).
    Raises RefreshRefused, or queue.PublishFailed."""
    operator = viewer.operator
    if location_ids is None and not operator:
        raise OperatorsOnly("all_locations", "Only operators may refresh every location.")
    ids = _every_location() if location_ids is None else _allowed(location_ids, viewer)
    owned = {"owner_visitor": viewer.visitor, "owner_id": viewer.user_id}
    return queue.start_bulk_refresh(
        ids, requested_by=requested_by if operator else "anonymous", owned=owned
    )


def cancel_refresh(refresh_id, *, viewer: Viewer) -> bool:
    """Cancels the refresh if this viewer owns it (or is an operator); False when there is no
    such refresh for them (someone else's is not told apart from none)."""
    refresh = BulkRefresh.objects.filter(pk=refresh_id).first()
    if refresh is None or not viewer.owns(refresh):
        return False
    BulkRefresh.cancel(refresh_id)
    return True


def _allowed(location_ids: list[int], viewer: Viewer) -> list[int]:
    if viewer.operator:
        limit = settings.BULK_REFRESH_MAX_PLACES
    else:
        limit = settings.BULK_REFRESH_PUBLIC_MAX_PLACES
    if len(set(location_ids)) > limit:
        raise RefreshRefused("location_ids", f"At most {limit} places per refresh.")
    if viewer.operator:
        return location_ids
    if viewer.user_id is not None:
        return _favourites_only(location_ids, viewer.user_id)
    if viewer.visitor is None:
        raise NoSession("location_ids", "Search for a place first: you refresh your own places.")
    searched = set(
        WeatherSearch.objects.visible_to(viewer)
        .filter(location__geonames_id__in=location_ids)
        .values_list("location__geonames_id", flat=True)
    )
    if others := sorted(set(location_ids) - searched):
        raise RefreshRefused(
            "location_ids", f"Only places you have searched may be refreshed, not {others[:5]}."
        )
    return location_ids


def _favourites_only(location_ids: list[int], user_id: int) -> list[int]:
    favourites = set(
        Favourite.objects.filter(user_id=user_id, location__geonames_id__in=location_ids)
        .values_list("location__geonames_id", flat=True)
    )  # fmt: skip
    if others := sorted(set(location_ids) - favourites):
        raise RefreshRefused(
            "location_ids", f"Only your favourites may be refreshed, not {others[:5]}."
        )
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
