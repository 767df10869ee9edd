"""The calendar's declarations: the calculator for union cadres, the holiday calendar
for the city administrator (county and town cadres may read it)."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import model_item, page_item

menu = [
    page_item("calendar:calculator", _("Legal deadline calculator"), icon="calendar", order=700),
    replace(
        model_item(
            "calendar.holiday", _("Public-holiday calendar"), icon="calendar-event", order=880
        ),
        group=_("System"),
    ),
]

role_grants = {
    "city_admin": ["calendar.*"],
    "county_admin": ["calendar.view_holiday", "calendar.use_calculator"],
    "town_cadre": ["calendar.view_holiday", "calendar.use_calculator"],
    "union_chair": ["calendar.use_calculator"],
}


def _pages():
    from unionhub.core.calendar import views
    from unionhub.core.urlgen import page

    return [
        page("", views.CalculatorView, "calculator"),
        page("holidays/", views.HolidayListView, "holiday_list"),
        page("holidays/add/", views.HolidayEditView, "holiday_add"),
        page("holidays/import/", views.HolidayImportView, "holiday_import"),
        page("holidays/<int:pk>/edit/", views.HolidayEditView, "holiday_edit"),
        page("holidays/<int:pk>/delete/", views.HolidayDeleteView, "holiday_delete"),
    ]


def _api_urls():
    from django.urls import path

    from unionhub.core.calendar.api.views import DeadlineAPIView

    # GET /api/v1/calendar/deadline/?kind=&date= (contract.md "Legal deadlines")
    return [path("calendar/deadline/", DeadlineAPIView.as_view(), name="calendar-deadline")]


pages = _pages()
api_urls = _api_urls()
