import os

from celery import Celery
from celery.app import backends

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "server_config.settings.local")


class WeatherCelery(Celery):
    def _get_backend(self):
        # Celery takes CELERY_RESULT_BACKEND from the environment before the settings, which
        # wrap that same URL in our backend class (server_config.result_backend): without
        # this, any deployment that sets the variable would run Celery's plain one.
        from django.conf import settings

        backend, url = backends.by_url(settings.CELERY_RESULT_BACKEND, self.loader)
        return backend(app=self, url=url)


app = WeatherCelery("server")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The app's tasks are all in weather.worker.tasks (no other installed app has any).
app.autodiscover_tasks(["weather.worker"])
