"""URL configuration, generated from the modules (``unionhub.core.modules``): each module's
pages are mounted at ``/<app label>/`` and its API under ``/api/v1/``, so adding a module
touches no central file."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from unionhub.core.urlgen import api_urlpatterns, module_urlpatterns
from unionhub.core.views import pages

handler404 = "unionhub.core.views.pages.error_404"
handler403 = "unionhub.core.views.pages.error_403"
handler500 = "unionhub.core.views.pages.error_500"

urlpatterns = [
    path("healthz", pages.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_urlpatterns())),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's page template carries a <style> element: the one page whose CSP allows
    # inline styles (scripts stay file-only).
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="schema")
        ),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
    *module_urlpatterns(),
]
