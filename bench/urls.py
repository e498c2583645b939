"""The app's URLs plus the framework's own ceilings to compare against."""

from django.http import JsonResponse
from django.urls import include, path

from weather.models import Location, WeatherSearch

_PAYLOAD = {"status": "ok", "values": list(range(20))}


def bare_json(request):
    return JsonResponse(_PAYLOAD)


def bare_insert(request):
    location = Location.objects.only("pk").first()
    search = WeatherSearch.objects.create(query="bench", location=location, temperature_c=1.0)
    return JsonResponse({"id": search.pk})


urlpatterns = [
    path("bench/bare/", bare_json),
    path("bench/insert/", bare_insert),
    path("", include("server_config.urls")),
]
