"""Pages of the module: declarations of the generic views, registered per model (the
URLs are generated: ``/{label}/{model_lower}s/``, ``…/add/``, ``…/<pk>/``, ``…/export.xlsx``)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from unionhub.{label} import services
from unionhub.{label}.filtersets import {model}FilterSet
from unionhub.{label}.forms import {model}Form
from unionhub.{label}.models import {upper}_FIELDS, {model}

SERVICES = ModelServices(
    create=services.{model_lower}_create,
    update=services.{model_lower}_update,
    delete=services.{model_lower}_delete,
)


@register_model_view({model}, "list")
class {model}ListView(ObjectListView):
    model = {model}
    filterset_class = {model}FilterSet
    select_related = ("region",)
    columns = [("name", _("name")), ("region", _("region"))]


@register_model_view({model})
class {model}DetailView(ObjectDetailView):
    model = {model}
    select_related = ("region",)
    fields = list({upper}_FIELDS)


@register_model_view({model}, "add")
@register_model_view({model}, "edit")
class {model}EditView(ObjectEditView):
    model = {model}
    form_class = {model}Form
    services = SERVICES


@register_model_view({model}, "delete")
class {model}DeleteView(ObjectDeleteView):
    model = {model}
    services = SERVICES
