"""People in the admin: each account with its preferences and favourites; operators (and
only they) disable an account, which then cannot sign in and whose session stops working;
the search admin shows each search's public id and owner."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from weather.models import AlertDelivery, AlertSubscription, Favourite, Preferences
from weather.tests.factories import LocationFactory, WeatherSearchFactory

pytestmark = pytest.mark.django_db

PASSWORD = "blue-Harbour-47-lantern"
LOGIN = "/_allauth/browser/v1/auth/login"
USERS = "/admin/auth/user/"


@pytest.fixture
def ana():
    user = get_user_model().objects.create_user("ana", email="ana@example.com", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def signed_in(email: str) -> APIClient:
    client = APIClient()
    answer = client.post(LOGIN, {"email": email, "password": PASSWORD}, format="json")
    assert answer.status_code == 200, answer.content
    return client


def disable(client, user):
    return client.post(USERS, {"action": "disable_accounts", "_selected_action": [user.pk]})


def test_a_persons_page_shows_their_preferences_and_favourites(client, operator, ana):
    operator.is_staff = True
    operator.save()
    Preferences.objects.create(user=ana, language="fr", theme="dark")
    lyon = LocationFactory(name="Lyon")
    Favourite.objects.create(user=ana, location=lyon, position=0)
    AlertSubscription.objects.create(user=ana, location=lyon, kind="frost", threshold=0)
    AlertDelivery.objects.create(user=ana, channel="email", status="failed", last_error="550")
    client.force_login(operator)
    assert ana.email in client.get(USERS).content.decode()
    page = client.get(f"{USERS}{ana.pk}/change/")
    assert page.status_code == 200
    formsets = {f.formset.model: f.formset for f in page.context["inline_admin_formsets"]}
    assert formsets[Preferences].forms[0].instance.theme == "dark"
    assert [f.instance.location.name for f in formsets[Favourite].forms] == ["Lyon"]
    assert [f.instance.kind for f in formsets[AlertSubscription].forms] == ["frost"]
    assert "1 failed" in page.content.decode()


def test_an_operator_disables_an_account_its_session_ends_and_it_cannot_sign_in(
    client, operator, ana
):
    operator.is_staff = True
    operator.save()
    ana_browser = signed_in("ana@example.com")
    assert ana_browser.get("/api/v1/me/").status_code == 200
    client.force_login(operator)

    assert disable(client, ana).status_code == 302
    ana.refresh_from_db()
    assert ana.is_active is False
    assert ana_browser.get("/api/v1/me/").status_code == 401  # the session stopped working
    again = APIClient().post(LOGIN, {"email": ana.email, "password": PASSWORD}, format="json")
    assert again.status_code in (400, 401)
    assert not again.json().get("meta", {}).get("is_authenticated")


def test_staff_without_the_operate_permission_cannot_disable(client, ana):
    staff = get_user_model().objects.create_user("staff", password="pw", is_staff=True)
    # Django's own rights on users, but not weather.operate.
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    client.force_login(staff)
    disable(client, ana)
    ana.refresh_from_db()
    assert ana.is_active is True


def test_the_search_admin_shows_public_id_and_owner(admin_client, ana):
    search = WeatherSearchFactory(owner=ana)
    page = admin_client.get("/admin/weather/weathersearch/").content.decode()
    assert str(search.public_id) in page
    assert "ana" in page
    found = admin_client.get("/admin/weather/weathersearch/", {"q": str(search.public_id)})
    assert list(found.context["cl"].result_list) == [search]
