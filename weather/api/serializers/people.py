"""Shapes of /api/v1/me/: a person's account, preferences, favourites; their inputs."""

from __future__ import annotations

from rest_framework import serializers

from weather.api.serializers.strict_fields import StrictCharField, StrictIntegerField
from weather.domain.units import PRECIPITATION_UNITS, TEMPERATURE_UNITS, WIND_UNITS
from weather.models.people import FAVOURITES_MAX, Preferences

LANGUAGE_CHOICES = tuple(Preferences.Language.values)
THEME_CHOICES = tuple(Preferences.Theme.values)


class PreferencesSerializer(serializers.Serializer):
    """Input (PUT: every field; PATCH: any of them) and output alike."""

    temperature_unit = serializers.ChoiceField(choices=TEMPERATURE_UNITS)
    wind_unit = serializers.ChoiceField(choices=WIND_UNITS)
    precipitation_unit = serializers.ChoiceField(choices=PRECIPITATION_UNITS)
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    theme = serializers.ChoiceField(choices=THEME_CHOICES)

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: ["Unknown preference."] for name in unknown})
        return attrs


class MeOutput(serializers.Serializer):
    email = serializers.EmailField()
    is_operator = serializers.BooleanField(help_text="Has the weather.operate permission")
    preferences = PreferencesSerializer()
    favourites = serializers.ListField(
        child=serializers.IntegerField(), help_text="GeoNames ids of the favourites, in order"
    )


class FavouritePlaceOutput(serializers.Serializer):
    id = serializers.IntegerField(source="geonames_id", help_text="GeoNames id")
    name = serializers.CharField()
    country = serializers.CharField()
    admin1 = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()


class FavouritesOutput(serializers.Serializer):
    favourites = FavouritePlaceOutput(many=True)


class FavouriteIdsInput(serializers.Serializer):
    ids = serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=2**63 - 1),
        max_length=FAVOURITES_MAX,
        allow_empty=True,
        help_text=f"GeoNames ids, in order (at most {FAVOURITES_MAX}; repeats count once)",
    )


class DeleteAccountInput(serializers.Serializer):
    password = StrictCharField(
        max_length=4096, trim_whitespace=False, help_text="The account's password, again"
    )


class AccountDataOutput(serializers.Serializer):
    """The download: every section is a JSON document of its own."""

    exported_at = serializers.DateTimeField()
    account = serializers.DictField()
    preferences = PreferencesSerializer()
    favourites = serializers.ListField(child=serializers.DictField())
    searches = serializers.ListField(child=serializers.DictField())
