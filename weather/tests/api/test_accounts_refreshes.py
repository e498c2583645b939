"""Bulk refreshes by signed-in people: their own favourites only (at most 50), operators any
place; only the owner or an operator cancels one."""

from __future__ import annotations

import pytest

from weather.models import BulkRefresh
from weather.tests.api.people_helpers import sign_in
from weather.tests.factories import BERLIN, PARIS

pytestmark = pytest.mark.django_db

TOKYO = 1850147


def refresh(client, ids, **extra):
    return client.post("/api/v1/refreshes/", {"location_ids": ids}, format="json", **extra)


def signed_in_browser(browser, person, email: str):
    user = person(email)
    client = browser()
    assert sign_in(client, email).status_code == 200
    return user, client


def test_people_refresh_their_favourites_only(browser, person, fake_open_meteo):
    ana, client = signed_in_browser(browser, person, "ana@example.com")
    client.put("/api/v1/me/favourites/", {"ids": [PARIS, TOKYO]}, format="json")
    client.post("/api/v1/searches/", {"city": "Berlin"}, format="json")

    started = refresh(client, [PARIS, TOKYO])
    assert started.status_code == 202, started.content
    row = BulkRefresh.objects.get(pk=started.json()["task_id"])
    assert row.owner_id == ana.pk and row.location_ids == [PARIS, TOKYO]

    searched_not_kept = refresh(client, [BERLIN])  # searched, but not a favourite
    assert searched_not_kept.status_code == 400
    assert "favourites" in searched_not_kept.json()["error"]["fields"]["location_ids"][0]
    too_many = refresh(client, list(range(1, 52)))
    assert too_many.status_code == 400
    everything = client.post("/api/v1/refreshes/", {"all_locations": True}, format="json")
    assert everything.status_code == 403


def test_only_the_owner_or_an_operator_cancels(browser, person, fake_open_meteo, ops_token):
    _, ana = signed_in_browser(browser, person, "ana@example.com")
    _, bob = signed_in_browser(browser, person, "bob@example.com")
    ana.put("/api/v1/me/favourites/", {"ids": [PARIS]}, format="json")
    bob.put("/api/v1/me/favourites/", {"ids": [PARIS]}, format="json")
    first = refresh(ana, [PARIS]).json()["task_id"]

    assert bob.post(f"/api/v1/refreshes/{first}/cancel/").status_code == 404
    assert browser().post(f"/api/v1/refreshes/{first}/cancel/").status_code == 404
    assert ana.post(f"/api/v1/refreshes/{first}/cancel/").status_code == 200
    assert BulkRefresh.objects.get(pk=first).status == BulkRefresh.Status.CANCELLED

    second = refresh(ana, [PARIS]).json()["task_id"]
    by_token = browser().post(
        f"/api/v1/refreshes/{second}/cancel/", HTTP_AUTHORIZATION=f"Bearer {ops_token}"
    )
    assert by_token.status_code == 200


def test_operators_refresh_any_place_and_cancel_any_refresh(
    browser, person, operator, fake_open_meteo
):
    _, ana = signed_in_browser(browser, person, "ana@example.com")
    ana.put("/api/v1/me/favourites/", {"ids": [PARIS]}, format="json")
    hers = refresh(ana, [PARIS]).json()["task_id"]
    ops = browser()
    ops.force_login(operator)
    assert refresh(ops, [TOKYO, BERLIN]).status_code == 202  # no favourites needed
    assert ops.post(f"/api/v1/refreshes/{hers}/cancel/").status_code == 200
