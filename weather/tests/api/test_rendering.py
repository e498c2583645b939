"""The weather body is built from plain data (`rendering.weather_data`), not by DRF fields; the
documented `WeatherOutput` still owns its shape: both must render the same body, and it must
match the OpenAPI schema's component."""

from __future__ import annotations

import dataclasses
import json

import pytest
from drf_spectacular.generators import SchemaGenerator
from openapi_schema_validator import OAS30Validator

from weather.api import rendering
from weather.api.serializers.public import (
    SearchRecordOutput,
    WeatherOutput,
    WeatherSummaryOutput,
)
from weather.domain.units import Units
from weather.jobs.processing import process_search
from weather.models import WeatherSearch
from weather.models.mapping import weather_of
from weather.services import searches as services

pytestmark = pytest.mark.django_db

CITIES = ["Paris", "Berlin", "Tokyo", "Reykjavík", "Yakutsk", "Phoenix", "Sydney"]


@pytest.fixture(scope="module")
def weather_schema() -> OAS30Validator:
    schema = json.loads(json.dumps(SchemaGenerator().get_schema(public=True), default=str))
    root = {"$ref": "#/components/schemas/WeatherOutput", "components": schema["components"]}
    return OAS30Validator(root)


def _variants(weather):
    for stale in (False, True):
        for lang in ("en", "fr"):
            for unit_system in ("metric", "imperial", Units("fahrenheit", "bft", "mm")):
                yield dataclasses.replace(weather, stale=stale), lang, unit_system


def _as_json(data) -> object:
    return json.loads(json.dumps(data))


def test_rendered_bodies_match_the_schema_and_the_documented_serializer(
    fake_open_meteo, weather_schema
):
    for city in CITIES:
        weather = services.read_weather(services.PlaceQuery(city=city)).weather()
        for variant, lang, unit_system in _variants(weather):
            body = rendering.weather_data(variant, lang=lang, unit_system=unit_system)
            weather_schema.validate(_as_json(body))
            context = {"lang": lang, "unit_system": unit_system}
            assert body == WeatherOutput(variant, context=context).data, (city, lang, unit_system)
            assert body["stale"] is variant.stale and len(body["hourly"]) == 48


def test_a_stored_search_renders_as_the_serializer_does(fake_open_meteo, weather_schema):
    for city in ("Paris", "Sydney"):
        services.search_weather(services.PlaceQuery(city=city, lang="fr"))
    for search in WeatherSearch.objects.select_related("location"):
        for variant, lang, unit_system in _variants(weather_of(search)):
            context = {"lang": lang, "unit_system": unit_system}
            body = rendering.weather_data(variant, lang=lang, unit_system=unit_system)
            weather_schema.validate(_as_json(body))
            assert body == WeatherOutput(variant, context=context).data
            summary = rendering.weather_data(
                variant, lang=lang, unit_system=unit_system, with_rows=False
            )
            assert summary == WeatherSummaryOutput(variant, context=context).data


def test_missing_and_integer_values_render_as_the_serializer_does(fake_open_meteo):
    weather = services.read_weather(services.PlaceQuery(city="Berlin")).weather()
    hourly = [{"time": "2026-01-15T13:00:00+01:00", "temperature": 3, "is_day": 1}]
    daily = [{"date": "2026-01-15", "weather_code": 3.0, "precipitation_probability_max": 40}]
    current = dataclasses.replace(weather.current, relative_humidity_pct=80, weather_code=None)
    odd = dataclasses.replace(weather, current=current, rows={"hourly": hourly, "daily": daily})
    for variant, lang, unit_system in _variants(odd):
        context = {"lang": lang, "unit_system": unit_system}
        body = rendering.weather_data(variant, lang=lang, unit_system=unit_system)
        assert json.dumps(body) == json.dumps(WeatherOutput(variant, context=context).data)


def test_a_search_record_renders_as_the_serializer_does(fake_open_meteo):
    for city in ("Paris", "Sydney"):
        services.search_weather(services.PlaceQuery(city=city, lang="fr"))
    first = WeatherSearch.objects.order_by("id").first()
    process_search(first.pk)  # a processing result (statistics, analysis, alerts) too
    WeatherSearch.objects.filter(pk=first.pk).update(task_id="")  # no task to point at
    for search in WeatherSearch.objects.select_related("location"):
        for lang in ("en", "fr"):
            for unit_system in ("metric", "imperial", Units("fahrenheit", "bft", "mm")):
                context = rendering.record_context(lang, unit_system)
                expected = SearchRecordOutput(search, context=context).data
                data = rendering.search_record_data(search, lang=lang, unit_system=unit_system)
                assert json.dumps(data) == json.dumps(expected), (search.pk, lang, unit_system)
    assert {s.processing_status for s in WeatherSearch.objects.all()} == {"processed", "pending"}
