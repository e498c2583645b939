"""What a cold search costs besides its one upstream call: Redis round trips, counted at the
redis-py connection (each pipeline or script is one send), against the real Redis."""

from __future__ import annotations

import pytest
from redis.connection import AbstractConnection

from weather.models import GazetteerLoad, GazetteerName, GazetteerPlace
from weather.models.gazetteer import fold

pytestmark = pytest.mark.django_db

PLACES = [
    (2988507, "Paris", "FR", 48.85341, 2.3488),
    (2950159, "Berlin", "DE", 52.52437, 13.41053),
    (2643743, "London", "GB", 51.50853, -0.12574),
]
MOST_REDIS_ROUND_TRIPS = 4


@pytest.fixture
def gazetteer():
    for geonames_id, name, country, latitude, longitude in PLACES:
        GazetteerPlace.objects.create(
            geonames_id=geonames_id,
            name=name,
            name_folded=fold(name),
            country_code=country,
            latitude=latitude,
            longitude=longitude,
            population=1_000_000,
            timezone="Europe/Paris",
        )
        GazetteerName.objects.create(place_id=geonames_id, name_folded=fold(name))
    GazetteerLoad.objects.create(signature="test", places=len(PLACES))


@pytest.fixture
def redis_round_trips(monkeypatch) -> list[bytes]:
    """What this process sends to Redis: one item per round trip. The visitor's session (which
    a first search creates, for its history) is its own matter and is left out."""
    sent: list = []
    send = AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):
        packed = b"".join(command) if isinstance(command, list) else command
        if b"django.contrib.sessions" not in packed:
            sent.append(packed)
        return send(self, command, check_health)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", counting)
    return sent


def test_a_cold_read_and_a_cold_search_take_at_most_four_redis_round_trips(
    api, fake_open_meteo, gazetteer, redis_round_trips
):
    # The first upstream call of a process also reads the circuit breaker's state (then once
    # a second at most): the steady state is what is counted.
    assert api.get("/api/v1/weather/", {"city": "London"}).status_code == 200
    redis_round_trips.clear()
    assert api.get("/api/v1/weather/", {"city": "Paris"}).status_code == 200
    assert len(redis_round_trips) <= MOST_REDIS_ROUND_TRIPS, redis_round_trips

    redis_round_trips.clear()
    response = api.post("/api/v1/searches/", {"city": "Berlin"}, format="json")
    assert response.status_code == 201
    assert len(redis_round_trips) <= MOST_REDIS_ROUND_TRIPS, redis_round_trips
    assert fake_open_meteo.calls == {"geocoding": 0, "forecast": 3, "forecast_locations": 3}


def test_a_cached_read_takes_at_most_one_redis_round_trip(
    api, fake_open_meteo, gazetteer, redis_round_trips
):
    assert api.get("/api/v1/weather/", {"city": "Paris"}).status_code == 200
    redis_round_trips.clear()
    assert api.get("/api/v1/weather/", {"city": "Paris"}).status_code == 200
    assert len(redis_round_trips) <= 1, redis_round_trips  # the throttle
