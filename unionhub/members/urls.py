from django.urls import path

from unionhub.members import views

app_name = "members"

urlpatterns = [
    path("", views.MemberListView.as_view(), name="member_list"),
    path("add/", views.MemberEditView.as_view(), name="member_add"),
    path("<int:pk>/", views.MemberDetailView.as_view(), name="member"),
    path("<int:pk>/edit/", views.MemberEditView.as_view(), name="member_edit"),
    path("<int:pk>/delete/", views.MemberDeleteView.as_view(), name="member_delete"),
    path("<int:pk>/reveal/", views.MemberRevealView.as_view(), name="member_reveal"),
    path("<int:pk>/code.svg", views.MemberCodeView.as_view(), name="member_code"),
    path("export.<format>", views.MemberExportView.as_view(), name="member_export"),
    path("dashboard/", views.MemberDashboardView.as_view(), name="dashboard"),
    path("applications/", views.JoinApplicationListView.as_view(), name="joinapplication_list"),
    path(
        "applications/<int:pk>/", views.JoinApplicationDetailView.as_view(), name="joinapplication"
    ),
    path(
        "applications/<int:pk>/approve/",
        views.JoinApplicationApproveView.as_view(),
        name="joinapplication_approve",
    ),
    path(
        "applications/<int:pk>/reject/",
        views.JoinApplicationRejectView.as_view(),
        name="joinapplication_reject",
    ),
    path("transfers/", views.MemberTransferListView.as_view(), name="membertransfer_list"),
    path("transfers/add/", views.MemberTransferEditView.as_view(), name="membertransfer_add"),
    path("transfers/<int:pk>/", views.MemberTransferDetailView.as_view(), name="membertransfer"),
    path(
        "transfers/<int:pk>/confirm/",
        views.MemberTransferConfirmView.as_view(),
        name="membertransfer_confirm",
    ),
    path(
        "transfers/<int:pk>/reject/",
        views.MemberTransferRejectView.as_view(),
        name="membertransfer_reject",
    ),
    # Public (no login): online joining and the applicant's status page.
    path("join/", views.JoinView.as_view(), name="join"),
    path("join/status/", views.JoinStatusView.as_view(), name="join_status"),
    path("join/employers/", views.JoinEmployerOptionsView.as_view(), name="join_employers"),
]
