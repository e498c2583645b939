"""Rows nothing else deletes, purged by the weekly maintenance: old bulk refresh records,
places nothing names any more (anyone may store one by its GeoNames id), expired
idempotency keys."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from weather.jobs import maintenance, retention
from weather.models import (
    BulkRefresh,
    Favourite,
    IdempotencyKey,
    Location,
    LocationStatistics,
    WeatherSearch,
)
from weather.tests.factories import (
    LocationFactory,
    LocationStatisticsFactory,
    NotificationFactory,
    WeatherSearchFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def unseen_place(geonames_id: int, days: float = 100) -> Location:
    """A place stored `days` ago by someone asking for its id, and never written since."""
    location = LocationFactory(geonames_id=geonames_id, name=f"Place {geonames_id}")
    Location.objects.filter(pk=location.pk).update(created_at=ago(days), updated_at=ago(days))
    return location


def refresh_of(ids: list[int], *, days: float = 0) -> BulkRefresh:
    return BulkRefresh.objects.create(location_ids=ids, chunk_size=50, created_at=ago(days))


def test_bulk_refresh_records_older_than_their_retention_are_deleted(settings):
    settings.BULK_REFRESH_RETENTION_DAYS = 30
    old = [refresh_of([1], days=31), refresh_of([2], days=45)]
    kept = refresh_of([3], days=29)
    assert retention.purge_bulk_refreshes() == 2
    assert list(BulkRefresh.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not BulkRefresh.objects.filter(pk__in=[r.pk for r in old]).exists()


def test_places_nothing_names_are_deleted_with_their_old_statistics(settings):
    settings.LOCATION_RETENTION_DAYS = 90
    stored_by_anyone = [unseen_place(9_000_000 + n) for n in range(3)]
    searched_long_ago = unseen_place(9_100_000)
    LocationStatisticsFactory(location=searched_long_ago, last_searched_at=ago(120))
    assert retention.purge_locations() == 4
    gone = [*stored_by_anyone, searched_long_ago]
    assert not Location.objects.filter(pk__in=[p.pk for p in gone]).exists()
    assert not LocationStatistics.objects.exists()


def test_a_place_something_names_is_kept(settings):
    settings.LOCATION_RETENTION_DAYS = 90
    searched = unseen_place(9_000_001)
    WeatherSearchFactory(location=searched, created_at=ago(100))
    notified = unseen_place(9_000_002)
    NotificationFactory(search=WeatherSearchFactory(), location=notified)
    in_a_favourite_refresh = unseen_place(9_000_003)
    refresh_of([123, in_a_favourite_refresh.geonames_id, 456])
    searched_lately = unseen_place(9_000_004)
    LocationStatisticsFactory(location=searched_lately, last_searched_at=ago(10))
    stored_lately = unseen_place(9_000_005, days=5)
    someones_favourite = unseen_place(9_000_007)
    Favourite.objects.create(
        user=get_user_model().objects.create_user("ana"), location=someones_favourite
    )
    kept = [
        searched,
        notified,
        in_a_favourite_refresh,
        searched_lately,
        stored_lately,
        someones_favourite,
    ]

    assert retention.purge_locations() == 0
    assert Location.objects.filter(pk__in=[p.pk for p in kept]).count() == len(kept)
    assert WeatherSearch.objects.filter(location=searched).count() == 1


def test_a_place_is_deleted_once_its_refresh_record_is(settings):
    settings.BULK_REFRESH_RETENTION_DAYS, settings.LOCATION_RETENTION_DAYS = 30, 30
    place = unseen_place(9_000_006, days=40)
    refresh_of([place.geonames_id], days=40)
    report = maintenance.run().report["purged"]
    assert (report["bulk_refreshes"], report["locations"]) == (1, 1)
    assert not Location.objects.filter(pk=place.pk).exists()


def _purge_paris() -> None:
    WeatherSearch.objects.all().delete()
    LocationStatistics.objects.all().delete()  # if a running worker processed the search
    Location.objects.update(updated_at=ago(2))
    assert retention.purge_locations() == 1


@pytest.mark.parametrize("key", [None, "a-retry-safe-key"])
def test_a_search_of_a_purged_place_stores_it_again(api, fake_open_meteo, settings, key):
    settings.LOCATION_RETENTION_DAYS = 1
    api.post("/api/v1/searches/", {"city": "Paris"}, format="json")  # this process remembers it
    _purge_paris()
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    again = api.post("/api/v1/searches/", {"city": "Paris"}, format="json", **headers)
    assert again.status_code == 201
    assert WeatherSearch.objects.get().location.geonames_id == again.json()["location"]["id"]


def test_the_maintenance_forgets_expired_idempotency_keys(settings):
    settings.IDEMPOTENCY_KEY_TTL_S = 3600
    for age_s in (7200, 60):
        IdempotencyKey.objects.create(
            scope="searches",
            key=str(uuid.uuid4()),
            fingerprint="f",
            status_code=201,
            body="{}",
            content_type="application/json",
            created_at=timezone.now() - dt.timedelta(seconds=age_s),
        )
    assert maintenance.run().report["purged"]["idempotency_keys"] == 1
    assert IdempotencyKey.objects.count() == 1
