from django.contrib import admin
from django.urls import include, path

from weather.api.views.metrics import metrics_view

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("weather.api.urls")),
    # People's accounts: allauth's headless JSON API (browser client), used by the SPA.
    path("_allauth/", include("allauth.headless.urls")),
    path("metrics", metrics_view, name="metrics"),
]

handler404 = "weather.api.errors.not_found"
handler500 = "weather.api.errors.server_error"
