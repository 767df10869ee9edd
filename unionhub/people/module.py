"""Model workers and craftsmen: what the module adds to the platform (menu, grants, pages, API)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page
from unionhub.people import views
from unionhub.people.api import views as api

menu = [
    model_item("people.modelworker", _("Model workers and craftsmen"), icon="star", order=800),
    model_item("people.nomination", _("Nominations"), icon="check", order=801),
    model_item("people.honour", _("Honours"), icon="list", order=802),
    page_item(
        "people:visits",
        _("Care visits"),
        icon="home",
        permission="activities.view_visittarget",
        order=803,
    ),
    page_item(
        "people:mentoring",
        _("Mentoring"),
        icon="chart",
        permission="people.view_mentorship",
        order=804,
    ),
]

role_grants = {
    "city_admin": ["people.*"],
    "county_admin": ["people.*"],
    "town_cadre": ["people.view_*"],
}

url_bases = {
    "modelworker": "",
    "honour": "honours/",
    "nomination": "nominations/",
    "mentorship": "mentorships/",
}

pages = [
    page("mentoring/", views.MentoringView, "mentoring"),
    page("visits/", views.CareVisitsView, "visits"),
]

api_routes = [
    ("people/model-workers", api.ModelWorkerViewSet, "people-modelworker"),
    ("people/honours", api.HonourViewSet, "people-honour"),
    ("people/nominations", api.NominationViewSet, "people-nomination"),
    ("people/mentorships", api.MentorshipViewSet, "people-mentorship"),
]
