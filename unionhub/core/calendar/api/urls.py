"""Mounted under ``/api/v1/``: ``GET /api/v1/calendar/deadline/?kind=&date=`` (contract.md)."""

from django.urls import path

from unionhub.core.calendar.api.views import DeadlineAPIView

urlpatterns = [
    path("calendar/deadline/", DeadlineAPIView.as_view(), name="calendar-deadline"),
]
