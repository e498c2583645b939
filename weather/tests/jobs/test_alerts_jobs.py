"""The alert jobs in this process: what an evaluation fetches and spends, and how a delivery
fails (visibly) or forgets a browser that is gone."""

from __future__ import annotations

import io

import pytest

from weather.jobs import alert_delivery, alerts
from weather.models import AlertDelivery, AlertSubscription, Location, PushSubscription
from weather.providers.web_push import new_vapid_keys
from weather.testing.processes import free_port
from weather.testing.push_receiver import PushReceiver
from weather.tests.factories import FROST_TOMORROW_ONLY, PARIS, LocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann(django_user_model):
    return django_user_model.objects.create_user("ann", "ann@example.com", "pw-ann-12345")


def subscribe(user, location, kind="frost", threshold=0.0, **extra) -> AlertSubscription:
    return AlertSubscription.objects.create(
        user=user, location=location, kind=kind, threshold=threshold, horizon_hours=48, **extra
    )


def test_gusts_fire_from_the_rules_own_lean_forecast(ann, fake_open_meteo):
    paris = LocationFactory()
    subscribe(ann, paris, kind="gusts", threshold=90)
    fake_open_meteo.set_weather(PARIS, days={"1": {"wind_speed": 70}})  # gusts 1.6 x: 112
    summary = alerts.evaluate()
    assert (summary["new_events"], summary["upstream_calls"], summary["upstream_weight"]) == (
        1,
        1,
        1,
    )
    assert len(summary["deliveries"]) == 1  # email only: push is off


def test_a_young_forecast_of_the_weather_page_costs_no_call(ann, fake_open_meteo):
    from weather.models.mapping import place_of
    from weather.services.searches import get_forecast

    paris = LocationFactory()
    subscribe(ann, paris)
    fake_open_meteo.set_weather(PARIS, **FROST_TOMORROW_ONLY)
    get_forecast(place_of(paris))  # someone read Paris's weather: its forecast is cached
    calls = fake_open_meteo.calls["forecast"]
    summary = alerts.evaluate()
    assert (summary["reused"], summary["upstream_calls"], summary["new_events"]) == (1, 0, 1)
    assert fake_open_meteo.calls["forecast"] == calls
    # A gusts rule needs the rules' own forecast (the page's has no gusts): one call.
    subscribe(ann, paris, kind="gusts", threshold=90)
    assert alerts.evaluate()["upstream_calls"] == 1


def test_evaluation_leaves_the_interactive_share_of_the_budget(ann, fake_open_meteo, settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 100  # background work: 50 of them
    settings.OPEN_METEO_BUDGET_INTERACTIVE_SHARE = 0.5
    for i in range(60):
        place = Location.objects.create(
            geonames_id=9_000_000 + i, name=f"P{i}", latitude=10 + i, longitude=20.0
        )
        subscribe(ann, place, kind="heat", threshold=15)
    summary = alerts.evaluate()
    assert (summary["upstream_calls"], summary["upstream_weight"]) == (2, 60)
    assert summary["missed"] == 10  # the second batch would have eaten the reserved share
    assert fake_open_meteo.calls["forecast_locations"] == 50


def test_a_delivery_the_relay_keeps_refusing_ends_failed_and_visible(api, ann, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.ALERTS_DELIVERY_MAX_RETRIES = 1
    ((delivery_id, channel),) = alert_delivery.new_test_deliveries(ann)
    assert channel == "email"
    first = alert_delivery.deliver(delivery_id)
    assert (first["status"], first["retry"], first["attempts"]) == ("pending", True, 1)
    last = alert_delivery.deliver(delivery_id)
    assert (last["status"], last["retry"]) == ("failed", False)
    assert alert_delivery.deliver(delivery_id)["attempts"] == 2  # failed: not tried again
    api.force_login(ann)
    (shown,) = api.get("/api/v1/alerts/deliveries/").json()
    assert (shown["status"], shown["kind"], shown["attempts"]) == ("failed", "test", 2)
    assert "could not take the message" in shown["last_error"]


def test_a_push_endpoint_that_is_gone_is_forgotten(django_user_model, settings):
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = new_vapid_keys()
    bob = django_user_model.objects.create_user("bob", "", "pw-bob-12345")  # no email
    receiver = PushReceiver(status=410)
    try:
        keys = receiver.subscription["keys"]
        PushSubscription.objects.create(
            user=bob, endpoint=receiver.endpoint, p256dh=keys["p256dh"], auth=keys["auth"]
        )
        ((delivery_id, channel),) = alert_delivery.new_test_deliveries(bob)
        assert channel == "push"
        result = alert_delivery.deliver(delivery_id)
        assert result["status"] == "failed"
        assert receiver.wait_for(1)[0]["payload"]["tag"] == "alert-test"
        assert not PushSubscription.objects.filter(user=bob).exists()
        assert "gone" in AlertDelivery.objects.get(pk=delivery_id).last_error
    finally:
        receiver.close()


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_cannot_both_take_the_last_place(ann, settings):
    from weather.services import alerts as service
    from weather.testing.concurrency import run_together

    settings.ALERTS_MAX_SUBSCRIPTIONS = 3
    paris = LocationFactory()
    for threshold in (0, -1):
        subscribe(ann, paris, threshold=threshold)

    def create(threshold):
        def call():
            try:
                return service.create_subscription(
                    ann, {"location_id": PARIS, "kind": "frost", "threshold": threshold}
                ).pk
            except service.AlertRefused as exc:
                return exc.status

        return call

    outcomes = run_together([create(-2 - i) for i in range(8)])
    assert sorted(o == 409 for o in outcomes) == [False] + [True] * 7
    assert AlertSubscription.objects.filter(user=ann).count() == 3


def test_the_evaluation_interval_is_checked_at_start():
    from server_config.settings.validation import problems

    assert problems({"ALERTS_EVALUATION_MINUTES": 15}) == []
    for bad in (0, 1441, -5):
        (problem,) = problems({"ALERTS_EVALUATION_MINUTES": bad})
        assert problem.startswith(f"ALERTS_EVALUATION_MINUTES={bad}: must be at least 1")


def test_an_alert_email_speaks_the_persons_language(ann, fake_open_meteo, mail_sink):
    from weather.models.people import Preferences

    Preferences.objects.update_or_create(user=ann, defaults={"language": "fr"})
    subscribe(ann, LocationFactory())
    fake_open_meteo.set_weather(PARIS, **FROST_TOMORROW_ONLY)
    (delivery_id,) = alerts.evaluate()["deliveries"]
    assert alert_delivery.deliver(delivery_id)["status"] == "sent"
    mail = mail_sink.wait_for(timeout=10)
    assert mail["Subject"] == "Alerte gel : Paris"
    text = mail.get_body(("plain",)).get_content()
    assert "Gel attendu à Paris le " in text
    assert "Arrêter cette alerte : http" in text
    assert 'lang="fr"' in mail.get_body(("html",)).get_content()


@pytest.mark.django_db(transaction=True)
def test_two_evaluations_at_once_record_each_event_once(ann, fake_open_meteo):
    from weather.models import AlertEvent
    from weather.testing.concurrency import run_together

    paris = LocationFactory()
    for threshold in (0, 2, 5):
        subscribe(ann, paris, threshold=threshold, push=False)
    fake_open_meteo.set_weather(PARIS, **FROST_TOMORROW_ONLY)
    first, second = run_together([alerts.evaluate, alerts.evaluate])
    assert first["new_events"] + second["new_events"] == 3
    assert len(first["deliveries"]) + len(second["deliveries"]) == 3
    assert AlertEvent.objects.count() == 3
    assert AlertDelivery.objects.count() == 3


def test_operators_see_failed_deliveries_in_the_admin(client, ann, django_user_model):
    AlertDelivery.objects.create(
        user=ann, channel="email", status="failed", attempts=6, last_error="relay refused"
    )
    AlertDelivery.objects.create(user=ann, channel="push", status="sent", title="Sent one")
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw-root-123")
    client.force_login(admin)
    page = client.get("/admin/weather/alertdelivery/?status__exact=failed")
    assert page.status_code == 200
    assert b"relay refused" in page.content and b"Sent one" not in page.content
    for model in ("alertsubscription", "alertevent", "pushsubscription"):
        assert client.get(f"/admin/weather/{model}/").status_code == 200


def test_the_release_sets_the_evaluation_interval(settings):
    from django.core.management import call_command
    from django_celery_beat.models import PeriodicTask

    from weather.worker import names

    for minutes in (15, 5, 5):  # made (or the migration's kept), changed, left alone
        settings.ALERTS_EVALUATION_MINUTES = minutes
        call_command("schedule_alerts", stdout=io.StringIO())
        (task,) = PeriodicTask.objects.filter(task=names.EVALUATE_ALERTS)
        assert (task.interval.every, task.interval.period) == (minutes, "minutes")
        assert (task.expire_seconds, task.enabled) == (minutes * 60 - 30, True)


def test_a_push_endpoint_on_a_private_address_is_refused(django_user_model, settings):
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = new_vapid_keys()
    settings.WEB_PUSH_ALLOWED_TEST_HOSTS = []  # as in production
    bob = django_user_model.objects.create_user("bob", "", "pw-bob-12345")
    receiver = PushReceiver()
    try:
        keys = receiver.subscription["keys"]
        endpoint = receiver.endpoint.replace("http://", "https://")  # passes the URL check
        PushSubscription.objects.create(
            user=bob, endpoint=endpoint, p256dh=keys["p256dh"], auth=keys["auth"]
        )
        ((delivery_id, _),) = alert_delivery.new_test_deliveries(bob)
        assert alert_delivery.deliver(delivery_id)["status"] == "failed"
        assert "not a public address" in AlertDelivery.objects.get(pk=delivery_id).last_error
        assert receiver.received == []
    finally:
        receiver.close()
