"""Mounted at ``/calendar/`` by the module framework (namespace ``calendar``)."""

from django.urls import path

from unionhub.core.calendar import views

urlpatterns = [
    path("", views.CalculatorView.as_view(), name="calculator"),
    path("holidays/", views.HolidayListView.as_view(), name="holiday_list"),
    path("holidays/add/", views.HolidayEditView.as_view(), name="holiday_add"),
    path("holidays/import/", views.HolidayImportView.as_view(), name="holiday_import"),
    path("holidays/<int:pk>/edit/", views.HolidayEditView.as_view(), name="holiday_edit"),
    path("holidays/<int:pk>/delete/", views.HolidayDeleteView.as_view(), name="holiday_delete"),
]
