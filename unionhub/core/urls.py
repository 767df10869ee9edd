from django.urls import path

from unionhub.core.views import pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("audit/", pages.ChangeRecordListView.as_view(), name="changerecord_list"),
]
