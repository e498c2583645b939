"""Test data (factory-boy): rows of our models with plausible defaults, and the forecast rows
stored with a search.

    search = WeatherSearchFactory(temperature_c=-5.0)           # in Paris, a cold forecast
    berlin = LocationFactory(berlin=True)
    WeatherSearchFactory(location=berlin, created_at=yesterday)
    NotificationFactory(search=search, kind="frost")

`LocationFactory` gets or creates by GeoNames id, so searches share one row per place as they
do in production.
"""

from __future__ import annotations

import datetime as dt
import uuid

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from weather.models import Location, LocationStatistics, Notification, WeatherReport, WeatherSearch

PARIS = 2988507
BERLIN = 2950159
YAKUTSK = 2013159
# The fake's weather for a place warm (20 °C) on every day but tomorrow, at -8 °C: frost on
# one day only, whatever the hour (a 48-hour horizon from the small hours also reaches this
# night and the one after tomorrow, as cold as the climate makes them).
FROST_TOMORROW_ONLY = {"temperature": 20, "days": {"1": {"temperature": -8}}}


def hourly_rows(temperatures, *, wind=10.0, precipitation=0.0, start="2026-11-29T17:00:00+01:00"):
    """One stored hourly row per temperature, an hour apart from `start`."""
    base = dt.datetime.fromisoformat(start)
    return [
        {
            "time": (base + dt.timedelta(hours=i)).isoformat(),
            "temperature": t,
            "apparent_temperature": t,
            "precipitation_probability": 10,
            "precipitation": precipitation,
            "weather_code": 3,
            "wind_speed": wind,
            "is_day": True,
        }
        for i, t in enumerate(temperatures)
    ]


def daily_rows(low=3.0, high=9.0, *, rain=1.0, wind=20.0, days=7, start="2026-11-29"):
    """`days` stored daily rows from `start`, all alike."""
    first = dt.date.fromisoformat(start)
    return [
        {
            "date": (first + dt.timedelta(days=d)).isoformat(),
            "weather_code": 3,
            "temperature_max": high,
            "temperature_min": low,
            "precipitation_sum": rain,
            "precipitation_probability_max": 40,
            "wind_speed_max": wind,
            "sunrise": None,
            "sunset": None,
        }
        for d in range(days)
    ]


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ("geonames_id",)

    class Params:
        berlin = factory.Trait(
            geonames_id=BERLIN,
            name="Berlin",
            admin1="Land Berlin",
            country="Germany",
            country_code="DE",
            latitude=52.52,
            longitude=13.41,
            timezone="Europe/Berlin",
        )
        yakutsk = factory.Trait(
            geonames_id=YAKUTSK,
            name="Yakutsk",
            admin1="Sakha",
            country="Russia",
            country_code="RU",
            latitude=62.03,
            longitude=129.73,
            timezone="Asia/Yakutsk",
        )

    geonames_id = PARIS
    name = "Paris"
    admin1 = "Île-de-France"
    country = "France"
    country_code = "FR"
    latitude = 48.85
    longitude = 2.35
    timezone = "Europe/Paris"


class WeatherSearchFactory(DjangoModelFactory):
    """A stored search, still pending, whose forecast holds its current temperature all along."""

    class Meta:
        model = WeatherSearch

    location = factory.SubFactory(LocationFactory)
    query = factory.SelfAttribute("location.name")
    created_at = factory.LazyFunction(timezone.now)
    temperature_c = 8.0
    relative_humidity_pct = 80.0
    wind_speed_kmh = 12.0
    precipitation_mm = 0.0
    forecast = factory.LazyAttribute(
        lambda search: {"hourly": hourly_rows([search.temperature_c] * 48), "daily": daily_rows()}
    )
    task_id = factory.LazyFunction(lambda: str(uuid.uuid4()))

    class Params:
        # Freezing and stormy in Yakutsk for two days: processing raises frost and wind alerts.
        yakutsk_storm = factory.Trait(
            location=factory.SubFactory(LocationFactory, yakutsk=True),
            temperature_c=-12.0,
            wind_speed_kmh=85.0,
            relative_humidity_pct=70.0,
            forecast=factory.LazyAttribute(
                lambda search: {
                    "hourly": hourly_rows(
                        [search.temperature_c] * 48, wind=85.0, start="2026-11-29T00:00:00+09:00"
                    ),
                    "daily": [],
                }
            ),
        )


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    search = factory.SubFactory(WeatherSearchFactory)
    location = factory.SelfAttribute("search.location")
    kind = "frost"
    severity = Notification.Severity.WARNING
    message = factory.LazyAttribute(lambda n: f"{n.kind} expected in {n.location.name}")


class LocationStatisticsFactory(DjangoModelFactory):
    class Meta:
        model = LocationStatistics
        django_get_or_create = ("location",)

    location = factory.SubFactory(LocationFactory)
    search_count = 3
    temperature_count = 3
    temperature_sum_c = 24.0
    temperature_min_c = 6.0
    temperature_max_c = 10.0
    first_searched_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=2))
    last_searched_at = factory.LazyFunction(timezone.now)


class WeatherReportFactory(DjangoModelFactory):
    """The weekly report for the seven days up to `period_end`."""

    class Meta:
        model = WeatherReport

    period_end = factory.LazyFunction(
        lambda: timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    )
    period_start = factory.LazyAttribute(lambda r: r.period_end - dt.timedelta(days=7))
    summary = factory.Dict({"searches": 3, "locations": 1})
