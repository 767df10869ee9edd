"""URL configuration. Each ``unionhub.*`` app is discovered: its ``urls.py`` is mounted at
``/<app label>/`` and its ``api/urls.py`` under ``/api/v1/``, so adding a module touches no
central file."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from unionhub.core.views import pages

handler404 = "unionhub.core.views.pages.error_404"
handler403 = "unionhub.core.views.pages.error_403"
handler500 = "unionhub.core.views.pages.error_500"


def _app_urls(module_suffix: str):
    for config in apps.get_app_configs():
        if not config.name.startswith("unionhub.") or config.label == "core":
            continue
        module_name = f"{config.name}.{module_suffix}"
        if find_spec(config.name) and _has_module(module_name):
            yield config.label, import_module(module_name)


def _has_module(name: str) -> bool:
    try:
        return find_spec(name) is not None
    except ModuleNotFoundError:
        return False


api_patterns = [path("", include(mod)) for _label, mod in _app_urls("api.urls")]

urlpatterns = [
    path("", include("unionhub.core.urls")),
    path("healthz", pages.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
urlpatterns += [path(f"{label}/", include(mod)) for label, mod in _app_urls("urls")]
