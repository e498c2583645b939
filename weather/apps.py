from django.apps import AppConfig


class WeatherConfig(AppConfig):
    name = "weather"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from weather.api import schema  # noqa: F401  (registers the OpenAPI extension for our auth)
