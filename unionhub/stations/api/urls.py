from django.urls import path
from rest_framework.routers import DefaultRouter

from unionhub.stations.api import views

router = DefaultRouter()
router.include_root_view = False
router.register("stations/tickets", views.TicketViewSet, basename="stations-ticket")
router.register("stations", views.StationViewSet, basename="stations-station")

urlpatterns = [
    path("stations/nearby/", views.NearbyView.as_view(), name="stations-nearby"),
    path(
        "stations/<int:pk>/checkins/",
        views.StationCheckInView.as_view(),
        name="stations-station-checkins",
    ),
    path(
        "stations/devices/events/", views.DeviceEventView.as_view(), name="stations-device-events"
    ),
    path(
        "stations/devices/heartbeat/",
        views.DeviceHeartbeatView.as_view(),
        name="stations-device-heartbeat",
    ),
    *router.urls,
]
