from django.urls import path

from unionhub.stations import views, views_public

app_name = "stations"

urlpatterns = [
    path("", views.StationListView.as_view(), name="station_list"),
    path("add/", views.StationEditView.as_view(), name="station_add"),
    path("<int:pk>/", views.StationDetailView.as_view(), name="station"),
    path("<int:pk>/edit/", views.StationEditView.as_view(), name="station_edit"),
    path("<int:pk>/delete/", views.StationDeleteView.as_view(), name="station_delete"),
    path("<int:pk>/poster.pdf", views.StationPosterView.as_view(), name="station_poster"),
    path("windows/add/", views.ScheduleWindowEditView.as_view(), name="schedulewindow_add"),
    path(
        "windows/<int:pk>/edit/", views.ScheduleWindowEditView.as_view(), name="schedulewindow_edit"
    ),
    path(
        "windows/<int:pk>/delete/",
        views.ScheduleWindowDeleteView.as_view(),
        name="schedulewindow_delete",
    ),
    path(
        "exceptions/add/", views.ScheduleExceptionEditView.as_view(), name="scheduleexception_add"
    ),
    path(
        "exceptions/<int:pk>/edit/",
        views.ScheduleExceptionEditView.as_view(),
        name="scheduleexception_edit",
    ),
    path(
        "exceptions/<int:pk>/delete/",
        views.ScheduleExceptionDeleteView.as_view(),
        name="scheduleexception_delete",
    ),
    path("staff/add/", views.StationStaffEditView.as_view(), name="stationstaff_add"),
    path(
        "staff/<int:pk>/delete/", views.StationStaffDeleteView.as_view(), name="stationstaff_delete"
    ),
    path("tickets/", views.TicketListView.as_view(), name="ticket_list"),
    path("tickets/add/", views.TicketEditView.as_view(), name="ticket_add"),
    path("tickets/<int:pk>/", views.TicketDetailView.as_view(), name="ticket"),
    path("tickets/<int:pk>/action/", views.TicketActionView.as_view(), name="ticket_action"),
    path("checkins/", views.CheckInListView.as_view(), name="checkin_list"),
    path("devices/", views.DeviceListView.as_view(), name="device_list"),
    path("devices/add/", views.DeviceEditView.as_view(), name="device_add"),
    path("devices/<int:pk>/", views.DeviceDetailView.as_view(), name="device"),
    path("devices/<int:pk>/edit/", views.DeviceEditView.as_view(), name="device_edit"),
    path("management/", views.ManagementView.as_view(), name="management"),
    path("hygiene/", views.HygieneCheckListView.as_view(), name="hygienecheck_list"),
    path("hygiene/add/", views.HygieneCheckEditView.as_view(), name="hygienecheck_add"),
    path("hygiene/<int:pk>/", views.HygieneCheckDetailView.as_view(), name="hygienecheck"),
    path("patrols/", views.PatrolLogListView.as_view(), name="patrollog_list"),
    path("patrols/add/", views.PatrolLogEditView.as_view(), name="patrollog_add"),
    path("patrols/<int:pk>/", views.PatrolLogDetailView.as_view(), name="patrollog"),
    path("patrols/<int:pk>/review/", views.PatrolLogReviewView.as_view(), name="patrollog_review"),
    path("spot-checks/", views.SpotCheckListView.as_view(), name="spotcheck_list"),
    path("spot-checks/add/", views.SpotCheckEditView.as_view(), name="spotcheck_add"),
    path("spot-checks/<int:pk>/", views.SpotCheckDetailView.as_view(), name="spotcheck"),
    path("spot-checks/<int:pk>/close/", views.SpotCheckCloseView.as_view(), name="spotcheck_close"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("screen/", views.ScreenView.as_view(), name="screen"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path("demand-points/", views.DemandPointListView.as_view(), name="demandpoint_list"),
    path("demand-points/add/", views.DemandPointEditView.as_view(), name="demandpoint_add"),
    path("demand-points/<int:pk>/", views.DemandPointDetailView.as_view(), name="demandpoint"),
    path(
        "demand-points/<int:pk>/edit/", views.DemandPointEditView.as_view(), name="demandpoint_edit"
    ),
    path(
        "demand-points/<int:pk>/delete/",
        views.DemandPointDeleteView.as_view(),
        name="demandpoint_delete",
    ),
    # Public phone pages (no login)
    path("nearby/", views_public.FinderView.as_view(), name="finder"),
    path("s/<str:code>/", views_public.PhoneEntryView.as_view(), name="phone_entry"),
    path("s/<str:code>/done/", views_public.PhoneDoneView.as_view(), name="phone_done"),
    path("s/<str:code>/help/", views_public.PhoneHelpView.as_view(), name="phone_help"),
    path("t/<uuid:ref>/", views_public.PublicTicketView.as_view(), name="public_ticket"),
]
