from django.urls import path

from unionhub.core.views import exports, imports, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("audit/", pages.ChangeRecordListView.as_view(), name="changerecord_list"),
    path("exports/", exports.ExportRequestListView.as_view(), name="exportrequest_list"),
    path(
        "exports/<slug:kind>/request/",
        exports.ExportRequestCreateView.as_view(),
        name="exportrequest_add",
    ),
    path(
        "exports/<int:pk>/decide/",
        exports.ExportRequestDecideView.as_view(),
        name="exportrequest_decide",
    ),
    path(
        "exports/<int:pk>/download/",
        exports.ExportRequestDownloadView.as_view(),
        name="exportrequest_download",
    ),
    path("imports/jobs/<int:pk>/", imports.ImportJobView.as_view(), name="import_job"),
    path("imports/<slug:kind>/", imports.ImportUploadView.as_view(), name="import"),
    # ".xlsx" routes are file downloads (the scope matrix reads only HTML/JSON).
    path(
        "imports/<slug:kind>/template.xlsx",
        imports.ImportTemplateView.as_view(),
        name="import_template",
    ),
]
