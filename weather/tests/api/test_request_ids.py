"""Request ids: taken from the proxy or made, echoed, and carried into the worker's log lines
for the tasks a request caused."""

import uuid

import pytest

from weather.models import WeatherSearch
from weather.tests.celery_worker import wait_until


@pytest.mark.django_db
def test_the_proxys_request_id_is_echoed_and_logged(api, fake_open_meteo, app_log):
    fake_open_meteo.fail(endpoint="geocoding", status=400)  # something worth a log line
    request_id = uuid.uuid4().hex
    response = api.get("/api/v1/locations/", {"q": "Berlin"}, HTTP_X_REQUEST_ID=request_id)
    assert response["X-Request-ID"] == request_id
    log_lines = app_log.lines
    assert any(f"[{request_id}] Open-Meteo rejected" in line for line in log_lines), log_lines
    assert not any("[-]" in line for line in log_lines)


@pytest.mark.parametrize("sent", [None, "not a uuid\u00a0<script>", "x" * 200])
def test_a_missing_or_malformed_request_id_is_replaced_by_a_new_one(api, sent):
    headers = {"HTTP_X_REQUEST_ID": sent} if sent is not None else {}
    first = api.get("/api/v1/health/", **headers)["X-Request-ID"]
    second = api.get("/api/v1/health/", **headers)["X-Request-ID"]
    assert first != sent
    assert uuid.UUID(first) and first != second


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_the_worker_logs_a_search_task_with_the_request_id(api, fake_open_meteo, celery_worker):
    request_id = uuid.uuid4().hex
    response = api.post(
        "/api/v1/searches/", {"city": "Berlin"}, format="json", HTTP_X_REQUEST_ID=request_id
    )
    assert response.status_code == 201
    search_id = response.json()["id"]
    wait_until(
        lambda: WeatherSearch.objects.filter(
            public_id=search_id, processing_status="processed"
        ).exists(),
        timeout=15,
    )

    def task_lines():
        log = celery_worker.log_path.read_text(errors="replace")
        return [line for line in log.splitlines() if f"[{request_id}]" in line]

    lines = wait_until(task_lines, timeout=5)
    assert any("weather.async_weather_processing" in line for line in lines), lines
