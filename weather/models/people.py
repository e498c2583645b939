"""What a person's account keeps besides the account itself: their preferences (units,
language, theme) and their favourite places, in order. Both follow the person to every device;
without an account the SPA keeps them in the browser as before."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from weather.models.tables import Location

FAVOURITES_MAX = 50


class Preferences(models.Model):
    class TemperatureUnit(models.TextChoices):
        CELSIUS = "celsius"
        FAHRENHEIT = "fahrenheit"

    class WindUnit(models.TextChoices):
        KMH = "kmh"
        MS = "ms"
        MPH = "mph"
        KN = "kn"
        BFT = "bft"

    class PrecipitationUnit(models.TextChoices):
        MM = "mm"
        INCH = "inch"

    class Language(models.TextChoices):
        EN = "en"
        FR = "fr"

    class Theme(models.TextChoices):
        SYSTEM = "system"
        LIGHT = "light"
        DARK = "dark"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    temperature_unit = models.CharField(
        max_length=10, choices=TemperatureUnit.choices, default=TemperatureUnit.CELSIUS
    )
    wind_unit = models.CharField(max_length=3, choices=WindUnit.choices, default=WindUnit.KMH)
    precipitation_unit = models.CharField(
        max_length=4, choices=PrecipitationUnit.choices, default=PrecipitationUnit.MM
    )
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.EN)
    theme = models.CharField(max_length=6, choices=Theme.choices, default=Theme.SYSTEM)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "preferences"

    def __str__(self) -> str:
        return f"preferences of {self.user}"


class Favourite(models.Model):
    """A place a person keeps at hand; `position` orders them (0 first)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites"
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="favourites")
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "location"], name="favourite_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.location} ({self.user})"
