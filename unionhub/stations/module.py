"""Outdoor-worker stations (响水's brand): what the module adds to the platform."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page
from unionhub.stations import views, views_public
from unionhub.stations.api import views as api
from unionhub.stations.dashboard import station_cards

# The station network's overview pages are for the unions that run stations; an attendant's
# menu keeps to the desk and the records they keep (the pages stay open to their permission).
MANAGERS = "stations.change_station"

menu = [
    page_item(
        "stations:shift",
        _("Shift desk"),
        icon="checklist",
        permission="stations.add_hygienecheck",
        order=499,
    ),
    model_item("stations.station", _("Stations"), icon="home", order=500),
    model_item("stations.ticket", _("Service tickets"), icon="alert", order=501),
    model_item("stations.checkin", _("Check-ins"), icon="list", order=502),
    page_item(
        "stations:management",
        _("Three-level management"),
        icon="check",
        permission="stations.view_hygienecheck",
        order=503,
    ),
    page_item(
        "stations:statistics",
        _("Visit statistics"),
        icon="chart",
        permission=MANAGERS,
        order=504,
    ),
    page_item(
        "stations:screen",
        _("Big screen"),
        icon="screen",
        permission=MANAGERS,
        order=505,
    ),
    page_item(
        "stations:coverage",
        _("15-minute service circle"),
        icon="map",
        permission=MANAGERS,
        order=506,
    ),
    model_item("stations.device", _("Devices"), icon="cpu", order=507),
    page_item("stations:finder", _("Nearby stations (public)"), icon="map-pin", order=508),
]

dashboard_cards = [(400, station_cards)]

role_grants = {
    "city_admin": ["stations.*"],
    "county_admin": ["stations.*"],
    "town_cadre": [
        "stations.view_*",
        "stations.add_station",
        "stations.change_station",
        "stations.add_schedulewindow",
        "stations.change_schedulewindow",
        "stations.delete_schedulewindow",
        "stations.add_scheduleexception",
        "stations.change_scheduleexception",
        "stations.add_ticket",
        "stations.change_ticket",
        "stations.add_checkin",
        "stations.add_spotcheck",
        "stations.change_spotcheck",
    ],
    "station_staff": [
        "stations.view_station",
        "stations.view_schedulewindow",
        "stations.view_scheduleexception",
        "stations.add_scheduleexception",
        "stations.view_stationstaff",
        "stations.view_device",
        "stations.view_deviceevent",
        "stations.view_checkin",
        "stations.add_checkin",
        "stations.view_ticket",
        "stations.add_ticket",
        "stations.change_ticket",
        "stations.view_ticketevent",
        "stations.view_hygienecheck",
        "stations.add_hygienecheck",
        "stations.change_hygienecheck",
        "stations.view_patrollog",
        "stations.add_patrollog",
        "stations.change_patrollog",
        "stations.view_spotcheck",
        "stations.view_demandpoint",
    ],
}

# Where each model's registered views live under /stations/ (the station registry is the
# module's front page).
url_bases = {
    "station": "",
    "schedulewindow": "windows/",
    "scheduleexception": "exceptions/",
    "stationstaff": "staff/",
    "ticket": "tickets/",
    "checkin": "checkins/",
    "device": "devices/",
    "hygienecheck": "hygiene/",
    "patrollog": "patrols/",
    "spotcheck": "spot-checks/",
    "demandpoint": "demand-points/",
}

pages = [
    page("shift/", views.ShiftView, "shift"),
    page("management/", views.ManagementView, "management"),
    page("statistics/", views.StatisticsView, "statistics"),
    page("screen/", views.ScreenView, "screen"),
    page("coverage/", views.CoverageView, "coverage"),
    # Public phone pages (no login)
    page("nearby/", views_public.FinderView, "finder"),
    page("s/<str:code>/", views_public.PhoneEntryView, "phone_entry"),
    page("s/<str:code>/done/", views_public.PhoneDoneView, "phone_done"),
    page("s/<str:code>/help/", views_public.PhoneHelpView, "phone_help"),
    page("t/<uuid:ref>/", views_public.PublicTicketView, "public_ticket"),
]


def landing(user) -> str | None:
    """A station attendant (assigned to a station, not managing stations) starts on the
    shift page (contract.md "Phone pages")."""
    if user.has_perm("stations.add_station") or not user.has_perm("stations.add_hygienecheck"):
        return None
    from unionhub.stations.models import StationStaff

    if StationStaff.objects.filter(user=user, station__is_active=True).exists():
        return reverse("stations:shift")
    return None


api_routes = [
    ("stations/tickets", api.TicketViewSet, "stations-ticket"),
    ("stations", api.StationViewSet, "stations-station"),
]

api_urls = [
    path("stations/nearby/", api.NearbyView.as_view(), name="stations-nearby"),
    path(
        "stations/<int:pk>/checkins/",
        api.StationCheckInView.as_view(),
        name="stations-station-checkins",
    ),
    path("stations/devices/events/", api.DeviceEventView.as_view(), name="stations-device-events"),
    path(
        "stations/devices/heartbeat/",
        api.DeviceHeartbeatView.as_view(),
        name="stations-device-heartbeat",
    ),
]
