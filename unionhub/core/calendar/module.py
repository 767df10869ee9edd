"""The calendar's declarations: the calculator for everyone signed in, the holiday calendar
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
    "county_admin": ["calendar.view_holiday"],
    "town_cadre": ["calendar.view_holiday"],
}
