"""The alerts API: a person's own subscriptions (others' are 404), bad input refused whole
with a clear 4xx, push subscriptions checked, the signed one-click unsubscribe."""

from __future__ import annotations

import time

import pytest
from django.core import signing

from weather.jobs.alert_delivery import unsubscribe_token
from weather.models import AlertSubscription, Location, PushSubscription
from weather.providers.web_push import new_vapid_keys
from weather.testing.push_receiver import PushReceiver
from weather.tests.factories import PARIS, LocationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/alerts/subscriptions/"


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user("ann", "ann@example.com", "pw-ann-12345")


@pytest.fixture
def signed_in(api, person):
    LocationFactory()  # Paris
    api.force_login(person)
    return api


def frost(**extra) -> dict:
    return {"location_id": PARIS, "kind": "frost", "threshold": 0, "horizon_hours": 24, **extra}


def test_anonymous_people_have_no_alerts(api):
    response = api.get(URL)
    assert response.status_code in (401, 403)
    assert response.json()["error"]["message"]


def test_subscribe_list_change_and_delete(signed_in):
    created = signed_in.post(URL, frost(push=True), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert (
        body["location"]
        == {"id": PARIS, "name": "Paris", "country": "France", "admin1": "Île-de-France"}
        or body["location"]["id"] == PARIS
    )
    assert (body["kind"], body["threshold"], body["horizon_hours"]) == ("frost", 0.0, 24)
    assert (body["email"], body["push"], body["active"]) == (True, True, True)
    assert [s["id"] for s in signed_in.get(URL).json()] == [body["id"]]

    changed = signed_in.patch(f"{URL}{body['id']}/", {"threshold": -5}, format="json")
    assert changed.status_code == 200 and changed.json()["threshold"] == -5.0
    storm = signed_in.patch(f"{URL}{body['id']}/", {"kind": "thunderstorm"}, format="json")
    assert storm.status_code == 200 and storm.json()["threshold"] is None
    assert signed_in.delete(f"{URL}{body['id']}/").status_code == 204
    assert signed_in.get(URL).json() == []


def test_another_persons_subscription_is_not_found(signed_in, django_user_model, openapi_spec):
    other = django_user_model.objects.create_user("bob", "bob@example.com", "pw-bob-12345")
    theirs = AlertSubscription.objects.create(
        user=other, location=Location.objects.get(geonames_id=PARIS), kind="heat", threshold=30
    )
    assert (
        signed_in.patch(f"{URL}{theirs.id}/", {"threshold": 20}, format="json").status_code == 404
    )
    assert signed_in.delete(f"{URL}{theirs.id}/").status_code == 404
    assert signed_in.get(URL).json() == []
    theirs.refresh_from_db()
    assert theirs.threshold == 30


@pytest.mark.parametrize(
    ("values", "field", "words", "code"),
    [
        (frost(location_id=999_999_999), "location_id", "No known place", "unknown_place"),
        (frost(threshold=-80), "threshold", "between -60 and 10", "threshold_out_of_range"),
        (
            frost(kind="heat", threshold=200),
            "threshold",
            "between 15 and 60",
            "threshold_out_of_range",
        ),
        (
            frost(kind="rain_hour", threshold=0),
            "threshold",
            "between 1 and 200",
            "threshold_out_of_range",
        ),
        (frost(threshold=None), "threshold", "needs a threshold", "threshold_required"),
        (frost(kind="thunderstorm"), "threshold", "takes no threshold", "threshold_not_taken"),
        (frost(kind="tornado"), "kind", "", "invalid_input"),
        (frost(horizon_hours=72), "horizon_hours", "", "invalid_input"),
        (frost(threshold="cold"), "threshold", "", "invalid_input"),
        ({"kind": "frost", "threshold": 0}, "location_id", "", "invalid_input"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(signed_in, values, field, words, code):
    response = signed_in.post(URL, values, format="json")
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert field in error["fields"]
    assert words in " ".join(error["fields"][field])
    assert error["code"] == code  # stable, for the SPA to word in its own language
    if code == "threshold_out_of_range":
        low, high = (float(n) for n in words.split()[1::2])
        assert (error["params"]["min"], error["params"]["max"]) == (low, high)
    assert AlertSubscription.objects.count() == 0


def test_the_21st_subscription_is_refused(signed_in, person):
    for threshold in range(20):
        assert signed_in.post(URL, frost(threshold=-threshold), format="json").status_code == 201
    response = signed_in.post(URL, frost(threshold=5), format="json")
    assert response.status_code == 409
    error = response.json()["error"]
    assert "20 alert subscriptions" in error["message"]
    assert (error["code"], error["params"]) == ("too_many_subscriptions", {"limit": 20})
    assert AlertSubscription.objects.filter(user=person).count() == 20


def test_a_malformed_push_subscription_is_refused(signed_in):
    good = PushReceiver()
    try:
        url = "/api/v1/alerts/push/subscriptions/"
        bad = [
            {**good.subscription, "endpoint": "http://push.example.com/x"},  # not https
            {**good.subscription, "endpoint": "not a url"},
            {
                **good.subscription,
                "keys": {"p256dh": "AAAA", "auth": good.subscription["keys"]["auth"]},
            },
            {**good.subscription, "keys": {"p256dh": good.public_key, "auth": "!!!"}},
            {"endpoint": good.endpoint},
        ]
        for body in bad:
            response = signed_in.post(url, body, format="json")
            assert response.status_code == 400, (body, response.content)
            assert response.json()["error"]["fields"]
        assert PushSubscription.objects.count() == 0
        assert signed_in.post(url, good.subscription, format="json").status_code == 201
        assert PushSubscription.objects.count() == 1
        assert signed_in.delete(url, {"endpoint": good.endpoint}, format="json").status_code == 204
        assert PushSubscription.objects.count() == 0
    finally:
        good.close()


def test_the_push_key_is_the_vapid_public_key(signed_in, settings):
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""
    assert signed_in.get("/api/v1/alerts/push/key/").status_code == 503
    settings.VAPID_PRIVATE_KEY, settings.VAPID_PUBLIC_KEY = new_vapid_keys()
    response = signed_in.get("/api/v1/alerts/push/key/")
    assert response.json() == {"public_key": settings.VAPID_PUBLIC_KEY}


def test_unsubscribe_by_the_signed_link(signed_in, api, person):
    sub = signed_in.post(URL, frost(), format="json").json()
    token = unsubscribe_token(sub["id"], person.pk)
    signed_in.logout()  # the link needs no session
    url = "/api/v1/alerts/unsubscribe/"
    forged = api.post(f"{url}?token={token[:-3]}abc")
    assert forged.status_code == 400 and forged.json()["error"]["fields"]["token"]
    assert api.get(url).status_code == 400  # no token
    assert AlertSubscription.objects.get(pk=sub["id"]).active

    described = api.get(f"{url}?token={token}")  # a mail scanner following the link
    assert described.status_code == 200
    assert described.json() == {
        "subscription_id": sub["id"],
        "kind": "frost",
        "threshold": 0.0,
        "location_name": "Paris",
        "active": True,
    }
    assert AlertSubscription.objects.get(pk=sub["id"]).active  # reading stops nothing

    once = api.post(f"{url}?token={token}", "List-Unsubscribe=One-Click",
                    content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert once.status_code == 200, once.content
    assert once.json() == {**described.json(), "active": False}
    assert not AlertSubscription.objects.get(pk=sub["id"]).active
    again = api.post(url, {"token": token}, format="json")  # the SPA's button, again
    assert again.status_code == 200 and again.json()["active"] is False
    assert api.get(f"{url}?token={token}").json()["active"] is False


def test_an_expired_unsubscribe_link_changes_nothing(signed_in, api, person, monkeypatch, settings):
    sub = signed_in.post(URL, frost(), format="json").json()
    long_ago = time.time() - (settings.ALERTS_UNSUBSCRIBE_MAX_AGE_DAYS + 1) * 86400
    monkeypatch.setattr(signing.time, "time", lambda: long_ago)
    token = unsubscribe_token(sub["id"], person.pk)
    monkeypatch.undo()
    for response in (
        api.get(f"/api/v1/alerts/unsubscribe/?token={token}"),
        api.post(f"/api/v1/alerts/unsubscribe/?token={token}"),
    ):
        assert response.status_code == 410
        assert "expired" in response.json()["error"]["message"]
    assert AlertSubscription.objects.get(pk=sub["id"]).active
