"""Notifications: what the app adds to the platform (menu, pages, API)."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import page_item
from unionhub.core.notifications import views
from unionhub.core.notifications.api.views import NotificationViewSet
from unionhub.core.urlgen import page

menu = [
    # Beside the home page, not under "System".
    replace(page_item("notifications:list", _("My notifications"), icon="bell", order=2), group=""),
]

pages = [
    page("", views.NotificationListView, "list"),
    page("<int:pk>/read/", views.NotificationReadView, "read"),
    page("read-all/", views.NotificationReadAllView, "read_all"),
    page("settings/", views.PreferenceView, "preferences"),
]

api_routes = [("notifications", NotificationViewSet, "notification")]
