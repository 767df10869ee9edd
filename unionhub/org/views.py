"""The two trees' pages: generic views registered per model (``/org/units/``,
``/org/regions/``); writes go through the org services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from unionhub.org import selectors, services
from unionhub.org.choices import OrgKind
from unionhub.org.fields import ORGUNIT_FIELDS, REGION_FIELDS
from unionhub.org.filtersets import OrgUnitFilterSet, RegionFilterSet
from unionhub.org.forms import OrgUnitForm
from unionhub.org.models import OrgUnit, Region

#: the tree rules (paths, cycles, areas, delete blockers) live in the services
ORGUNIT_SERVICES = ModelServices(
    create=services.orgunit_create,
    update=services.orgunit_update,
    delete=services.orgunit_delete,
    instance_arg="unit",
)


@register_model_view(OrgUnit, "list")
class OrgUnitListView(ObjectListView):
    """The organisation tree: rows in path order, indented by depth."""

    model = OrgUnit
    filterset_class = OrgUnitFilterSet
    template_name = "org/orgunit_list.html"
    select_related = ("region", "parent")
    default_ordering = ("path",)
    paginate_by = 100
    columns = [
        ("name", _("Name")),
        ("get_kind_display", _("Kind")),
        ("code", _("Code")),
        ("region", _("Region")),
    ]


@register_model_view(OrgUnit)
class OrgUnitDetailView(ObjectDetailView):
    model = OrgUnit
    template_name = "org/orgunit_detail.html"
    select_related = ("region", "parent")
    fields = ORGUNIT_FIELDS

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["children"] = (
            OrgUnit.objects.visible_to(self.request.user)
            .filter(parent=self.object)
            .select_related("region")
        )
        return ctx


@register_model_view(OrgUnit, "add")
@register_model_view(OrgUnit, "edit")
class OrgUnitEditView(ObjectEditView):
    """Create a unit (``?parent=<id>`` preselects the parent: "add a subordinate") or edit
    one; changing the parent moves the unit with its whole subtree."""

    model = OrgUnit
    form_class = OrgUnitForm
    services = ORGUNIT_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        parent_id = self.request.GET.get("parent")
        if self.object is None and parent_id and parent_id.isdigit():
            parent = (
                OrgUnit.objects.visible_to(self.request.user)
                .select_related("region")
                .filter(pk=parent_id)
                .first()
            )
            if parent is not None:
                initial.update(parent=parent, region=parent.region, kind=OrgKind.ENTERPRISE)
        return initial


@register_model_view(OrgUnit, "delete")
class OrgUnitDeleteView(ObjectDeleteView):
    """Deletion is refused, with the reasons shown before anyone presses the button, while
    the unit has subordinates or records."""

    model = OrgUnit
    services = ORGUNIT_SERVICES
    template_name = "org/orgunit_delete.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["blockers"] = selectors.orgunit_delete_blockers(unit=self.object)
        return ctx


@register_model_view(Region, "list")
class RegionListView(ObjectListView):
    model = Region
    filterset_class = RegionFilterSet
    template_name = "org/region_list.html"
    select_related = ("parent",)
    default_ordering = ("path",)
    paginate_by = 100
    columns = [
        ("name", _("Name")),
        ("code", _("Code")),
        ("get_level_display", _("Level")),
        ("get_category_display", _("Category")),
        ("parent", _("Parent region")),
    ]


@register_model_view(Region)
class RegionDetailView(ObjectDetailView):
    model = Region
    select_related = ("parent",)
    fields = REGION_FIELDS
