from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import views

urlpatterns = [
    path("weather/", views.WeatherView.as_view(), name="weather"),
    path("searches/", views.SearchListCreateView.as_view(), name="search-list"),
    path("searches/<int:pk>/", views.SearchDetailView.as_view(), name="search-detail"),
    path("locations/", views.LocationSearchView.as_view(), name="locations"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("health/", views.HealthView.as_view(), name="health"),
    path("health/ready/", views.ReadinessView.as_view(), name="health-ready"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]
