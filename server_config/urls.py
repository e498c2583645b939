from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("weather.urls")),
]

handler404 = "weather.errors.not_found"
handler500 = "weather.errors.server_error"
