from django.urls import path

from unionhub.org import views

app_name = "org"

urlpatterns = [
    path("units/", views.OrgUnitListView.as_view(), name="orgunit_list"),
    path("units/add/", views.OrgUnitEditView.as_view(), name="orgunit_add"),
    path("units/<int:pk>/", views.OrgUnitDetailView.as_view(), name="orgunit"),
    path("units/<int:pk>/edit/", views.OrgUnitEditView.as_view(), name="orgunit_edit"),
    path("units/<int:pk>/delete/", views.OrgUnitDeleteView.as_view(), name="orgunit_delete"),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
    path("regions/<int:pk>/", views.RegionDetailView.as_view(), name="region"),
]
