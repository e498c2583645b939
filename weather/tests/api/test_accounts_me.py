"""/api/v1/me/: a person's preferences and favourites follow them to a second device; the
browser's searches join the account at sign-in; their data downloads whole and holds nothing
of anyone else's; deleting the account deletes what it owns; anonymous callers get 401."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model

from weather.api.throttles import SearchThrottle
from weather.models import (
    AlertSubscription,
    BulkRefresh,
    Favourite,
    Preferences,
    WeatherSearch,
)
from weather.tests.api.people_helpers import AUTH, PASSWORD, sign_in
from weather.tests.api.search_helpers import listed, search
from weather.tests.factories import BERLIN, PARIS, LocationFactory

pytestmark = pytest.mark.django_db

LONDON, TOKYO = 2643743, 1850147
ME = "/api/v1/me/"


@pytest.fixture
def ana(person, browser):
    """Ana, signed in on a browser of hers."""
    user = person("ana@example.com")
    client = browser()
    assert sign_in(client, "ana@example.com").status_code == 200
    return user, client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", ME),
        ("delete", ME),
        ("get", f"{ME}preferences/"),
        ("put", f"{ME}preferences/"),
        ("patch", f"{ME}preferences/"),
        ("get", f"{ME}favourites/"),
        ("put", f"{ME}favourites/"),
        ("post", f"{ME}favourites/merge/"),
        ("get", f"{ME}data/"),
    ],
)
def test_anonymous_callers_get_401_and_the_ops_token_403(browser, ops_token, method, path):
    client = browser()
    response = getattr(client, method)(path, {}, format="json")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    token = getattr(client, method)(
        path, {}, format="json", HTTP_AUTHORIZATION=f"Bearer {ops_token}"
    )
    assert token.status_code == 403


def test_preferences_and_favourites_follow_the_person_to_a_second_device(
    ana, browser, fake_open_meteo
):
    _, laptop = ana
    assert laptop.get(ME).json() == {
        "email": "ana@example.com",
        "is_operator": False,
        "preferences": {
            "temperature_unit": "celsius",
            "wind_unit": "kmh",
            "precipitation_unit": "mm",
            "language": "en",
            "theme": "system",
        },
        "favourites": [],
    }
    prefs = {
        "temperature_unit": "fahrenheit",
        "wind_unit": "bft",
        "precipitation_unit": "inch",
        "language": "fr",
        "theme": "dark",
    }
    assert laptop.put(f"{ME}preferences/", prefs, format="json").json() == prefs
    saved = laptop.put(f"{ME}favourites/", {"ids": [BERLIN, PARIS, BERLIN]}, format="json")
    assert saved.status_code == 200, saved.content
    assert [(f["id"], f["name"]) for f in saved.json()["favourites"]] == [
        (BERLIN, "Berlin"),
        (PARIS, "Paris"),
    ]

    phone = browser()
    assert sign_in(phone, "ana@example.com").status_code == 200
    assert phone.get(f"{ME}preferences/").json() == prefs
    assert [f["id"] for f in phone.get(f"{ME}favourites/").json()["favourites"]] == [BERLIN, PARIS]
    assert phone.get(ME).json()["favourites"] == [BERLIN, PARIS]
    assert phone.patch(f"{ME}preferences/", {"theme": "light"}, format="json").status_code == 200
    assert laptop.get(f"{ME}preferences/").json() == {**prefs, "theme": "light"}


def test_another_person_sees_none_of_it(ana, person, browser, fake_open_meteo):
    _, laptop = ana
    laptop.put(f"{ME}favourites/", {"ids": [PARIS]}, format="json")
    person("bob@example.com")
    bob = browser()
    sign_in(bob, "bob@example.com")
    assert bob.get(f"{ME}favourites/").json() == {"favourites": []}
    assert bob.get(ME).json()["email"] == "bob@example.com"


def test_bad_preferences_and_favourites_are_400s_naming_the_field(ana, fake_open_meteo):
    _, client = ana
    bad = client.patch(f"{ME}preferences/", {"wind_unit": "furlongs"}, format="json")
    assert bad.status_code == 400 and set(bad.json()["error"]["fields"]) == {"wind_unit"}
    unknown = client.patch(f"{ME}preferences/", {"colour": "red"}, format="json")
    assert unknown.status_code == 400 and set(unknown.json()["error"]["fields"]) == {"colour"}
    partial_put = client.put(f"{ME}preferences/", {"theme": "dark"}, format="json")
    assert partial_put.status_code == 400 and "language" in partial_put.json()["error"]["fields"]
    for body in ({"ids": ["Paris"]}, {"ids": [1.5]}, {"ids": [True]}, {"ids": 3}, {}):
        response = client.put(f"{ME}favourites/", body, format="json")
        assert response.status_code == 400, body
        assert set(response.json()["error"]["fields"]) == {"ids"}
    too_many = client.put(f"{ME}favourites/", {"ids": list(range(1, 52))}, format="json")
    assert too_many.status_code == 400
    nowhere = client.put(f"{ME}favourites/", {"ids": [PARIS, 999_999_999]}, format="json")
    assert nowhere.status_code == 400
    assert "999999999" in nowhere.json()["error"]["fields"]["ids"][0]
    assert Favourite.objects.count() == 0  # nothing half-written
    assert client.get(f"{ME}preferences/").json()["wind_unit"] == "kmh"


def test_the_browsers_favourites_merge_after_the_accounts_own(ana, fake_open_meteo):
    _, client = ana
    client.put(f"{ME}favourites/", {"ids": [PARIS, LONDON]}, format="json")
    merged = client.post(f"{ME}favourites/merge/", {"ids": [BERLIN, PARIS, TOKYO]}, format="json")
    assert merged.status_code == 200
    assert [f["id"] for f in merged.json()["favourites"]] == [PARIS, LONDON, BERLIN, TOKYO]
    unknown = client.post(f"{ME}favourites/merge/", {"ids": [999_999_999]}, format="json")
    assert unknown.status_code == 400
    assert client.get(ME).json()["favourites"] == [PARIS, LONDON, BERLIN, TOKYO]
    assert client.put(f"{ME}favourites/", {"ids": []}, format="json").status_code == 200
    assert client.get(ME).json()["favourites"] == []


def test_the_browsers_searches_join_the_account_at_sign_in(person, browser, fake_open_meteo):
    user = person("ana@example.com")
    shared_computer, someone_else = browser(), browser()
    search(shared_computer, "Paris")
    search(someone_else, "Berlin")
    assert sign_in(shared_computer, "ana@example.com").status_code == 200
    assert listed(shared_computer) == ["Paris"]
    search(shared_computer, "London")  # signed in: the account's
    assert set(WeatherSearch.objects.filter(owner=user).values_list("query", flat=True)) == {
        "Paris",
        "London",
    }
    assert WeatherSearch.objects.get(query="Berlin").owner is None

    phone = browser()
    sign_in(phone, "ana@example.com")
    assert listed(phone) == ["London", "Paris"]
    exported = b"".join(phone.get("/api/v1/searches/export.jsonl").streaming_content).decode()
    assert {json.loads(line)["query"] for line in exported.splitlines()} == {"Paris", "London"}

    shared_computer.delete(f"{AUTH}/session")  # signed out: the computer forgets
    assert listed(shared_computer) == []
    assert listed(someone_else) == ["Berlin"]


def test_download_my_data_holds_mine_and_nothing_of_anyone_else(
    ana, person, browser, fake_open_meteo
):
    _, client = ana
    search(client, "Paris")
    client.put(f"{ME}favourites/", {"ids": [LONDON]}, format="json")
    person("bob@example.com")
    bob = browser()
    sign_in(bob, "bob@example.com")
    search(bob, "Reykjavik")
    bob.put(f"{ME}favourites/", {"ids": [TOKYO]}, format="json")

    response = client.get(f"{ME}data/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["account"]["email"] == "ana@example.com"
    assert data["preferences"]["language"] == "en"
    assert [f["name"] for f in data["favourites"]] == ["London"]
    assert [s["query"] for s in data["searches"]] == ["Paris"]
    text = response.content.decode()
    assert "bob@example.com" not in text and "Reykjavik" not in text and "Tokyo" not in text


def test_the_download_holds_my_alerts_and_not_anyone_elses(ana, person, fake_open_meteo):
    user, client = ana
    bob = person("bob@example.com")
    paris = LocationFactory()
    AlertSubscription.objects.create(user=user, location=paris, kind="frost", threshold=-2)
    AlertSubscription.objects.create(user=bob, location=paris, kind="heat", threshold=35)
    data = client.get(f"{ME}data/").json()
    assert [(a["kind"], a["threshold"]) for a in data["alert_subscriptions"]] == [("frost", -2)]
    assert data["alert_deliveries"] == []


def test_deleting_my_account_takes_its_data_and_signs_out(ana, person, browser, fake_open_meteo):
    user, client = ana
    search(client, "Paris")
    client.put(f"{ME}favourites/", {"ids": [PARIS]}, format="json")
    client.post("/api/v1/refreshes/", {"location_ids": [PARIS]}, format="json")
    person("bob@example.com")
    bob = browser()
    sign_in(bob, "bob@example.com")
    search(bob, "Berlin")

    wrong = client.delete(ME, {"password": "not-it"}, format="json")
    assert wrong.status_code == 400 and set(wrong.json()["error"]["fields"]) == {"password"}
    missing = client.delete(ME, {}, format="json")
    assert missing.status_code == 400
    assert client.delete(ME, {"password": PASSWORD}, format="json").status_code == 204

    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not WeatherSearch.objects.filter(query="Paris").exists()
    assert not Favourite.objects.filter(user_id=user.pk).exists()
    assert not Preferences.objects.filter(user_id=user.pk).exists()
    assert not BulkRefresh.objects.filter(owner_id=user.pk).exists()
    assert client.get(ME).status_code == 401  # signed out
    assert sign_in(browser(), "ana@example.com").status_code == 400
    assert listed(bob) == ["Berlin"]


def test_writing_favourites_is_throttled_like_searches_reading_them_is_not(
    ana, monkeypatch, fake_open_meteo
):
    monkeypatch.setitem(SearchThrottle.THROTTLE_RATES, "search", "2/min")
    _, client = ana
    answers = [client.put(f"{ME}favourites/", {"ids": [PARIS]}, format="json") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[-1]["Retry-After"]
    assert {client.get(f"{ME}favourites/").status_code for _ in range(3)} == {200}
