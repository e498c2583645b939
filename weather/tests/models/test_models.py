"""State changes that live on the models: claims, failures, expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from weather.models import Notification, WeatherSearch
from weather.tests.factories import NotificationFactory, WeatherSearchFactory

pytestmark = pytest.mark.django_db


# --- Cleanup --------------------------------------------------------------------------------


def test_cleanup_deletes_exactly_the_expired_searches_and_their_notifications(settings):
    settings.SEARCH_RETENTION_DAYS = 30
    now = timezone.now()
    expired = [
        WeatherSearchFactory(created_at=now - dt.timedelta(days=30, minutes=1 + i))
        for i in range(5)
    ]
    kept = [
        WeatherSearchFactory(created_at=now - dt.timedelta(days=29, hours=23)),
        WeatherSearchFactory(created_at=now),
    ]
    for search in expired[:2] + kept[:1]:
        NotificationFactory(search=search)

    deleted = WeatherSearch.objects.delete_expired(batch_size=2)  # three batches: 2, 2, 1

    assert deleted == 5
    assert set(WeatherSearch.objects.values_list("id", flat=True)) == {s.id for s in kept}
    assert list(Notification.objects.values_list("search_id", flat=True)) == [kept[0].id]
    assert WeatherSearch.objects.delete_expired() == 0
