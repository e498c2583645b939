"""A searched place's row: written in one statement, inserted once, brought up to date after."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from weather.models import Location
from weather.models.places import forget_all_locations, upsert_location
from weather.providers import Place

pytestmark = pytest.mark.django_db

PARIS = Place(
    id=2988507,
    name="Paris",
    latitude=48.85341,
    longitude=2.3488,
    country="France",
    country_code="FR",
    admin1="Île-de-France",
    timezone="Europe/Paris",
    population=2138551,
    elevation_m=42.0,
    feature_code="PPLC",
)


def test_a_new_place_is_inserted_in_one_statement_and_an_updated_one_overwritten():
    forget_all_locations()
    with CaptureQueriesContext(connection) as queries:
        location = upsert_location(PARIS)
    assert len(queries) == 1
    stored = Location.objects.get(geonames_id=PARIS.id)
    assert (location.pk, stored.name, stored.population) == (stored.pk, "Paris", 2138551)
    first_update = stored.updated_at

    forget_all_locations()
    renamed = dataclasses.replace(PARIS, name="Paris (75)", population=2100000)
    again = upsert_location(renamed)
    stored = Location.objects.get(geonames_id=PARIS.id)
    assert again.pk == stored.pk and Location.objects.count() == 1
    assert again.created_at == stored.created_at == location.created_at  # the first write's
    assert (stored.name, stored.population) == ("Paris (75)", 2100000)
    assert stored.updated_at > first_update
