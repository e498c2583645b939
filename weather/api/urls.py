from django.urls import path
from django.views.decorators.cache import cache_page
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from weather.api.views import air_quality as air_quality_views
from weather.api.views import alerts as alert_views
from weather.api.views import exports as export_views
from weather.api.views import operators as ops_views
from weather.api.views import overview as overview_views
from weather.api.views import people as people_views
from weather.api.views import public as views
from weather.api.views import refreshes as bulk_views

urlpatterns = [
    path("weather/", views.WeatherView.as_view(), name="weather"),
    path(
        "weather/overview/", overview_views.WeatherOverviewView.as_view(), name="weather-overview"
    ),
    path("air-quality/", air_quality_views.AirQualityView.as_view(), name="air-quality"),
    path("searches/", views.SearchListCreateView.as_view(), name="search-list"),
    path("searches/export.csv", export_views.SearchExportCSVView.as_view(), name="export-csv"),
    path(
        "searches/export.jsonl",
        export_views.SearchExportJSONLinesView.as_view(),
        name="export-jsonl",
    ),
    path("searches/<uuid:public_id>/", views.SearchDetailView.as_view(), name="search-detail"),
    path("locations/", views.LocationSearchView.as_view(), name="locations"),
    path("locations/nearest/", views.NearestLocationView.as_view(), name="locations-nearest"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    # tasks/test/ must come before tasks/<id>/.
    path("tasks/test/", ops_views.TaskTestView.as_view(), name="task-test"),
    path("refreshes/", bulk_views.RefreshListView.as_view(), name="refresh-list"),
    path(
        "refreshes/<uuid:refresh_id>/cancel/",
        bulk_views.RefreshCancelView.as_view(),
        name="refresh-cancel",
    ),
    path("tasks/<str:task_id>/", ops_views.TaskStatusView.as_view(), name="task-status"),
    path("notifications/", ops_views.NotificationListView.as_view(), name="notification-list"),
    path("reports/", ops_views.ReportListView.as_view(), name="report-list"),
    path(
        "maintenance/latest/",
        ops_views.MaintenanceReportView.as_view(),
        name="maintenance-latest",
    ),
    path(
        "alerts/subscriptions/",
        alert_views.SubscriptionListView.as_view(),
        name="alert-subscriptions",
    ),
    path(
        "alerts/subscriptions/<int:subscription_id>/",
        alert_views.SubscriptionDetailView.as_view(),
        name="alert-subscription",
    ),
    path("alerts/deliveries/", alert_views.DeliveryListView.as_view(), name="alert-deliveries"),
    path("alerts/test/", alert_views.TestView.as_view(), name="alert-test"),
    path("alerts/push/key/", alert_views.PushKeyView.as_view(), name="alert-push-key"),
    path(
        "alerts/push/subscriptions/",
        alert_views.PushSubscriptionView.as_view(),
        name="alert-push-subscriptions",
    ),
    path("alerts/unsubscribe/", alert_views.UnsubscribeView.as_view(), name="alert-unsubscribe"),
    # A signed-in person's own account (accounts themselves: /_allauth/).
    path("me/", people_views.MeView.as_view(), name="me"),
    path("me/preferences/", people_views.PreferencesView.as_view(), name="me-preferences"),
    path("me/favourites/", people_views.FavouritesView.as_view(), name="me-favourites"),
    path(
        "me/favourites/merge/",
        people_views.FavouritesMergeView.as_view(),
        name="me-favourites-merge",
    ),
    path("me/data/", people_views.AccountDataView.as_view(), name="me-data"),
    path("health/", views.HealthView.as_view(), name="health"),
    path("health/ready/", views.ReadinessView.as_view(), name="health-ready"),
    # Generating the schema takes a while and it changes only with a release.
    path("schema/", cache_page(3600)(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]
