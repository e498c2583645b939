from django.contrib import admin
from django.urls import include, path

from weather.monitoring import metrics_view

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("weather.urls")),
    path("metrics", metrics_view, name="metrics"),
]

handler404 = "weather.errors.not_found"
handler500 = "weather.errors.server_error"
