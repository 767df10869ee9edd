from django.urls import path

from unionhub.core.views import imports, pages

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("audit/", pages.ChangeRecordListView.as_view(), name="changerecord_list"),
    path("imports/jobs/<int:pk>/", imports.ImportJobView.as_view(), name="import_job"),
    path("imports/<slug:kind>/", imports.ImportUploadView.as_view(), name="import"),
    # ".xlsx" routes are file downloads (the scope matrix reads only HTML/JSON).
    path(
        "imports/<slug:kind>/template.xlsx",
        imports.ImportTemplateView.as_view(),
        name="import_template",
    ),
]
