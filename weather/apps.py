from django.apps import AppConfig


class WeatherConfig(AppConfig):
    name = "weather"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from weather.api import accounts, schema  # noqa: F401  (sign-in receiver; our auth's schema)
