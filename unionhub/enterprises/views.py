"""Enterprise and union pages: declarative generic views plus import, export, targets and
the overview (KPI) page. Every query starts from ``visible_to(request.user)``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from unionhub.core import bulk
from unionhub.core.exporting import ExportColumn, export_response
from unionhub.core.validators.uscc import uscc_warnings
from unionhub.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedMixin,
    _add_errors,
    get_visible_or_404,
)
from unionhub.enterprises import selectors, services
from unionhub.enterprises.choices import TargetReason
from unionhub.enterprises.fields import (
    CAMPAIGN_FIELDS,
    CONTACT_FIELDS,
    ENTERPRISE_DETAIL_FIELDS,
    ENTERPRISE_FIELDS,
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
    ExportColumn("从业人员数", "employees", 10),
    ExportColumn("营业收入(万元)", "revenue_wan", 14),
    ExportColumn("资产总额(万元)", "assets_wan", 14),
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
    return export_response(
        queryset.order_by("name", "pk"),
        columns=EXPORT_COLUMNS,
        filename="企业名录",
        user=request.user,
        title="企业名录",
    )


class EnterpriseListView(ObjectListView):
    model = Enterprise
    filterset_class = EnterpriseFilterSet
    template_name = "enterprises/enterprise_list.html"
    select_related = ("region",)
    default_ordering = ("name", "pk")
    sortable = ("name", "employees", "revenue_wan", "founded_on", "region__code", "size_class")
    columns = [c for c in ENTERPRISE_COLUMNS if c[0] in DEFAULT_COLUMNS]
    column_choices = ENTERPRISE_COLUMNS
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
        user = self.request.user
        ctx["can_export"] = user.has_perm("enterprises.export_enterprise")
        ctx["can_import"] = user.has_perm("enterprises.import_enterprise")
        ctx["export_query"] = self.request.GET.urlencode()
        return ctx


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


class EnterpriseEditView(ObjectEditView):
    model = Enterprise
    form_class = EnterpriseForm

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k in ENTERPRISE_FIELDS}
        if self.object is None:
            ent = services.enterprise_create(actor=self.request.user, **data)
        else:
            ent = services.enterprise_update(
                actor=self.request.user, enterprise=self.object, **data
            )
        for warning in uscc_warnings(ent.uscc):  # accepted, but worth a second look
            messages.warning(self.request, _("Credit code: %(w)s") % {"w": warning})
        return ent


class EnterpriseDeleteView(ObjectDeleteView):
    model = Enterprise

    def delete_object(self, obj):
        services.enterprise_delete(actor=self.request.user, enterprise=obj)


def _filtered_enterprises(request):
    qs = selectors.enterprise_list(user=request.user)
    filterset = EnterpriseFilterSet(request.GET or None, queryset=qs, request=request)
    return filterset.qs.order_by("name", "pk")


class EnterpriseExportView(ScopedMixin, generic.View):
    """The current filtered list as .xlsx (the same scoped queryset as the list page)."""

    model = Enterprise
    permission_required = "enterprises.export_enterprise"

    def get(self, request, format="xlsx"):
        if format != "xlsx":
            raise Http404
        return _export_selected(request, _filtered_enterprises(request))


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
    if unit is not None and visible.filter(pk=unit.region_id).exists():
        return unit.region
    region = visible.order_by("depth", "code").first()
    if region is None:
        raise PermissionDenied
    return region


class TargetListView(EnterpriseListView):
    """建会目标: enterprises the campaign rules select, counts per town and the list."""

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
        if region.level == "town" and region.parent_id:
            region = region.parent
        ctx["region"] = region
        ctx["town_rows"] = selectors.counts_by_child(user=self.request.user, region=region)
        ctx["reasons"] = list(TargetReason)
        query = self.request.GET.copy()
        query["is_target"] = "true"
        ctx["export_query"] = query.urlencode()
        return ctx


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
            links={
                "total": f"{list_url}?{base}",
                "with_union": f"{list_url}?{base}&has_union=true",
                "big": f"{list_url}?{base}&employees_min=25&operating_status=operating",
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


class EnterpriseUnionEditView(ObjectEditView):
    model = EnterpriseUnion
    form_class = EnterpriseUnionForm

    def get_initial(self):
        initial = super().get_initial()
        ent = self.request.GET.get("enterprise")
        if ent and ent.isdigit():
            initial["enterprises"] = Enterprise.objects.visible_to(self.request.user).filter(pk=ent)
        return initial

    def save(self, form):
        data = dict(form.cleaned_data)
        enterprises = list(data.pop("enterprises"))
        if self.object is None:
            return services.union_create(actor=self.request.user, enterprises=enterprises, **data)
        return services.union_update(
            actor=self.request.user, union=self.object, enterprises=enterprises, **data
        )


class EnterpriseUnionDeleteView(ObjectDeleteView):
    model = EnterpriseUnion

    def delete_object(self, obj):
        services.union_delete(actor=self.request.user, union=obj)


class ReelectView(ScopedMixin, generic.FormView):
    """Record a re-election (换届) of a union committee."""

    model = EnterpriseUnion
    action = "change"
    form_class = ReelectionForm
    template_name = "core/object_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.union = get_visible_or_404(EnterpriseUnion, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = self.union
        ctx["list_url_name"] = "enterprises:enterpriseunion_list"
        return ctx

    def form_valid(self, form):
        try:
            services.union_reelect(actor=self.request.user, union=self.union, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Re-election recorded."))
        return HttpResponseRedirect(reverse("enterprises:enterpriseunion", args=[self.union.pk]))


class TermDelayView(ReelectView):
    """Record an approved delay of re-election (延期换届)."""

    form_class = TermDelayForm
    permission_required = "enterprises.add_termdelay"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["approvers"] = selectors.delay_approvers(self.union)
        return kwargs

    def form_valid(self, form):
        try:
            services.union_delay_approve(
                actor=self.request.user, union=self.union, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Re-election delay recorded."))
        return HttpResponseRedirect(reverse("enterprises:enterpriseunion", args=[self.union.pk]))


# --- campaign follow-up ------------------------------------------------------------------


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


class CampaignEditView(ObjectEditView):
    model = Campaign
    form_class = CampaignForm

    def save(self, form):
        if self.object is None:
            return services.campaign_create(actor=self.request.user, **form.cleaned_data)
        return services.campaign_update(
            actor=self.request.user, campaign=self.object, **form.cleaned_data
        )


class CampaignDeleteView(ObjectDeleteView):
    model = Campaign

    def delete_object(self, obj):
        services.campaign_delete(actor=self.request.user, campaign=obj)


class CampaignTargetsView(ScopedMixin, generic.FormView):
    """Set the number of unions each town should establish during the campaign."""

    model = Campaign
    action = "change"
    form_class = CampaignTargetsForm
    template_name = "core/object_edit.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.campaign = get_visible_or_404(Campaign, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["towns"] = selectors.children_of(user=self.request.user, region=self.campaign.region)
        kwargs["current"] = {t.town_id: t.target_unions for t in self.campaign.town_targets.all()}
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = self.campaign
        ctx["list_url_name"] = "enterprises:campaign_list"
        return ctx

    def form_valid(self, form):
        try:
            services.campaign_set_targets(
                actor=self.request.user, campaign=self.campaign, targets=form.targets()
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        return HttpResponseRedirect(reverse("enterprises:campaign", args=[self.campaign.pk]))


class ContactLogListView(ObjectListView):
    model = ContactLog
    filterset_class = ContactLogFilterSet
    select_related = ("enterprise", "enterprise__region", "campaign")
    default_ordering = ("-contacted_on", "-pk")
    sortable = ("contacted_on", "next_contact_on")
    columns = [
        ("enterprise", gettext_lazy("enterprise")),
        ("contacted_on", gettext_lazy("contacted on")),
        ("get_department_display", gettext_lazy("visited with")),
        ("get_obstacle_display", gettext_lazy("obstacle")),
        ("next_step", gettext_lazy("next step")),
        ("next_contact_on", gettext_lazy("next contact on")),
        ("get_fallback_display", gettext_lazy("fallback")),
        ("recruited_members", gettext_lazy("workers recruited")),
    ]


class ContactLogDetailView(ObjectDetailView):
    model = ContactLog
    select_related = ("enterprise", "campaign")
    fields = CONTACT_FIELDS


class ContactLogEditView(ObjectEditView):
    model = ContactLog
    form_class = ContactLogForm

    def get_initial(self):
        initial = super().get_initial()
        ent = self.request.GET.get("enterprise", "")
        if ent.isdigit():
            initial["enterprise"] = ent
        campaign = Campaign.objects.visible_to(self.request.user).order_by("-year", "-pk").first()
        if campaign is not None:
            initial["campaign"] = campaign.pk
        return initial

    def save(self, form):
        if self.object is None:
            return services.contactlog_create(actor=self.request.user, **form.cleaned_data)
        return services.contactlog_update(
            actor=self.request.user, contact=self.object, **form.cleaned_data
        )


class ContactLogDeleteView(ObjectDeleteView):
    model = ContactLog

    def delete_object(self, obj):
        services.contactlog_delete(actor=self.request.user, contact=obj)
