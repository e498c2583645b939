"""Accounts through allauth's JSON API, as the SPA uses it: sign up, the verification link
arrives in the real mail sink (SMTP), following it signs in; password reset by mail; bad input
answered with 4xx JSON; CSRF on session writes; CORS for the allow-listed origins only."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from weather.models import Preferences
from weather.testing.mail_sink import body_text
from weather.tests.api.people_helpers import (
    AUTH,
    PASSWORD,
    csrf,
    link_key,
    post,
    sign_in,
    sign_up,
    signed_in,
)

pytestmark = pytest.mark.django_db


def pending_flows(response) -> list[str]:
    return [f["id"] for f in response.json()["data"]["flows"] if f.get("is_pending")]


def error_params(response) -> set[str]:
    assert response["Content-Type"].startswith("application/json")
    return {e.get("param") for e in response.json()["errors"]}


def test_sign_up_then_the_mailed_link_verifies_and_signs_in(browser, mail_sink):
    client = browser()
    signed = sign_up(client, "ana@example.com")
    assert signed.status_code == 401  # not signed in until the address is verified
    assert pending_flows(signed) == ["verify_email"]
    assert client.get("/api/v1/me/").status_code == 401

    message = mail_sink.wait_for(lambda m: m["To"] == "ana@example.com")
    assert message["Subject"] == "Weather App: Confirm your email address"
    assert f"{settings.PUBLIC_URL}/account/verify/" in body_text(message)
    key = link_key(mail_sink, "ana@example.com", "verify")

    verified = post(client, f"{AUTH}/email/verify", {"key": key})
    assert verified.status_code == 200, verified.content
    assert verified.json()["meta"]["is_authenticated"] is True
    me = client.get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["email"] == "ana@example.com"
    assert me.json()["is_operator"] is False
    assert EmailAddress.objects.get(email="ana@example.com").verified


def test_the_mails_speak_the_persons_language(browser, mail_sink):
    client = browser()
    sign_up(client, "zoe@example.fr", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    message = mail_sink.wait_for(lambda m: m["To"] == "zoe@example.fr")
    assert message["Subject"] == "Weather App: Confirmez votre adresse e-mail"
    assert "ouvrez ce lien" in body_text(message)
    user = get_user_model().objects.get(email="zoe@example.fr")
    assert Preferences.objects.get(user=user).language == "fr"

    mail_sink.clear()  # a reset asked from an English browser: still in her language
    post(browser(), f"{AUTH}/password/request", {"email": "zoe@example.fr"})
    reset = mail_sink.wait_for(lambda m: m["To"] == "zoe@example.fr")
    assert reset["Subject"] == "Weather App: Réinitialiser votre mot de passe"


def test_an_unverified_address_cannot_sign_in(browser, mail_sink):
    sign_up(browser(), "ana@example.com")
    other = browser()
    attempt = sign_in(other, "ana@example.com")
    assert attempt.status_code == 401
    assert pending_flows(attempt) == ["verify_email"]
    assert other.get("/api/v1/me/").status_code == 401


def test_sign_in_and_out(browser, person):
    person("ana@example.com")
    client = browser()
    assert sign_in(client, "ana@example.com", "wrong-password-0").status_code == 400
    assert sign_in(client, "ana@example.com").status_code == 200
    assert signed_in(client)
    assert client.delete(f"{AUTH}/session").status_code == 401  # signed out
    assert not signed_in(client)
    assert client.get("/api/v1/me/").status_code == 401


def test_password_reset_by_mail(browser, person, mail_sink):
    person("ana@example.com")
    client = browser()
    assert post(client, f"{AUTH}/password/request", {"email": "ana@example.com"}).status_code == 200
    message = mail_sink.wait_for(lambda m: m["To"] == "ana@example.com")
    assert message["Subject"] == "Weather App: Reset your password"
    key = link_key(mail_sink, "ana@example.com", "reset")
    checked = client.get(f"{AUTH}/password/reset", HTTP_X_PASSWORD_RESET_KEY=key)
    assert checked.status_code == 200

    new_password = "quiet-Meadow-93-compass"
    reset = post(client, f"{AUTH}/password/reset", {"key": key, "password": new_password})
    assert reset.status_code in (200, 401), reset.content  # 401: done, sign in now
    assert sign_in(browser(), "ana@example.com", PASSWORD).status_code == 400
    assert sign_in(browser(), "ana@example.com", new_password).status_code == 200
    again = post(client, f"{AUTH}/password/reset", {"key": key, "password": "x-Other-77-pass"})
    assert again.status_code == 400  # a key works once


def test_bad_input_is_a_4xx_that_names_the_field(browser, person, mail_sink):
    person("taken@example.com")
    client = browser()
    weak = sign_up(client, "new@example.com", "12345678")
    assert weak.status_code == 400 and error_params(weak) == {"password"}
    short = sign_up(client, "new@example.com", "a-B-3")
    assert short.status_code == 400 and error_params(short) == {"password"}
    not_email = sign_up(client, "not-an-address")
    assert not_email.status_code == 400 and error_params(not_email) == {"email"}
    bad_key = post(client, f"{AUTH}/email/verify", {"key": "forged-key"})
    assert bad_key.status_code == 400 and error_params(bad_key) == {"key"}
    bad_reset = post(client, f"{AUTH}/password/reset", {"key": "1-forged", "password": PASSWORD})
    assert bad_reset.status_code == 400 and error_params(bad_reset) == {"key"}
    malformed = client.post(f"{AUTH}/login", "{", content_type="application/json")
    assert 400 <= malformed.status_code < 500
    assert mail_sink.messages() == []  # nothing was sent for any of these
    assert get_user_model().objects.filter(email="new@example.com").count() == 0


def test_whether_an_address_has_an_account_stays_private(browser, person, mail_sink):
    person("taken@example.com")
    new, taken = sign_up(browser(), "new@example.com"), sign_up(browser(), "TAKEN@example.com")
    assert taken.status_code == new.status_code == 401
    assert pending_flows(taken) == pending_flows(new) == ["verify_email"]
    owner_mail = mail_sink.wait_for(lambda m: m["To"] == "taken@example.com")
    assert "already" in body_text(owner_mail).lower()
    assert get_user_model().objects.filter(email__iexact="taken@example.com").count() == 1

    unknown = post(browser(), f"{AUTH}/password/request", {"email": "nobody@example.com"})
    known = post(browser(), f"{AUTH}/password/request", {"email": "taken@example.com"})
    assert unknown.status_code == known.status_code == 200


def test_session_writes_need_the_csrf_token(browser, person):
    person("ana@example.com")
    client = browser(enforce_csrf_checks=True)
    assert client.get(f"{AUTH}/session").status_code == 401  # sets the csrftoken cookie
    assert sign_in(client, "ana@example.com").status_code == 403  # no token
    assert sign_in(client, "ana@example.com", **csrf(client)).status_code == 200
    prefs = {"theme": "dark"}
    forged = client.patch("/api/v1/me/preferences/", prefs, format="json")
    assert forged.status_code == 403
    assert "CSRF" in forged.json()["error"]["message"]
    sent = client.patch("/api/v1/me/preferences/", prefs, format="json", **csrf(client))
    assert sent.status_code == 200 and sent.json()["theme"] == "dark"


@pytest.mark.parametrize(
    "origin,allowed", [("http://localhost:4173", True), ("https://evil.example", False)]
)
def test_the_spa_origin_may_sign_in_across_origins_others_may_not(browser, origin, allowed):
    preflight = browser().options(
        f"{AUTH}/login",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type,x-csrftoken,x-password-reset-key",
    )
    assert (preflight.get("Access-Control-Allow-Origin") == origin) is allowed
    assert (preflight.get("Access-Control-Allow-Credentials") == "true") is allowed
    if allowed:
        asked = set(preflight["Access-Control-Allow-Headers"].split(", "))
        assert {"content-type", "x-csrftoken", "x-password-reset-key"} <= asked


def test_signing_in_cycles_the_session_key_and_keeps_the_browsers_searches(
    browser, person, fake_open_meteo
):
    person("ana@example.com")
    client = browser()
    assert client.post("/api/v1/searches/", {"city": "Paris"}, format="json").status_code == 201
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert sign_in(client, "ana@example.com").status_code == 200
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert [s["query"] for s in client.get("/api/v1/searches/").json()["results"]] == ["Paris"]


def test_failed_sign_ins_are_rate_limited(browser, person):
    person("ana@example.com")
    client = browser()
    answers = [sign_in(client, "ana@example.com", "wrong-password-0") for _ in range(6)]
    codes = [a.json()["errors"][0]["code"] for a in answers]
    assert codes == ["email_password_mismatch"] * 5 + ["too_many_login_attempts"]
    held = sign_in(client, "ana@example.com")  # even the right password, for a while
    assert held.status_code == 400
    assert held.json()["errors"][0]["code"] == "too_many_login_attempts"
