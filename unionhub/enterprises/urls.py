from django.urls import path

from unionhub.enterprises import views

app_name = "enterprises"

urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("add/", views.EnterpriseEditView.as_view(), name="enterprise_add"),
    # ".<format>" routes are file downloads (the scope matrix reads only HTML/JSON).
    path("export.<format>", views.EnterpriseExportView.as_view(), name="enterprise_export"),
    path("targets/", views.TargetListView.as_view(), name="target_list"),
    path("overview/", views.OverviewView.as_view(), name="overview"),
    path("<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise"),
    path("<int:pk>/edit/", views.EnterpriseEditView.as_view(), name="enterprise_edit"),
    path("<int:pk>/delete/", views.EnterpriseDeleteView.as_view(), name="enterprise_delete"),
    path("unions/", views.EnterpriseUnionListView.as_view(), name="enterpriseunion_list"),
    path("unions/add/", views.EnterpriseUnionEditView.as_view(), name="enterpriseunion_add"),
    path("unions/<int:pk>/", views.EnterpriseUnionDetailView.as_view(), name="enterpriseunion"),
    path(
        "unions/<int:pk>/edit/",
        views.EnterpriseUnionEditView.as_view(),
        name="enterpriseunion_edit",
    ),
    path(
        "unions/<int:pk>/delete/",
        views.EnterpriseUnionDeleteView.as_view(),
        name="enterpriseunion_delete",
    ),
    path("unions/<int:pk>/reelect/", views.ReelectView.as_view(), name="enterpriseunion_reelect"),
    path("unions/<int:pk>/delay/", views.TermDelayView.as_view(), name="enterpriseunion_delay"),
    path("campaigns/", views.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/add/", views.CampaignEditView.as_view(), name="campaign_add"),
    path("campaigns/<int:pk>/", views.CampaignDetailView.as_view(), name="campaign"),
    path("campaigns/<int:pk>/edit/", views.CampaignEditView.as_view(), name="campaign_edit"),
    path("campaigns/<int:pk>/delete/", views.CampaignDeleteView.as_view(), name="campaign_delete"),
    path(
        "campaigns/<int:pk>/targets/", views.CampaignTargetsView.as_view(), name="campaign_targets"
    ),
    path("contacts/", views.ContactLogListView.as_view(), name="contactlog_list"),
    path("contacts/add/", views.ContactLogEditView.as_view(), name="contactlog_add"),
    path("contacts/<int:pk>/", views.ContactLogDetailView.as_view(), name="contactlog"),
    path("contacts/<int:pk>/edit/", views.ContactLogEditView.as_view(), name="contactlog_edit"),
    path(
        "contacts/<int:pk>/delete/", views.ContactLogDeleteView.as_view(), name="contactlog_delete"
    ),
]
