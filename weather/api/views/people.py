"""/api/v1/me/: a signed-in person's account, preferences, favourites, their data to download,
deleting the account. Session-authenticated (CSRF on every write); anonymous callers get 401.
Signing up, in and out is allauth's JSON API at /_allauth/browser/v1/."""

from __future__ import annotations

from django.contrib.auth import logout
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from weather.api.serializers.people import (
    AccountDataOutput,
    DeleteAccountInput,
    FavouriteIdsInput,
    FavouritesOutput,
    MeOutput,
    PreferencesSerializer,
)
from weather.api.serializers.public import error_response
from weather.api.throttles import SearchThrottle
from weather.models.permissions import is_operator
from weather.services import people


class IsPerson(permissions.BasePermission):
    """A signed-in person's account (the ops token is no one's account)."""

    message = "Only a signed-in person has an account here."

    def has_permission(self, request, view):
        user = request.user
        if not user.is_authenticated:
            raise exceptions.NotAuthenticated("Sign in first.")
        return isinstance(user.pk, int)


ANONYMOUS = {
    401: error_response("Not signed in"),
    403: error_response("CSRF check failed, or the ops token (no account)"),
}
INVALID = {400: error_response("Invalid input: the fields say what is wrong")}
UPSTREAM = {
    429: error_response("Too many changes of favourites (see Retry-After)"),
    503: error_response("A place is unknown here and Open-Meteo is unavailable"),
}


class PersonView(APIView):
    permission_classes = [IsPerson]


class WritesCountAsSearches:
    """Writing favourites may look places up at Open-Meteo: counted like searches."""

    def get_throttles(self):
        safe = self.request.method in permissions.SAFE_METHODS
        return [] if safe else [SearchThrottle()]


def _me(user) -> dict:
    return {
        "email": user.email,
        "is_operator": is_operator(user),
        "preferences": people.preferences_dict(people.preferences_of(user)),
        "favourites": people.favourite_ids(user),
    }


def _favourites(locations) -> dict:
    return FavouritesOutput({"favourites": locations}).data


def _ids(request) -> list[int]:
    params = FavouriteIdsInput(data=request.data)
    params.is_valid(raise_exception=True)
    return params.validated_data["ids"]


def _places(change):
    """Runs a change of favourites, its refusals answered as 400s naming `ids`."""
    try:
        return change()
    except (people.UnknownPlaces, people.TooManyFavourites) as exc:
        raise exceptions.ValidationError({"ids": [str(exc)]}) from exc


class MeView(PersonView):
    @extend_schema(
        operation_id="me_retrieve",
        summary="Who I am: email, operator or not, preferences, favourite ids",
        responses={200: MeOutput, **ANONYMOUS},
    )
    def get(self, request):
        return Response(MeOutput(_me(request.user)).data)

    @extend_schema(
        operation_id="me_destroy",
        summary="Delete my account and everything it owns (password required); signs out",
        request=DeleteAccountInput,
        responses={204: None, **INVALID, **ANONYMOUS},
    )
    def delete(self, request):
        params = DeleteAccountInput(data=request.data)
        params.is_valid(raise_exception=True)
        user = request.user
        if not user.check_password(params.validated_data["password"]):
            raise exceptions.ValidationError({"password": ["Wrong password."]})
        people.delete_account(user)
        logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PreferencesView(PersonView):
    @extend_schema(
        operation_id="me_preferences_retrieve",
        summary="My preferences: units, language, theme",
        responses={200: PreferencesSerializer, **ANONYMOUS},
    )
    def get(self, request):
        prefs = people.preferences_of(request.user)
        return Response(PreferencesSerializer(people.preferences_dict(prefs)).data)

    @extend_schema(
        operation_id="me_preferences_update",
        summary="Set every preference",
        request=PreferencesSerializer,
        responses={200: PreferencesSerializer, **INVALID, **ANONYMOUS},
    )
    def put(self, request):
        return self._save(request, partial=False)

    @extend_schema(
        operation_id="me_preferences_partial_update",
        summary="Set some preferences",
        request=PreferencesSerializer(partial=True),
        responses={200: PreferencesSerializer, **INVALID, **ANONYMOUS},
    )
    def patch(self, request):
        return self._save(request, partial=True)

    def _save(self, request, *, partial: bool):
        params = PreferencesSerializer(data=request.data, partial=partial)
        params.is_valid(raise_exception=True)
        prefs = people.update_preferences(request.user, params.validated_data)
        return Response(PreferencesSerializer(people.preferences_dict(prefs)).data)


class FavouritesView(WritesCountAsSearches, PersonView):
    @extend_schema(
        operation_id="me_favourites_retrieve",
        summary="My favourite places, in order",
        responses={200: FavouritesOutput, **ANONYMOUS},
    )
    def get(self, request):
        return Response(_favourites(people.favourites_of(request.user)))

    @extend_schema(
        operation_id="me_favourites_update",
        summary="Replace my favourites with these places, in this order",
        request=FavouriteIdsInput,
        responses={200: FavouritesOutput, **INVALID, **ANONYMOUS, **UPSTREAM},
    )
    def put(self, request):
        ids = _ids(request)
        return Response(_favourites(_places(lambda: people.set_favourites(request.user, ids))))


class FavouritesMergeView(WritesCountAsSearches, PersonView):
    @extend_schema(
        operation_id="me_favourites_merge",
        summary="Add the browser's favourites after mine (at sign-in)",
        request=FavouriteIdsInput,
        responses={200: FavouritesOutput, **INVALID, **ANONYMOUS, **UPSTREAM},
    )
    def post(self, request):
        ids = _ids(request)
        merged = _places(lambda: people.merge_favourites(request.user, ids))
        return Response(_favourites(merged))


class AccountDataView(PersonView):
    @extend_schema(
        operation_id="me_data_retrieve",
        summary="Download everything my account owns (JSON): account, preferences, "
        "favourites, searches, alerts",
        responses={
            200: OpenApiResponse(AccountDataOutput, description="An attachment"),
            **ANONYMOUS,
        },
    )
    def get(self, request):
        response = Response(people.account_data(request.user))
        response["Content-Disposition"] = 'attachment; filename="weather-app-my-data.json"'
        response["Cache-Control"] = "private, no-store"
        return response
