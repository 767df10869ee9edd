"""Enterprise and union pages: generic views registered per model (their URLs are
generated, ``module.url_bases`` says where each model lives), writes through the declared
services, and the module pages (targets, overview). Every query starts from
``visible_to(request.user)``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from unionhub.core import bulk
from unionhub.core.exporting import ExportColumn
from unionhub.core.orgtree import ListTree
from unionhub.core.scope import scope_for
from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.validators.uscc import uscc_warnings
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedMixin,
)
from unionhub.enterprises import selectors, services
from unionhub.enterprises.choices import TargetReason
from unionhub.enterprises.fields import (
    CAMPAIGN_FIELDS,
    CONTACT_FIELDS,
    ENTERPRISE_DETAIL_FIELDS,
    UNION_DETAIL_FIELDS,
)
from unionhub.enterprises.filtersets import (
    ContactLogFilterSet,
    EnterpriseFilterSet,
    EnterpriseUnionFilterSet,
)
from unionhub.enterprises.forms import (
    CampaignForm,
    CampaignTargetsForm,
    ContactLogForm,
    EnterpriseBulkEditForm,
    EnterpriseForm,
    EnterpriseUnionForm,
    ReelectionForm,
    TermDelayForm,
)
from unionhub.enterprises.models import (
    Campaign,
    ContactLog,
    Enterprise,
    EnterpriseUnion,
)
from unionhub.org.models import Region

ENTERPRISE_SERVICES = ModelServices(
    create=services.enterprise_create,
    update=services.enterprise_update,
    delete=services.enterprise_delete,
)
UNION_SERVICES = ModelServices(
    create=services.union_create,
    update=services.union_update,
    delete=services.union_delete,
    instance_arg="union",
)
CAMPAIGN_SERVICES = ModelServices(
    create=services.campaign_create,
    update=services.campaign_update,
    delete=services.campaign_delete,
)
#: an approved delay is recorded on its union (the API's create; never changed or deleted)
DELAY_SERVICES = ModelServices(create=services.union_delay_approve)
CONTACT_SERVICES = ModelServices(
    create=services.contactlog_create,
    update=services.contactlog_update,
    delete=services.contactlog_delete,
    instance_arg="contact",
)

# --- enterprises ---------------------------------------------------------------------------

ENTERPRISE_COLUMNS = [
    ("name", gettext_lazy("enterprise name")),
    ("uscc", gettext_lazy("unified social credit code")),
    ("region", gettext_lazy("region")),
    ("industry_display", gettext_lazy("industry")),
    ("get_ownership_display", gettext_lazy("ownership")),
    ("employees", gettext_lazy("employees")),
    ("revenue_wan", gettext_lazy("operating revenue (10k yuan)")),
    ("assets_wan", gettext_lazy("total assets (10k yuan)")),
    ("founded_on", gettext_lazy("founded on")),
    ("get_operating_status_display", gettext_lazy("operating status")),
    ("get_size_class_display", gettext_lazy("size class")),
    ("get_union_status_display", gettext_lazy("union status")),
    ("get_target_reasons_display", gettext_lazy("target reasons")),
    ("has_party_org", gettext_lazy("has a party organisation")),
    ("is_head_enterprise", gettext_lazy("head enterprise")),
    ("is_high_profile", gettext_lazy("high-profile enterprise")),
]
DEFAULT_COLUMNS = [
    "name",
    "region",
    "industry_display",
    "get_ownership_display",
    "employees",
    "get_size_class_display",
    "get_union_status_display",
    "get_target_reasons_display",
]

# Choice columns (ownership, statuses, size, target reasons) export their Chinese labels:
# ExportColumn reads ``get_<field>_display`` when the model has one.
EXPORT_COLUMNS = [
    ExportColumn("统一社会信用代码", "uscc", 22),
    ExportColumn("企业名称", "name", 32),
    ExportColumn("所在地区代码", "region__code", 12),
    ExportColumn("所在地区", "region__name", 14),
    ExportColumn("行业代码", "industry_code", 10),
    ExportColumn("行业", "industry_name", 20),
    ExportColumn("经济类型", "ownership", 12),
    ExportColumn("从业人员数", "employees", 10, total=True),
    ExportColumn("营业收入(万元)", "revenue_wan", 14, total=True),
    ExportColumn("资产总额(万元)", "assets_wan", 14, total=True),
    ExportColumn("成立日期", "founded_on", 12),
    ExportColumn("经营状态", "operating_status", 10),
    ExportColumn("是否建立党组织", "has_party_org", 10),
    ExportColumn("是否头部企业", "is_head_enterprise", 10),
    ExportColumn("是否社会知名企业", "is_high_profile", 10),
    ExportColumn("企业规模", "size_class", 10),
    ExportColumn("建会状态", "union_status", 12),
    ExportColumn("列为建会目标的原因", "target_reasons", 40),
]


def _export_selected(request, queryset):
    return EnterpriseListView(request=request).export_queryset(queryset.order_by("name", "pk"))


@register_model_view(Enterprise, "list")
class EnterpriseListView(ObjectListView):
    model = Enterprise
    filterset_class = EnterpriseFilterSet
    template_name = "enterprises/enterprise_list.html"
    select_related = ("region",)
    default_ordering = ("name", "pk")
    sortable = ("name", "employees", "revenue_wan", "founded_on", "region__code", "size_class")
    columns = [c for c in ENTERPRISE_COLUMNS if c[0] in DEFAULT_COLUMNS]
    column_choices = ENTERPRISE_COLUMNS
    export_columns = EXPORT_COLUMNS
    export_title = gettext_lazy("Enterprise directory")
    # the region tree on the left sets ``region_id`` (the levels the filter accepts)
    tree = ListTree(
        "org.Region",
        param="region_id",
        label=gettext_lazy("Regions"),
        limit={"level__in": ["city", "county", "town"]},
    )
    bulk_actions = [
        bulk.edit_action(
            EnterpriseBulkEditForm,
            update_one=lambda actor, ent, changes: services.enterprise_update(
                actor=actor, enterprise=ent, **changes
            ),
        ),
        bulk.export_action(_export_selected, permission="enterprises.export_enterprise"),
        bulk.delete_action(
            lambda actor, ent: services.enterprise_delete(actor=actor, enterprise=ent)
        ),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_import"] = self.request.user.has_perm("enterprises.import_enterprise")
        return ctx


@register_model_view(Enterprise)
class EnterpriseDetailView(ObjectDetailView):
    model = Enterprise
    template_name = "enterprises/enterprise_detail.html"
    select_related = ("region",)
    fields = ENTERPRISE_DETAIL_FIELDS

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ent = self.object
        ctx["field_rows"] = [
            (
                label,
                ent.industry_display
                if label == Enterprise._meta.get_field("industry_code").verbose_name
                else value,
            )
            for label, value in ctx["field_rows"]
        ]
        ctx["unions"] = (
            EnterpriseUnion.objects.visible_to(self.request.user)
            .filter(enterprises=ent)
            .select_related("org_unit")
        )
        ctx["can_add_union"] = self.request.user.has_perm("enterprises.add_enterpriseunion")
        ctx["contacts"] = ent.contacts.select_related("campaign")[:20]
        ctx["uscc_warnings"] = uscc_warnings(ent.uscc)
        ctx["can_add_contact"] = self.request.user.has_perm("enterprises.add_contactlog")
        return ctx


@register_model_view(Enterprise, "pdf", path="file.pdf")
class EnterprisePdfView(ScopedMixin, generic.DetailView):
    """打印档案: the enterprise's file as one printable PDF (another county's → 404). The
    printing is recorded in the audit trail like every export."""

    model = Enterprise
    select_related = ("region", "region__parent")

    def get(self, request, *args, **kwargs):
        from django.http import HttpResponse

        from unionhub.core.audit import record_change
        from unionhub.enterprises import pdf

        ent = self.get_object()
        document = pdf.enterprise_pdf(ent, user=request.user)
        record_change(
            obj=ent,
            action="export",
            actor=request.user,
            changes={"format": "pdf", "document": "enterprise_file"},
            note=f"打印企业档案 {ent.name}",
        )
        response = HttpResponse(document, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="enterprise-{ent.pk}.pdf"'
        return response


@register_model_view(Enterprise, "add")
@register_model_view(Enterprise, "edit")
class EnterpriseEditView(ObjectEditView):
    model = Enterprise
    form_class = EnterpriseForm
    services = ENTERPRISE_SERVICES

    def save(self, form):
        ent = super().save(form)
        for warning in uscc_warnings(ent.uscc):  # accepted, but worth a second look
            messages.warning(self.request, _("Credit code: %(w)s") % {"w": warning})
        return ent


@register_model_view(Enterprise, "delete")
class EnterpriseDeleteView(ObjectDeleteView):
    model = Enterprise
    services = ENTERPRISE_SERVICES


# --- targets and overview -------------------------------------------------------------------


def _region_for(request) -> Region:
    """The region a county / town page is about: ``?region=<code>`` or the user's own."""
    visible = Region.objects.visible_to(request.user)
    code = request.GET.get("region", "").strip()
    if code:
        region = visible.filter(code=code).first()
        if region is None:
            raise Http404
        return region
    unit = getattr(request.user, "org_unit", None)
    # The user's region came with the user: the scope decides without another query.
    if (
        unit is not None
        and unit.region_id
        and scope_for(request.user).covers_region_path(unit.region.path)
    ):
        return unit.region
    region = visible.order_by("depth", "code").first()
    if region is None:
        raise PermissionDenied
    return region


class TargetListView(EnterpriseListView):
    """建会目标: enterprises the campaign rules select, counts per town and the list (a
    module page; its export is the enterprise export of the targets)."""

    template_name = "enterprises/target_list.html"
    columns = [
        ("name", gettext_lazy("enterprise name")),
        ("region", gettext_lazy("region")),
        ("get_ownership_display", gettext_lazy("ownership")),
        ("employees", gettext_lazy("employees")),
        ("founded_on", gettext_lazy("founded on")),
        ("get_target_reasons_display", gettext_lazy("target reasons")),
    ]

    column_choices = []  # the target list shows its fixed columns

    def get_queryset(self):
        return super().get_queryset().exclude(target_reasons="")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        region = _region_for(self.request)
        # The title names the chosen area (a town stays a town); the counts table shows the
        # towns of its county, with the chosen one marked.
        table_region = region.parent if region.level == "town" and region.parent_id else region
        ctx["region"] = region
        ctx["town_rows"] = selectors.counts_by_child(user=self.request.user, region=table_region)
        ctx["town_total"] = selectors.counts_total(ctx["town_rows"])
        ctx["reasons"] = list(TargetReason)
        return ctx

    def export_url(self) -> str:
        url = super().export_url()
        if not url:
            return url
        query = self.request.GET.copy()
        query["is_target"] = "true"
        return f"{url.split('?')[0]}?{query.urlencode()}"


class OverviewView(ScopedMixin, generic.TemplateView):
    """KPI cards and a bar chart of union coverage by town (or by county for the city)."""

    model = Enterprise
    template_name = "enterprises/overview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        region = _region_for(self.request)
        list_url = reverse("enterprises:enterprise_list")
        target_url = reverse("enterprises:target_list")
        kpis = selectors.enterprise_kpis(user=user, region=region)
        rows = selectors.counts_by_child(user=user, region=region)
        base = f"region={region.code}"
        ctx.update(
            region=region,
            kpis=kpis,
            rows=rows,
            total=selectors.counts_total(rows),
            links={
                "total": f"{list_url}?{base}",
                "with_union": f"{list_url}?{base}&has_union=true",
                "big": f"{list_url}?{base}&must_establish=true",
                "big_with_union": f"{list_url}?{base}&must_establish=true&has_union=true",
                "targets": f"{target_url}?{base}",
                "overdue": f"{list_url}?{base}&union_status=term_overdue",
            },
            chart=_coverage_chart(rows, list_url, target_url),
        )
        return ctx


def _coverage_chart(rows, list_url: str, target_url: str) -> dict:
    names = [r["region"].name for r in rows]
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [_("Enterprises"), _("With union"), _("Open targets")]},
        "grid": {"left": 40, "right": 20, "bottom": 80, "top": 40},
        "xAxis": {"type": "category", "data": names, "axisLabel": {"rotate": 40, "interval": 0}},
        "yAxis": {"type": "value"},
        "series": [
            {
                "name": _("Enterprises"),
                "type": "bar",
                "data": [
                    {"value": r["total"], "url": f"{list_url}?region={r['region'].code}"}
                    for r in rows
                ],
            },
            {
                "name": _("With union"),
                "type": "bar",
                "data": [
                    {
                        "value": r["with_union"],
                        "url": f"{list_url}?region={r['region'].code}&has_union=true",
                    }
                    for r in rows
                ],
            },
            {
                "name": _("Open targets"),
                "type": "bar",
                "data": [
                    {"value": r["targets"], "url": f"{target_url}?region={r['region'].code}"}
                    for r in rows
                ],
            },
        ],
    }


# --- unions -----------------------------------------------------------------------------------


@register_model_view(EnterpriseUnion, "list")
class EnterpriseUnionListView(ObjectListView):
    model = EnterpriseUnion
    filterset_class = EnterpriseUnionFilterSet
    select_related = ("org_unit", "org_unit__region")
    default_ordering = ("term_end", "pk")
    sortable = ("term_end", "founded_on", "member_count")
    columns = [
        ("name", gettext_lazy("name")),
        ("org_unit__region", gettext_lazy("region")),
        ("get_form_display", gettext_lazy("form")),
        ("get_mode_display", gettext_lazy("establishment mode")),
        ("chair_name", gettext_lazy("chair / organiser")),
        ("member_count", gettext_lazy("member count")),
        ("term_end", gettext_lazy("term end")),
        ("get_term_state_display", gettext_lazy("term state")),
    ]


@register_model_view(EnterpriseUnion)
class EnterpriseUnionDetailView(ObjectDetailView):
    model = EnterpriseUnion
    template_name = "enterprises/enterpriseunion_detail.html"
    select_related = ("org_unit", "org_unit__parent")
    fields = UNION_DETAIL_FIELDS

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["field_rows"].append((_("term state"), self.object.get_term_state_display()))
        ctx["covered"] = self.object.enterprises.visible_to(self.request.user).select_related(
            "region"
        )
        ctx["reelections"] = self.object.reelections.all()
        ctx["delays"] = self.object.delays.select_related("approved_by")
        ctx["can_reelect"] = self.request.user.has_perm("enterprises.add_unionreelection")
        ctx["can_delay"] = self.request.user.has_perm("enterprises.add_termdelay")
        return ctx


@register_model_view(EnterpriseUnion, "add")
@register_model_view(EnterpriseUnion, "edit")
class EnterpriseUnionEditView(ObjectEditView):
    model = EnterpriseUnion
    form_class = EnterpriseUnionForm
    services = UNION_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        ent = self.request.GET.get("enterprise")
        if ent and ent.isdigit():
            initial["enterprises"] = Enterprise.objects.visible_to(self.request.user).filter(pk=ent)
        return initial

    def service_data(self, form):
        data = super().service_data(form)
        data["enterprises"] = list(data["enterprises"])
        return data


@register_model_view(EnterpriseUnion, "delete")
class EnterpriseUnionDeleteView(ObjectDeleteView):
    model = EnterpriseUnion
    services = UNION_SERVICES


@register_model_view(EnterpriseUnion, "reelect")
class ReelectView(ObjectActionView):
    """Record a re-election (换届) of a union committee."""

    model = EnterpriseUnion
    form_class = ReelectionForm
    service = staticmethod(services.union_reelect)
    instance_arg = "union"
    title = gettext_lazy("Record a re-election")
    success_message = gettext_lazy("Re-election recorded.")


@register_model_view(EnterpriseUnion, "delay")
class TermDelayView(ObjectActionView):
    """Record an approved delay of re-election (延期换届)."""

    model = EnterpriseUnion
    form_class = TermDelayForm
    permission_required = "enterprises.add_termdelay"
    service = staticmethod(services.union_delay_approve)
    instance_arg = "union"
    title = gettext_lazy("Record a re-election delay")
    success_message = gettext_lazy("Re-election delay recorded.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["approvers"] = selectors.delay_approvers(self.get_object())
        return kwargs


# --- campaign follow-up ------------------------------------------------------------------


@register_model_view(Campaign, "list")
class CampaignListView(ObjectListView):
    model = Campaign
    select_related = ("region",)
    default_ordering = ("-year", "name")
    columns = [
        ("name", gettext_lazy("name")),
        ("year", gettext_lazy("year")),
        ("region", gettext_lazy("region")),
        ("starts_on", gettext_lazy("starts on")),
        ("ends_on", gettext_lazy("ends on")),
    ]


@register_model_view(Campaign)
class CampaignDetailView(ObjectDetailView):
    model = Campaign
    template_name = "enterprises/campaign_detail.html"
    select_related = ("region",)
    fields = CAMPAIGN_FIELDS

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["progress"] = selectors.campaign_progress(user=self.request.user, campaign=self.object)
        ctx["contacts"] = (
            ContactLog.objects.visible_to(self.request.user)
            .filter(campaign=self.object)
            .select_related("enterprise", "enterprise__region")[:50]
        )
        return ctx


@register_model_view(Campaign, "add")
@register_model_view(Campaign, "edit")
class CampaignEditView(ObjectEditView):
    model = Campaign
    form_class = CampaignForm
    services = CAMPAIGN_SERVICES


@register_model_view(Campaign, "delete")
class CampaignDeleteView(ObjectDeleteView):
    model = Campaign
    services = CAMPAIGN_SERVICES


@register_model_view(Campaign, "targets")
class CampaignTargetsView(ObjectActionView):
    """Set the number of unions each town should establish during the campaign."""

    model = Campaign
    form_class = CampaignTargetsForm
    service = staticmethod(services.campaign_set_targets)
    title = gettext_lazy("Town targets")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        campaign = self.get_object()
        kwargs["towns"] = selectors.children_of(user=self.request.user, region=campaign.region)
        kwargs["current"] = {t.town_id: t.target_unions for t in campaign.town_targets.all()}
        return kwargs

    def service_data(self, form):
        return {"targets": form.targets()}


CONTACT_COLUMNS = [
    ("enterprise", gettext_lazy("enterprise")),
    ("contacted_on", gettext_lazy("contacted on")),
    ("get_department_display", gettext_lazy("visited with")),
    ("get_obstacle_display", gettext_lazy("obstacle")),
    ("next_step", gettext_lazy("next step")),
    ("next_contact_on", gettext_lazy("next contact on")),
    ("get_fallback_display", gettext_lazy("fallback")),
    ("recruited_members", gettext_lazy("workers recruited")),
]


@register_model_view(ContactLog, "list")
class ContactLogListView(ObjectListView):
    model = ContactLog
    filterset_class = ContactLogFilterSet
    select_related = ("enterprise", "enterprise__region", "campaign")
    default_ordering = ("-contacted_on", "-pk")
    sortable = ("contacted_on", "next_contact_on")
    columns = CONTACT_COLUMNS
    # The export names each record (enterprise and date) first, then the list's columns.
    export_columns = [
        ExportColumn(gettext_lazy("contact record"), str, 36),
        ExportColumn(gettext_lazy("campaign"), "campaign", 24),
        *(ExportColumn(label, name, 18) for name, label in CONTACT_COLUMNS[1:]),
    ]


@register_model_view(ContactLog)
class ContactLogDetailView(ObjectDetailView):
    model = ContactLog
    select_related = ("enterprise", "campaign")
    fields = CONTACT_FIELDS


@register_model_view(ContactLog, "add")
@register_model_view(ContactLog, "edit")
class ContactLogEditView(ObjectEditView):
    model = ContactLog
    form_class = ContactLogForm
    services = CONTACT_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        ent = self.request.GET.get("enterprise", "")
        if ent.isdigit():
            initial["enterprise"] = ent
        campaign = Campaign.objects.visible_to(self.request.user).order_by("-year", "-pk").first()
        if campaign is not None:
            initial["campaign"] = campaign.pk
        return initial


@register_model_view(ContactLog, "delete")
class ContactLogDeleteView(ObjectDeleteView):
    model = ContactLog
    services = CONTACT_SERVICES
