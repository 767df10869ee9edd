"""Activities and workers' culture: what the module adds to the platform (menu, grants,
pages, public phone pages, API)."""

from django.utils.translation import gettext_lazy as _

from unionhub.activities import views, views_public
from unionhub.activities.api import views as api
from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page

menu = [
    model_item("activities.activity", _("Activities"), icon="calendar", order=1000),
    model_item("activities.visittarget", _("People visited"), icon="heart", order=1001),
    model_item("activities.signin", _("Sign-ins"), icon="list", order=1002),
    page_item(
        "activities:statistics",
        _("Activity statistics"),
        icon="chart",
        permission="activities.view_activity",
        order=1003,
    ),
    model_item("activities.show", _("Workers' culture shows"), icon="star", order=1010),
    model_item("activities.seasonplan", _("Season plans"), icon="check", order=1011),
    page_item(
        "activities:plan",
        _("Season plan vs done"),
        icon="chart",
        permission="activities.view_seasonplan",
        order=1012,
    ),
    model_item("activities.programme", _("Show programmes"), icon="list", order=1013),
    model_item("activities.performer", _("Performers"), icon="users", order=1014),
]

role_grants = {
    "city_admin": ["activities.*"],
    "county_admin": ["activities.*"],
    "town_cadre": [
        "activities.view_*",
        "activities.add_activity",
        "activities.change_activity",
        "activities.change_activityphoto",
        "activities.add_visittarget",
        "activities.change_visittarget",
        "activities.add_show",
        "activities.change_show",
        "activities.add_programme",
        "activities.change_programme",
        "activities.add_performer",
        "activities.change_performer",
    ],
}

url_bases = {
    "activity": "",
    "activityphoto": "photos/",
    "visittarget": "visit-targets/",
    "signin": "signins/",
    "seasonplan": "culture/plans/",
    "show": "culture/shows/",
    "programme": "culture/programmes/",
    "performer": "culture/performers/",
}

pages = [
    page("statistics/", views.StatisticsView, "statistics"),
    page("statistics/towns.xlsx", views.StatisticsExportView, "statistics_export"),
    page("culture/plan/", views.PlanVsDoneView, "plan"),
    # Public pages (no login): the signed links of one activity
    page("s/<str:token>/", views_public.SignInView, "signin"),
    page("s/<str:token>/done/", views_public.SignInDoneView, "signin_done"),
    page("h/<str:token>/", views_public.HostView, "host"),
    page("h/<str:token>/attendance/", views_public.HostAttendanceView, "host_attendance"),
    page("h/<str:token>/walkin/", views_public.HostWalkInView, "host_walkin"),
]

api_routes = [
    ("activities/activities", api.ActivityViewSet, "activities-activity"),
    ("activities/visit-targets", api.VisitTargetViewSet, "activities-visittarget"),
    ("activities/signins", api.SignInViewSet, "activities-signin"),
    ("culture/plans", api.SeasonPlanViewSet, "culture-seasonplan"),
    ("culture/shows", api.ShowViewSet, "culture-show"),
    ("culture/programmes", api.ProgrammeViewSet, "culture-programme"),
    ("culture/performers", api.PerformerViewSet, "culture-performer"),
]
