"""Prometheus metrics: who may read them, what they count, and that they never break anything.

Values are read back from the real exposition (the text Prometheus scrapes), parsed with
prometheus-client's own parser.
"""

from __future__ import annotations

import random
import resource
import signal
import string
import subprocess
import sys
import time
import uuid

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from weather.infra import metrics
from weather.models import OperatorAlert, WeatherSearch
from weather.providers import ProviderBadResponse, ProviderServerError, open_meteo, open_meteo_batch
from weather.services import searches as services
from weather.testing.processes import free_port
from weather.tests.celery_worker import wait_until
from weather.tests.factories import WeatherSearchFactory
from weather.worker import tasks

PARIS = 2988507


def samples(text: str) -> dict[tuple, float]:
    """{(sample name, sorted label items): value} of an exposition."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(text: str, name: str, **labels) -> float:
    return samples(text).get((name, tuple(sorted(labels.items()))), 0.0)


def scrape(client, **headers) -> str:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.content
    return response.content.decode()


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_metrics_answer_the_local_network_without_a_token(client):
    text = scrape(client)
    assert "weather_http_requests_total" in text
    assert "weather_searches_pending" in text


@pytest.mark.django_db
def test_metrics_refuse_a_request_that_came_through_the_proxy(client):
    response = client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


@pytest.mark.django_db
def test_metrics_refuse_an_outside_address_without_the_ops_token(client, ops_token):
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.get("/metrics", **outside).status_code == 403
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer nope", **outside)
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "not_authenticated"
    assert scrape(client, HTTP_AUTHORIZATION=f"Bearer {ops_token}", **outside)


@pytest.mark.django_db
def test_the_ops_token_never_opens_the_metrics_when_none_is_configured(client, settings):
    settings.OPS_API_TOKEN = ""
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 401


@pytest.mark.django_db
def test_metrics_show_no_secret_and_no_error_text(client, settings, ops_token):
    settings.CELERY_BROKER_URL = "amqp://guest:s3cret-broker@127.0.0.1:1//"
    text = scrape(client)
    for secret in (ops_token, settings.SECRET_KEY, "s3cret-broker"):
        assert secret not in text
    assert "Error" not in text and "Traceback" not in text


# --- What is counted ------------------------------------------------------------------------


@pytest.mark.django_db
def test_requests_are_counted_by_route_template_method_and_status(client):
    before = scrape(client)
    route = "/api/v1/searches/<uuid:public_id>/"
    for _ in range(3):
        client.get(f"/api/v1/searches/{uuid.uuid4()}/")
    after = scrape(client)
    labels = {"route": route, "method": "GET", "status": "404"}
    counted = value(after, "weather_http_requests_total", **labels)
    assert counted - value(before, "weather_http_requests_total", **labels) == 3
    assert "123456" not in after


@pytest.mark.django_db
def test_a_burst_of_random_paths_adds_a_bounded_number_of_series(client):
    rng = random.Random(9)

    def junk(n):
        return "".join(rng.choice(string.ascii_letters + string.digits + "-_.%") for _ in range(n))

    def labels_of(text, label):
        return {
            dict(labels).get(label)
            for (name, labels) in samples(text)
            if name == "weather_http_requests_total"
        }

    scrape(client)
    before = scrape(client)
    for _ in range(300):
        path = rng.choice(
            [f"/{junk(12)}", f"/api/v1/{junk(8)}/", f"/api/v1/searches/{rng.randint(1, 10**9)}/"]
        )
        method = rng.choice(["GET", "POST", "DELETE", "PROPFIND", "BREW"])
        client.generic(method, path)
    text = scrape(client)
    new_routes = labels_of(text, "route") - labels_of(before, "route")
    assert new_routes <= {"unmatched", "/api/v1/searches/<int:pk>/"}
    assert labels_of(text, "method") <= {"GET", "POST", "DELETE", "other"} | labels_of(
        before, "method"
    )

    # Whatever the 300 paths were: a handful of (route, method, status) combinations.
    def combinations(text):
        return {labels for (name, labels) in samples(text) if name == "weather_http_requests_total"}

    assert len(combinations(text) - combinations(before)) <= 16


def test_upstream_failures_are_counted_by_kind_with_their_retries(fake_open_meteo, settings):
    settings.OPEN_METEO_MAX_RETRIES = 1
    before = metrics.exposition()[0].decode()
    fake_open_meteo.fail("status", endpoint="forecast", status=503)
    with pytest.raises(ProviderServerError):
        open_meteo.get_forecast(48.85, 2.35)
    after = metrics.exposition()[0].decode()

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("weather_open_meteo_errors_total", endpoint="forecast", kind="server_error") == 2
    assert delta("weather_open_meteo_retries_total", endpoint="forecast") == 1
    assert delta("weather_open_meteo_requests_total", endpoint="forecast") == 2
    assert delta("weather_open_meteo_errors_total", endpoint="forecast", kind="timeout") == 0


def test_a_malformed_answer_counts_as_malformed(fake_open_meteo):
    before = metrics.exposition()[0].decode()
    fake_open_meteo.fail("garbage", endpoint="forecast")
    with pytest.raises(ProviderBadResponse):
        open_meteo.get_forecast(48.85, 2.35)
    after = metrics.exposition()[0].decode()
    labels = {"endpoint": "forecast", "kind": "malformed"}
    errors = "weather_open_meteo_errors_total"
    assert value(after, errors, **labels) - value(before, errors, **labels) == 1


@pytest.mark.parametrize(
    ("endpoint", "call"),
    [
        ("forecast", lambda: open_meteo.get_forecast(48.85, 2.35)),
        ("forecast", lambda: open_meteo_batch.get_forecasts([(48.85, 2.35), (52.52, 13.41)])),
        ("geocoding_search", lambda: open_meteo.search_places("Paris")),
    ],
    ids=["forecast", "multi-location forecast", "geocoding"],
)
def test_json_of_an_unexpected_shape_counts_as_malformed(fake_open_meteo, endpoint, call):
    before = metrics.exposition()[0].decode()
    fake_open_meteo.fail("shape", endpoint=endpoint.removesuffix("_search"))  # the fake's name
    with pytest.raises(ProviderBadResponse, match="unexpected"):
        call()
    after = metrics.exposition()[0].decode()
    labels = {"endpoint": endpoint, "kind": "malformed"}
    errors, requests_ = "weather_open_meteo_errors_total", "weather_open_meteo_requests_total"
    assert value(after, errors, **labels) - value(before, errors, **labels) == 1
    attempts = {"endpoint": endpoint}  # the answer itself came: one request, no retry
    assert value(after, requests_, **attempts) - value(before, requests_, **attempts) == 1


@pytest.mark.django_db
def test_a_call_the_budget_refuses_is_an_error_but_not_a_request(api, fake_open_meteo, settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 0
    before = metrics.exposition()[0].decode()
    assert api.get("/api/v1/weather/", {"city": "Paris"}).status_code == 503
    after = metrics.exposition()[0].decode()
    labels = {"endpoint": "geocoding_search", "kind": "budget"}
    errors, requests_ = "weather_open_meteo_errors_total", "weather_open_meteo_requests_total"
    assert value(after, errors, **labels) - value(before, errors, **labels) == 1
    geocoding = {"endpoint": "geocoding_search"}
    assert value(after, requests_, **geocoding) == value(before, requests_, **geocoding)


@pytest.mark.django_db
def test_cache_hits_misses_and_stale_serves_are_counted(fake_open_meteo, settings):
    place = services.resolve_place(services.PlaceQuery(city="Paris"))
    before = metrics.exposition()[0].decode()
    services.get_forecast(place)  # miss: fetched
    services.get_forecast(place)  # hit
    settings.FORECAST_CACHE_TTL_S = 0  # nothing is fresh any more ...
    fake_open_meteo.fail("status", endpoint="forecast", status=503)
    assert services.get_forecast(place).stale  # ... and the kept copy is served
    after = metrics.exposition()[0].decode()
    for result in ("miss", "hit", "stale"):
        name, labels = "weather_cache_lookups_total", {"cache": "forecast", "result": result}
        assert value(after, name, **labels) - value(before, name, **labels) == 1, result


@pytest.mark.django_db
def test_a_failing_metric_never_breaks_a_request(client, monkeypatch, caplog):
    class Broken:
        def labels(self, *args):
            raise RuntimeError("metrics storage is gone")

    monkeypatch.setattr(metrics, "http_requests", Broken())
    response = client.get("/api/v1/health/")
    assert response.status_code == 200
    assert "could not record the HTTP metric" in caplog.text


# --- Several processes: gunicorn and the worker ----------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_gunicorn_workers_metrics_add_up_in_one_scrape(start_gunicorn, tmp_path):
    base = start_gunicorn({"PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}, workers=3)
    for _ in range(30):
        requests.get(f"{base}/api/v1/health/", timeout=5).raise_for_status()
    text = requests.get(f"{base}/metrics", timeout=10).text
    labels = {"route": "/api/v1/health/", "method": "GET", "status": "200"}
    # 30 ours, spread over the workers, plus each worker's own warm-up requests (one per thread).
    assert value(text, "weather_http_requests_total", **labels) >= 30
    pids = {p.name.split("_")[-1] for p in (tmp_path / "web").glob("counter_*.db")}
    assert len(pids) >= 3


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_the_worker_serves_task_and_search_metrics(start_worker, private_queue, tmp_path):
    port = free_port()
    start_worker(
        [private_queue],
        env={"CELERY_METRICS_PORT": str(port), "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)},
    )
    search = WeatherSearchFactory()
    tasks.async_weather_processing.apply_async(args=[search.id], queue=private_queue)
    wait_until(
        lambda: WeatherSearch.objects.get(pk=search.id).processing_status == "processed",
        timeout=15,
    )

    name = "weather.async_weather_processing"

    def scraped():
        # The task's success is recorded last, after it returned (task_postrun).
        text = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        done = value(text, "weather_celery_task_last_success_timestamp_seconds", task=name)
        return text if done else None

    text = wait_until(scraped, timeout=10)
    assert value(text, "weather_searches_processed_total") == 1
    assert value(text, "weather_celery_task_runs_total", task=name) == 1
    assert value(text, "weather_celery_task_duration_seconds_count", task=name) == 1
    assert value(text, "weather_search_processing_latency_seconds_count") == 1
    assert value(text, "weather_celery_task_last_success_timestamp_seconds", task=name) > (
        time.time() - 60
    )


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_task_that_fails_for_good_raises_an_operator_alert(
    start_worker, private_queue, webhook_receiver
):
    received = webhook_receiver.received
    start_worker([private_queue], env={"NOTIFY_WEBHOOK_URL": webhook_receiver.url})
    result = tasks.async_weather_processing.apply_async(args=["not-an-id"], queue=private_queue)
    alert = wait_until(lambda: OperatorAlert.objects.filter(task_id=result.id).first(), timeout=15)
    assert alert.task_name == "weather.async_weather_processing"
    assert alert.error.startswith("ValueError")
    wait_until(lambda: received, timeout=10)
    assert received[0]["event"] == "weather.operator_alert"
    assert received[0]["alert"]["task_id"] == result.id
    assert wait_until(lambda: OperatorAlert.objects.get(pk=alert.pk).delivered_at, timeout=10)


def _no_file_over_32_kb() -> None:
    """In the worker before exec: no file may grow past 32 kB. prometheus-client sizes each
    of its files to 64 kB at once, so every metric write fails (EFBIG, even as root, whom a
    read-only folder would not stop); the worker's log of one task stays well under it."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error instead of the signal's kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, 32 * 1024))


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_failing_metric_never_breaks_a_task(start_worker, private_queue, tmp_path):
    worker = start_worker(
        [private_queue],
        env={"CELERY_METRICS_PORT": str(free_port()), "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)},
        preexec_fn=_no_file_over_32_kb,
    )
    search = WeatherSearchFactory()
    tasks.async_weather_processing.apply_async(args=[search.id], queue=private_queue)
    wait_until(
        lambda: WeatherSearch.objects.get(pk=search.id).processing_status == "processed",
        timeout=15,
    )
    assert "metrics kept in this process: cannot use" in worker.log_tail(400)


def test_a_missing_metrics_folder_is_made_instead_of_failing_the_process(tmp_path):
    folder = tmp_path / "gone" / "web"
    code = (
        "from weather.infra import metrics; metrics.record_search_created(); print(metrics.ENABLED)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PROMETHEUS_MULTIPROC_DIR": str(folder), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert list(folder.glob("counter_*.db"))
