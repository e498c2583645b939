"""Weather alerts end to end, with a real worker, RabbitMQ, the mail sink and a push endpoint
that decrypts: Paris subscribed to frost, the fake upstream turns Paris to -8 °C tomorrow, and
exactly one email and one push arrive; the next evaluation, a redelivered delivery and a
worker killed mid-delivery send nothing more."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from server_config.celery import app
from weather.models import AlertDelivery, AlertEvent
from weather.providers.web_push import new_vapid_keys
from weather.testing.push_receiver import PushReceiver
from weather.tests.celery_worker import wait_until
from weather.tests.factories import FROST_TOMORROW_ONLY, PARIS, LocationFactory
from weather.worker import names

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def push_receiver():
    receiver = PushReceiver()
    yield receiver
    receiver.close()


@pytest.fixture
def alerts_worker(settings, private_queue, start_worker, fake_open_meteo_server, mail_sink):
    """A worker of its own on a private maintenance queue (where alerts run), with the fake
    upstream, the mail sink and a VAPID key pair."""
    settings.CELERY_MAINTENANCE_QUEUE = private_queue
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = new_vapid_keys()
    env = {
        "CELERY_MAINTENANCE_QUEUE": private_queue,
        "OPEN_METEO_FORECAST_URL": fake_open_meteo_server.base_url,
        "OPEN_METEO_GEOCODING_URL": fake_open_meteo_server.base_url,
        "VAPID_PRIVATE_KEY": settings.VAPID_PRIVATE_KEY,
        "VAPID_PUBLIC_KEY": settings.VAPID_PUBLIC_KEY,
        "WEB_PUSH_ALLOWED_TEST_HOSTS": "127.0.0.1",
        "ALERTS_DELIVERY_BACKOFF_S": "0.5",
        **mail_sink.environment,
    }
    return lambda **extra: start_worker([private_queue], env={**env, **extra})


@pytest.fixture
def subscribed(api, django_user_model, push_receiver, fake_open_meteo_server):
    """Ann, signed in, with Paris subscribed to frost (<= 0 °C, 48 h) by email and push, and
    her browser's push subscription; Paris turns to -8 °C tomorrow only."""
    LocationFactory()
    ann = django_user_model.objects.create_user("ann", "ann@example.com", "pw-ann-12345")
    api.force_login(ann)
    body = {"location_id": PARIS, "kind": "frost", "threshold": 0, "horizon_hours": 48,
            "email": True, "push": True}  # fmt: skip
    assert api.post("/api/v1/alerts/subscriptions/", body, format="json").status_code == 201
    response = api.post(
        "/api/v1/alerts/push/subscriptions/", push_receiver.subscription, format="json"
    )
    assert response.status_code == 201
    fake_open_meteo_server.set_weather(PARIS, **FROST_TOMORROW_ONLY)
    return ann


def evaluate(queue: str) -> dict:
    """One evaluation, as beat publishes it, on the worker; its summary."""
    return app.send_task(names.EVALUATE_ALERTS, queue=queue).get(timeout=60)


def settled() -> bool:
    return not AlertDelivery.objects.filter(status=AlertDelivery.Status.PENDING).exists()


def test_frost_in_paris_gives_one_email_and_one_push(
    api, subscribed, alerts_worker, private_queue, mail_sink, push_receiver, fake_open_meteo_server
):
    alerts_worker()
    summary = evaluate(private_queue)
    assert summary["new_events"] == 1 and summary["upstream_calls"] == 1
    (event,) = AlertEvent.objects.all()
    assert event.value <= -5

    mail = mail_sink.wait_for(timeout=30)
    assert len(mail_sink.messages()) == 1
    assert mail["Subject"] == "Frost alert: Paris"
    assert mail["To"] == "ann@example.com"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = str(mail["List-Unsubscribe"]).strip().strip("<>")
    assert "/api/v1/alerts/unsubscribe/?token=" in link  # the one-click POST
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    page = link.replace("/api/v1/alerts/unsubscribe/?", "/alerts/unsubscribe?")
    assert "Frost expected in Paris" in text and page in text and link not in text
    assert "Frost expected in Paris" in html

    (push,) = push_receiver.wait_for(1)
    assert push["payload"]["title"] == "Frost alert: Paris"
    assert push["payload"]["url"] == "/alerts"
    assert push["payload"]["tag"] == f"alert-{event.pk}"
    assert push["headers"]["content-encoding"] == "aes128gcm"
    assert push["headers"]["authorization"].startswith("vapid t=")
    wait_until(settled, timeout=20)

    deliveries = api.get("/api/v1/alerts/deliveries/").json()
    assert sorted(d["channel"] for d in deliveries) == ["email", "push"]
    assert {d["status"] for d in deliveries} == {"sent"}
    assert deliveries[0]["message"].startswith("Frost expected in Paris")

    # The next evaluation (the forecast from the cache now) sends nothing new.
    calls = fake_open_meteo_server.calls["forecast"]
    again = evaluate(private_queue)
    assert (again["new_events"], again["upstream_calls"], again["reused"]) == (0, 0, 1)
    assert fake_open_meteo_server.calls["forecast"] == calls

    # A delivery's message redelivered (twice) sends nothing more.
    for delivery in AlertDelivery.objects.all():
        for _ in range(2):
            result = app.send_task(names.DELIVER_ALERT, args=[delivery.pk], queue=private_queue)
            assert result.get(timeout=30)["status"] == "sent"
    time.sleep(1)
    assert len(mail_sink.messages()) == 1
    assert len(push_receiver.received) == 1

    # The test button: one more of each, through the API and the worker.
    response = api.post("/api/v1/alerts/test/")
    assert response.status_code == 202
    assert sorted(response.json()["channels"]) == ["email", "push"]
    assert mail_sink.wait_for(lambda m: m["Subject"] == "Test notification", timeout=30)
    assert push_receiver.wait_for(2)[1]["payload"]["tag"] == "alert-test"


def test_a_delivery_that_keeps_failing_is_retried_then_shown_failed(
    api, subscribed, alerts_worker, private_queue
):
    from weather.testing.processes import free_port

    # Nobody listens on the relay's port; the push endpoint works.
    alerts_worker(EMAIL_PORT=str(free_port()), ALERTS_DELIVERY_MAX_RETRIES="2")
    evaluate(private_queue)
    email = AlertDelivery.objects.get(channel="email")
    failed = wait_until(
        lambda: (d := AlertDelivery.objects.get(pk=email.pk)).status == "failed" and d,
        timeout=40,
    )
    assert failed.attempts == 3  # the first and two retries, a second apart each
    shown = {d["channel"]: d for d in api.get("/api/v1/alerts/deliveries/").json()}
    assert shown["email"]["status"] == "failed"
    assert "could not take the message" in shown["email"]["last_error"]
    assert shown["push"]["status"] == "sent"


def pool_pids(worker) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(worker.process.pid)], capture_output=True, text=True
    ).stdout
    return [int(pid) for pid in out.split()]


def test_a_worker_killed_mid_delivery_still_sends_once(
    subscribed, alerts_worker, private_queue, mail_sink, push_receiver
):
    worker = alerts_worker()
    push_receiver.hold_s = 3  # the push is in flight when its pool process dies
    summary = evaluate(private_queue)
    assert summary["new_events"] == 1
    push = AlertDelivery.objects.get(channel="push")
    mail_sink.wait_for(timeout=30)
    # The push's request reached the receiver, which has not accepted it yet: the pool
    # process sending it dies (all of them: which one sends is not known).
    wait_until(lambda: push_receiver.holding == 1, timeout=30)
    push_receiver.hold_s = 0
    for pid in pool_pids(worker):
        os.kill(pid, signal.SIGKILL)

    # The message goes back to the queue (reject_on_worker_lost); a new pool process sends it.
    wait_until(lambda: AlertDelivery.objects.get(pk=push.pk).status == "sent", timeout=40)
    # The held request ends its hold (and finds its sender gone) after the resend may have
    # been accepted.
    wait_until(lambda: push_receiver.dropped == 1, timeout=10)
    assert len(push_receiver.wait_for(1)) == 1
    assert push_receiver.received[0]["payload"]["title"] == "Frost alert: Paris"
    time.sleep(1)
    assert len(push_receiver.received) == 1
    assert len(mail_sink.messages()) == 1
    assert AlertDelivery.objects.get(pk=push.pk).attempts == 1  # the lost attempt rolled back


def test_a_whole_worker_killed_mid_delivery_and_restarted_sends_once(
    subscribed, alerts_worker, private_queue, mail_sink, push_receiver
):
    worker = alerts_worker()
    push_receiver.hold_s = 3
    assert evaluate(private_queue)["new_events"] == 1
    push = AlertDelivery.objects.get(channel="push")
    mail_sink.wait_for(timeout=30)
    wait_until(lambda: push_receiver.holding == 1, timeout=30)  # the push is in flight
    push_receiver.hold_s = 0
    worker.kill()  # the worker and its pool, as an OOM killer would
    assert AlertDelivery.objects.get(pk=push.pk).status == "pending"

    alerts_worker()  # RabbitMQ hands the unacknowledged message to the new worker
    wait_until(lambda: AlertDelivery.objects.get(pk=push.pk).status == "sent", timeout=40)
    wait_until(lambda: push_receiver.dropped == 1, timeout=10)
    time.sleep(1)
    assert len(push_receiver.received) == 1
    assert len(mail_sink.messages()) == 1
