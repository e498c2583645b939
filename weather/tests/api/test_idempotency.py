"""The Idempotency-Key header: a POST sent again (a retry after a dead web host or a timeout)
answers what the first one did, without a second row or a second processing message."""

import datetime as dt
import uuid

import pytest
from celery.signals import before_task_publish
from django.core.cache import cache
from django.db import connections
from django.utils import timezone
from rest_framework.test import APIClient

from weather.models import BulkRefresh, IdempotencyKey, WeatherSearch
from weather.testing.concurrency import run_together
from weather.tests.api.test_views import PARIS_FR
from weather.worker import names, queue

pytestmark = pytest.mark.django_db


def _search(api, key, body=None):
    return api.post(
        "/api/v1/searches/", body or {"city": "Paris"}, format="json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_the_same_key_twice_makes_one_search_one_message_and_the_same_answer(
    api, fake_open_meteo, django_capture_on_commit_callbacks
):
    key = str(uuid.uuid4())
    with django_capture_on_commit_callbacks() as published:
        first = _search(api, key)
        again = _search(api, key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content
    assert again["Location"] == first["Location"]
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert WeatherSearch.objects.count() == 1
    # One processing message, queued for after the commit (the other callback remembers the
    # place's row in this process).
    assert [c.__qualname__ for c in published].count("publish_after_commit.<locals>.submit") == 1
    assert fake_open_meteo.calls["forecast"] == 1


def test_without_a_key_every_post_is_a_new_search(api, fake_open_meteo):
    api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    assert WeatherSearch.objects.count() == 2


def test_the_same_key_with_another_body_is_a_422(api, fake_open_meteo):
    key = str(uuid.uuid4())
    assert _search(api, key, {"city": "Paris"}).status_code == 201
    other = _search(api, key, {"city": "Berlin"})
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert WeatherSearch.objects.count() == 1


def test_a_key_is_one_per_operation(api, fake_open_meteo):
    key = str(uuid.uuid4())
    assert _search(api, key).status_code == 201
    refresh = api.post(
        "/api/v1/refreshes/", {"location_ids": [PARIS_FR]}, format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert refresh.status_code == 202


def test_an_error_is_not_kept_and_the_retry_runs_again(api, fake_open_meteo):
    key = str(uuid.uuid4())
    fake_open_meteo.fail(endpoint="forecast", status=400, count=1)  # not retried upstream
    assert _search(api, key).status_code == 502
    assert not IdempotencyKey.objects.exists()
    cache.clear()  # upstream's refusal, remembered for a moment
    retried = _search(api, key)
    assert retried.status_code == 201
    assert "Idempotent-Replayed" not in retried
    assert WeatherSearch.objects.count() == 1


def test_a_key_older_than_a_day_is_forgotten(api, fake_open_meteo):
    key = str(uuid.uuid4())
    first = _search(api, key)
    IdempotencyKey.objects.update(created_at=timezone.now() - dt.timedelta(hours=24, minutes=1))
    later = _search(api, key, {"city": "Berlin"})  # another body is fine: the key is new again
    assert later.status_code == 201
    assert later.json()["id"] != first.json()["id"]
    assert WeatherSearch.objects.count() == 2
    assert IdempotencyKey.objects.get().body == later.content.decode()


@pytest.mark.parametrize("key", ["", "x" * 256, "clé", "a b"])
def test_a_malformed_key_is_a_400(api, fake_open_meteo, key):
    response = _search(api, key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    assert WeatherSearch.objects.count() == 0


def test_a_refresh_sent_twice_is_one_refresh(api, fake_open_meteo):
    key, body = str(uuid.uuid4()), {"location_ids": [PARIS_FR]}
    api.post("/api/v1/searches/", {"city": "Paris"}, format="json")  # a visitor's own place
    first = api.post("/api/v1/refreshes/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    again = api.post("/api/v1/refreshes/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json() == first.json()
    assert BulkRefresh.objects.count() == 1


def test_the_same_key_from_someone_else_is_a_422(api, fake_open_meteo, operator):
    key = str(uuid.uuid4())
    assert _search(api, key).status_code == 201
    api.force_login(operator)
    assert _search(api, key).status_code == 422


@pytest.mark.django_db(transaction=True)
def test_racing_requests_with_one_key_make_one_search(api, fake_open_meteo):
    fake_open_meteo.set_latency(0.5)  # both requests are in flight at once
    key = str(uuid.uuid4())
    answers = run_together([lambda: _search(APIClient(), key) for _ in range(3)])
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert len({a.content for a in answers}) == 1
    assert sum(a.has_header("Idempotent-Replayed") for a in answers) == 2
    assert WeatherSearch.objects.count() == 1
    assert IdempotencyKey.objects.count() == 1


def test_the_spa_on_another_origin_may_send_the_key(client):
    response = client.options(
        "/api/v1/searches/",
        HTTP_ORIGIN="http://localhost:4173",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type,idempotency-key",
    )
    assert "idempotency-key" in response["Access-Control-Allow-Headers"]


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_refresh_is_published_only_once_its_key_is_stored(api, fake_open_meteo):
    """A web host that dies between the publish and the key's storing let the retry start a
    second refresh: now both rows are committed together, and the message follows."""
    seen = []

    def committed_at_publish(sender=None, **kwargs):
        if sender == names.PUBLISH_REFRESH_CHUNKS:  # in a publishing thread: its own connection
            seen.append((BulkRefresh.objects.count(), IdempotencyKey.objects.count()))
            connections.close_all()

    api.post("/api/v1/searches/", {"city": "Paris"}, format="json")  # a visitor's own place
    before_task_publish.connect(committed_at_publish, weak=False)
    try:
        response = api.post(
            "/api/v1/refreshes/",
            {"location_ids": [PARIS_FR]},
            format="json",
            HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
        )
    finally:
        before_task_publish.disconnect(committed_at_publish)
    assert response.status_code == 202
    assert seen == [(1, 1)]


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_refresh_the_broker_refuses_keeps_neither_row_nor_key(api, fake_open_meteo):
    from weather.tests.celery_worker import broker_url

    key, body = str(uuid.uuid4()), {"location_ids": [PARIS_FR]}
    api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    with broker_url("amqp://guest:guest@127.0.0.1:1//"):
        refused = api.post("/api/v1/refreshes/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert refused.status_code == 503
    assert not BulkRefresh.objects.exists()
    assert not IdempotencyKey.objects.filter(scope="refreshes").exists()
    queue.resume_publishing()
    retried = api.post("/api/v1/refreshes/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert retried.status_code == 202
    assert "Idempotent-Replayed" not in retried
    assert BulkRefresh.objects.count() == 1
