"""Pages and API routes of the KPI app (read only when the URLs are built)."""

from django.urls import path

from unionhub.core.kpis.api.views import KpiListView as KpiApiView
from unionhub.core.kpis.api.views import KpiTrendView
from unionhub.core.kpis.views import KpiListView, KpiTargetEditView
from unionhub.core.urlgen import page

pages = [
    page("", KpiListView, "kpi_list"),
    page("targets/", KpiTargetEditView, "kpitarget_edit"),
]

api_urls = [
    path("kpis/", KpiApiView.as_view(), name="kpis-list"),
    path("kpis/trend/", KpiTrendView.as_view(), name="kpis-trend"),
]
