"""Core's own declarations: the home page and the system pages every module shares."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import MenuItem, model_item, page_item

menu = [
    MenuItem(key="home", label=_("Home"), url_name="core:home", icon="home", group="", order=0),
    model_item("core.changerecord", _("Audit log"), icon="history", order=900),
    model_item("core.exportrequest", _("Unmasked exports"), icon="file-certificate", order=905),
    page_item(
        "core:audit_verify",
        _("Audit trail check"),
        icon="shield-check",
        permission="core.verify_changerecord",
        order=901,
    ),
]

url_bases = {"changerecord": "audit/", "exportrequest": "exports/"}


def _pages():
    from unionhub.core.urlgen import page
    from unionhub.core.views import audit, exports, imports, pages, tabs, tree

    return [
        page("", pages.home, "home"),
        page("audit/verify/", audit.AuditVerifyView, "audit_verify"),
        page("exports/<slug:kind>/request/", exports.ExportRequestCreateView, "exportrequest_add"),
        page("exports/<int:pk>/decide/", exports.ExportRequestDecideView, "exportrequest_decide"),
        page(
            "exports/<int:pk>/download/",
            exports.ExportRequestDownloadView,
            "exportrequest_download",
        ),
        page("imports/jobs/<int:pk>/", imports.ImportJobView, "import_job"),
        page("tabs/<str:model>/<int:pk>/<slug:key>/", tabs.DetailTabView, "detail_tab"),
        page("lists/<str:model>/tree/", tree.ListTreeView, "list_tree"),
        page("imports/<slug:kind>/", imports.ImportUploadView, "import"),
        # ".xlsx" routes are file downloads (the scope matrix reads only HTML/JSON).
        page("imports/<slug:kind>/template.xlsx", imports.ImportTemplateView, "import_template"),
        page("imports/jobs/<int:pk>/errors.xlsx", imports.ImportErrorsView, "import_errors"),
    ]


pages = _pages()
