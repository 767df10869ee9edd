from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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


class OrgUnitEditView(ObjectEditView):
    """Create a unit (``?parent=<id>`` preselects the parent: "add a subordinate") or edit
    one; changing the parent moves the unit with its whole subtree."""

    model = OrgUnit
    form_class = OrgUnitForm

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

    def save(self, form):
        data = form.cleaned_data
        if self.object is None:
            return services.orgunit_create(
                actor=self.request.user,
                name=data["name"],
                short_name=data["short_name"],
                code=data["code"],
                kind=data["kind"],
                region=data["region"],
                parent=data["parent"],
            )
        return services.orgunit_update(
            actor=self.request.user,
            unit=self.object,
            name=data["name"],
            short_name=data["short_name"],
            code=data["code"],
            kind=data["kind"],
            region=data["region"],
            parent=data["parent"],
            is_active=data["is_active"],
        )


class OrgUnitDeleteView(ObjectDeleteView):
    """Deletion is refused, with the reasons shown before anyone presses the button, while
    the unit has subordinates or records."""

    model = OrgUnit
    template_name = "org/orgunit_delete.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["blockers"] = selectors.orgunit_delete_blockers(unit=self.object)
        return ctx

    def delete_object(self, obj):
        services.orgunit_delete(actor=self.request.user, unit=obj)


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


class RegionDetailView(ObjectDetailView):
    model = Region
    select_related = ("parent",)
    fields = REGION_FIELDS
