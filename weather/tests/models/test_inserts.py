"""A new row written by a statement made once per model: what save() would store."""

from __future__ import annotations

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from weather.models import WeatherSearch
from weather.models.inserts import insert
from weather.tests.factories import LocationFactory, WeatherSearchFactory, hourly_rows

pytestmark = pytest.mark.django_db


def test_a_new_search_is_stored_in_one_statement_as_save_stores_it():
    location = LocationFactory()
    unsaved = WeatherSearchFactory.build(
        location=location, forecast={"hourly": hourly_rows([1.5, 2.5])}, owner_visitor=None
    )
    with CaptureQueriesContext(connection) as queries:
        insert(unsaved)
    assert len(queries) == 1
    assert unsaved.pk and not unsaved._state.adding

    stored = WeatherSearch.objects.get(pk=unsaved.pk)
    assert stored.public_id == unsaved.public_id and stored.location_id == location.pk
    assert stored.forecast == {"hourly": hourly_rows([1.5, 2.5])}
    assert stored.created_at == unsaved.created_at
    ignored = {"id", "public_id"}
    assert model_to_dict(stored, exclude=ignored) == model_to_dict(unsaved, exclude=ignored)


def test_two_searches_get_their_own_ids():
    first, second = (WeatherSearchFactory.build(location=LocationFactory()) for _ in range(2))
    insert(first)
    insert(second)
    assert second.pk > first.pk and first.public_id != second.public_id
    assert WeatherSearch.objects.count() == 2
