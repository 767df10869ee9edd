"""Pages of collective bargaining: declarations of the generic views (URLs generated under
``/bargaining/``): cases with their actions and timeline, representatives, offer campaigns
with their board, offers with their actions and the offer letter (.docx)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import generic

from unionhub.bargaining import documents, forms, selectors, services, standards
from unionhub.bargaining.filtersets import (
    CampaignFilterSet,
    CaseFilterSet,
    CoveredEnterpriseFilterSet,
    OfferFilterSet,
    RepresentativeFilterSet,
)
from unionhub.bargaining.models import (
    CAMPAIGN_FIELDS,
    CASE_DATES,
    CASE_FIELDS,
    CLAUSE_FIELDS,
    DRAFT_FIELDS,
    MINIMUM_WAGE_FIELDS,
    OFFER_FIELDS,
    REPRESENTATIVE_FIELDS,
    SESSION_FIELDS,
    WAGE_STANDARD_FIELDS,
    BargainingCase,
    BargainingOffer,
    BargainingSession,
    ContractDraft,
    MinimumWage,
    OfferCampaign,
    Representative,
    StandardClause,
    WageStandard,
)
from unionhub.core.calendar.deadlines import deadline_for
from unionhub.core.exporting import ExportColumn
from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PagePermissionMixin,
    ScopedMixin,
)
from unionhub.enterprises.models import Enterprise

CASE_SERVICES = ModelServices(
    create=services.case_create, update=services.case_update, delete=services.case_delete
)
CAMPAIGN_SERVICES = ModelServices(
    create=services.campaign_create,
    update=services.campaign_update,
    delete=services.campaign_delete,
)
REPRESENTATIVE_SERVICES = ModelServices(create=services.representative_create)


# --- cases ---------------------------------------------------------------------------------


@register_model_view(BargainingCase, "list")
class CaseListView(ObjectListView):
    model = BargainingCase
    filterset_class = CaseFilterSet
    select_related = ("union", "enterprise", "region")
    columns = [
        ("title", _("title")),
        ("get_tier_display", pgettext_lazy("bargaining", "tier")),
        ("get_outcome_type_display", pgettext_lazy("bargaining", "outcome")),
        ("get_phase_display", _("status")),
        ("next_countdown", _("countdown")),
        ("expires_on", _("expires on")),
        ("union", _("workers' side union")),
    ]
    sortable = ("title", "expires_on")


@register_model_view(BargainingCase)
class CaseDetailView(ObjectDetailView):
    model = BargainingCase
    template_name = "bargaining/case_detail.html"
    select_related = ("union", "enterprise", "region")
    fields = [f for f in CASE_FIELDS if f != "covered_enterprises"] + list(CASE_DATES)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        case = self.object
        from unionhub.bargaining.rules import term_warning

        ctx.update(
            timeline=selectors.case_timeline(case),
            representatives=selectors.representatives_of(case),
            side_problems=[m for e in services.sides_problems(case).values() for m in e.messages],
            term_warning=term_warning(case.term_years),
            phase=case.get_phase_display(),
            late_filing=bool(case.filed_on and case.filing_due and case.filed_on > case.filing_due),
            covered=case.covered_enterprises.select_related("region")[:50],
            actions=_case_actions(case, self.request.user),
            standards=[
                (w, standards.standard_flags(w))
                for w in case.wage_standards.order_by("kind", "item", "pk")
            ],
            sessions=selectors.sessions_of(case),
            drafts=selectors.drafts_of(case),
            next_chair=selectors.next_chair_label(case),
            limits=selectors.procedure_limits(case),
        )
        return ctx


def _case_actions(case: BargainingCase, user) -> list[tuple[str, str]]:
    """(action name, label) of the actions open in the case's state."""
    if not user.has_perm("bargaining.change_bargainingcase"):
        return []
    s = case.status
    found = []
    if s in ("preparing", "suspended"):
        found.append(("start", _("Open negotiations")))
    if s == "negotiating":
        found += [("suspend", _("Suspend"))]
        if case.is_contract:
            found.append(("vote", _("Record the vote")))
        else:
            found.append(("sign", _("Sign")))
    if s == "adopted":
        found.append(("sign", _("Sign")))
    if s == "signed":
        found.append(("file", _("Record the filing")))
    if s == "filed" and not case.received_on:
        found.append(("receipt", _("Record the receipt")))
    if s == "filed" and case.received_on and case.objection_on is None:
        if timezone.localdate() <= case.objection_due:
            found.append(("object", _("Record an objection")))
        if not case.published_on:
            found.append(("publish", _("Record the publication")))
    if s in ("preparing", "negotiating", "suspended"):
        found.append(("fail", _("Mark as failed")))
    return found


@register_model_view(BargainingCase, "add")
@register_model_view(BargainingCase, "edit")
class CaseEditView(ObjectEditView):
    model = BargainingCase
    form_class = forms.CaseForm
    services = CASE_SERVICES


@register_model_view(BargainingCase, "delete")
class CaseDeleteView(ObjectDeleteView):
    model = BargainingCase
    services = CASE_SERVICES


class _CaseAction(ObjectActionView):
    model = BargainingCase
    success_message = _("The case was updated.")


@register_model_view(BargainingCase, "start")
class CaseStartView(_CaseAction):
    service = staticmethod(services.case_start)
    submit_label = _("Open negotiations")


@register_model_view(BargainingCase, "suspend")
class CaseSuspendView(_CaseAction):
    service = staticmethod(services.case_suspend)
    submit_label = _("Suspend")


@register_model_view(BargainingCase, "fail")
class CaseFailView(_CaseAction):
    service = staticmethod(services.case_fail)
    submit_label = _("Mark as failed")
    submit_class = "btn-danger"


@register_model_view(BargainingCase, "vote")
class CaseVoteView(_CaseAction):
    form_class = forms.VoteForm
    service = staticmethod(services.case_vote)
    submit_label = _("Record the vote")


@register_model_view(BargainingCase, "sign")
class CaseSignView(_CaseAction):
    form_class = forms.SignForm
    service = staticmethod(services.case_sign)
    submit_label = _("Sign")


@register_model_view(BargainingCase, "file")
class CaseFileView(_CaseAction):
    form_class = forms.FileForm
    service = staticmethod(services.case_file)
    submit_label = _("Record the filing")


@register_model_view(BargainingCase, "receipt")
class CaseReceiptView(_CaseAction):
    form_class = forms.ReceiptForm
    service = staticmethod(services.case_receipt)
    submit_label = _("Record the receipt")


@register_model_view(BargainingCase, "object")
class CaseObjectView(_CaseAction):
    form_class = forms.ObjectionForm
    service = staticmethod(services.case_object)
    submit_label = _("Record an objection")
    submit_class = "btn-danger"


@register_model_view(BargainingCase, "publish")
class CasePublishView(_CaseAction):
    form_class = forms.PublishForm
    service = staticmethod(services.case_publish)
    submit_label = _("Record the publication")


# --- representatives -------------------------------------------------------------------


@register_model_view(Representative, "list")
class RepresentativeListView(ObjectListView):
    model = Representative
    filterset_class = RepresentativeFilterSet
    select_related = ("case",)
    columns = [
        ("name", pgettext_lazy("person", "name")),
        ("get_side_display", _("side")),
        ("is_chief", _("chief representative")),
        ("is_outside_expert", _("outside expert")),
        ("case", _("bargaining case")),
        ("vacated_on", _("seat vacated on")),
        ("refill_due", _("refill by")),
    ]
    export_columns = [
        ExportColumn(pgettext_lazy("bargaining", "representative"), str, 24),
        ExportColumn(_("bargaining case"), "case__title", 30),
        ExportColumn(_("chief representative"), "is_chief", 10),
        ExportColumn(_("outside expert"), "is_outside_expert", 10),
        ExportColumn(_("seat vacated on"), "vacated_on", 12),
        ExportColumn(_("refill by"), "refill_due", 12),
    ]


@register_model_view(Representative)
class RepresentativeDetailView(ObjectDetailView):
    model = Representative
    select_related = ("case",)
    fields = [*REPRESENTATIVE_FIELDS, "member", "vacated_on", "refill_due", "replaced_by"]


@register_model_view(Representative, "add")
class RepresentativeAddView(ObjectEditView):
    model = Representative
    form_class = forms.RepresentativeForm
    services = REPRESENTATIVE_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        for name in ("case", "side"):
            if name in self.request.GET:
                initial[name] = self.request.GET[name]
        return initial


@register_model_view(Representative, "vacate")
class RepresentativeVacateView(ObjectActionView):
    model = Representative
    form_class = forms.VacateForm
    service = staticmethod(services.representative_vacate)
    instance_arg = "representative"
    success_message = _("The seat is vacant; refill it within 15 days.")
    submit_label = _("Record the vacancy")


@register_model_view(Representative, "replace")
class RepresentativeReplaceView(ObjectActionView):
    model = Representative
    form_class = forms.ReplaceForm
    service = staticmethod(services.representative_replace)
    instance_arg = "representative"
    success_message = _("The seat was refilled.")
    submit_label = _("Refill the seat")


# --- campaigns and offers --------------------------------------------------------------


@register_model_view(OfferCampaign, "list")
class CampaignListView(ObjectListView):
    model = OfferCampaign
    filterset_class = CampaignFilterSet
    select_related = ("union",)
    columns = [
        ("title", _("title")),
        ("union", _("issuing union")),
        ("period_start", _("period starts")),
        ("period_end", _("period ends")),
    ]


@register_model_view(OfferCampaign)
class CampaignDetailView(ObjectDetailView):
    """The campaign's board: every offer with its status and response countdown."""

    model = OfferCampaign
    template_name = "bargaining/campaign_detail.html"
    select_related = ("union",)
    fields = list(CAMPAIGN_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["offers"] = list(selectors.offer_board(user=user, campaign=self.object))
        counts = selectors.offer_status_counts(user=user, campaign=self.object)
        ctx["status_counts"] = [
            (code, label, counts[code])
            for code, label in BargainingOffer._meta.get_field("status").choices
        ]
        ctx["can_send"] = user.has_perm("bargaining.add_bargainingoffer")
        return ctx


@register_model_view(OfferCampaign, "add")
@register_model_view(OfferCampaign, "edit")
class CampaignEditView(ObjectEditView):
    model = OfferCampaign
    form_class = forms.CampaignForm
    services = CAMPAIGN_SERVICES


@register_model_view(OfferCampaign, "delete")
class CampaignDeleteView(ObjectDeleteView):
    model = OfferCampaign
    services = CAMPAIGN_SERVICES


@register_model_view(OfferCampaign, "send")
class CampaignSendView(ObjectActionView):
    model = OfferCampaign
    form_class = forms.SendForm
    service = staticmethod(services.campaign_send_selected)
    instance_arg = "offercampaign"
    action = "change"
    success_message = _("The offers were sent.")
    submit_label = _("Send offers")

    def get_initial(self):
        return {"sent_on": timezone.localdate(), "limit": 20}


@register_model_view(BargainingOffer, "list")
class OfferListView(ObjectListView):
    model = BargainingOffer
    filterset_class = OfferFilterSet
    select_related = ("enterprise", "campaign")
    columns = [
        ("enterprise", _("enterprise")),
        ("campaign", _("offer campaign")),
        ("get_status_display", _("status")),
        ("received_on", pgettext_lazy("bargaining", "received on")),
        ("response_due", _("respond by")),
        ("response_countdown", _("countdown")),
        ("responded_on", _("responded on")),
    ]
    default_ordering = ("response_due", "pk")
    export_columns = [
        ExportColumn(_("bargaining offer"), str, 40),
        ExportColumn(_("enterprise"), "enterprise__name", 30),
        ExportColumn(_("status"), "status", 12),
        ExportColumn(_("sent on"), "sent_on", 12),
        ExportColumn(pgettext_lazy("bargaining", "received on"), "received_on", 12),
        ExportColumn(_("respond by"), "response_due", 12),
        ExportColumn(_("responded on"), "responded_on", 12),
    ]


@register_model_view(BargainingOffer)
class OfferDetailView(ObjectDetailView):
    model = BargainingOffer
    template_name = "bargaining/offer_detail.html"
    select_related = ("enterprise", "campaign", "case", "escalated_to")
    fields = [*OFFER_FIELDS, "response_due", "escalated_to", "escalated_on", "case", "note"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        offer = self.object
        ctx["countdown"] = (
            selectors.countdown(offer.response_due)
            if offer.status in ("received", "overdue")
            else None
        )
        ctx["deadline"] = (
            deadline_for("bargaining_response", offer.received_on) if offer.received_on else None
        )
        can = self.request.user.has_perm("bargaining.change_bargainingoffer")
        flow = {
            "sent": [("receive", _("Record receipt"))],
            "received": [("respond", _("Record the response"))],
            "overdue": [("respond", _("Record the response"))],
            "responded": [("negotiate", _("Start bargaining"))],
            "negotiating": [("close", _("Close"))],
            "suspended": [("negotiate", _("Resume bargaining")), ("close", _("Close"))],
        }
        ctx["actions"] = flow.get(offer.status, []) if can else []
        return ctx


class _OfferAction(ObjectActionView):
    model = BargainingOffer
    instance_arg = "bargainingoffer"
    success_message = _("The offer was updated.")


@register_model_view(BargainingOffer, "receive")
class OfferReceiveView(_OfferAction):
    form_class = forms.ReceiveForm
    service = staticmethod(services.offer_receive)
    submit_label = _("Record receipt")


@register_model_view(BargainingOffer, "respond")
class OfferRespondView(_OfferAction):
    form_class = forms.RespondForm
    service = staticmethod(services.offer_respond)
    submit_label = _("Record the response")


@register_model_view(BargainingOffer, "negotiate")
class OfferNegotiateView(_OfferAction):
    service = staticmethod(services.offer_negotiate)
    submit_label = _("Start bargaining")


@register_model_view(BargainingOffer, "close")
class OfferCloseView(_OfferAction):
    form_class = forms.CloseForm
    service = staticmethod(services.offer_close)
    submit_label = _("Close")


@register_model_view(BargainingOffer, "letter", path="letter.docx")
class OfferLetterView(ScopedMixin, generic.DetailView):
    """The offer letter (要约书) as a Word document."""

    model = BargainingOffer

    def get(self, request, *args, **kwargs):
        offer = self.get_object()
        content = documents.offer_letter_docx(offer)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="offer-{offer.pk}.docx"'
        return response


# --- wage standards and the minimum-wage table -------------------------------------------

STANDARD_SERVICES = ModelServices(
    create=standards.wage_standard_create, delete=standards.wage_standard_delete
)
MINIMUM_WAGE_SERVICES = ModelServices(
    create=standards.minimum_wage_create, update=standards.minimum_wage_update
)


@register_model_view(WageStandard, "list")
class WageStandardListView(ObjectListView):
    model = WageStandard
    select_related = ("case",)
    columns = [
        ("case", _("bargaining case")),
        ("get_kind_display", _("kind")),
        ("item", pgettext_lazy("bargaining", "item")),
        ("amount", _("amount (yuan)")),
        ("rule", _("rule")),
    ]
    export_columns = [
        ExportColumn(_("wage standard"), str, 40),
        ExportColumn(_("kind"), "kind", 16),
        ExportColumn(_("amount (yuan)"), "amount", 12),
    ]


@register_model_view(WageStandard)
class WageStandardDetailView(ObjectDetailView):
    model = WageStandard
    select_related = ("case",)
    fields = list(WAGE_STANDARD_FIELDS)


@register_model_view(WageStandard, "add")
class WageStandardAddView(ObjectEditView):
    model = WageStandard
    form_class = forms.WageStandardForm
    services = STANDARD_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        if "case" in self.request.GET:
            initial["case"] = self.request.GET["case"]
        return initial


@register_model_view(WageStandard, "delete")
class WageStandardDeleteView(ObjectDeleteView):
    model = WageStandard
    services = STANDARD_SERVICES


@register_model_view(MinimumWage, "list")
class MinimumWageListView(ObjectListView):
    model = MinimumWage
    select_related = ("region",)
    columns = [
        ("region", _("region")),
        ("wage_class", _("class")),
        ("monthly", _("monthly minimum (yuan)")),
        ("hourly", _("hourly minimum (yuan)")),
        ("valid_from", pgettext_lazy("bargaining", "valid from")),
        ("valid_to", _("valid to")),
        ("source", _("source")),
    ]
    export_columns = [
        ExportColumn(_("minimum wage"), str, 40),
        ExportColumn(pgettext_lazy("bargaining", "valid from"), "valid_from", 12),
        ExportColumn(_("source"), "source", 40),
    ]


@register_model_view(MinimumWage)
class MinimumWageDetailView(ObjectDetailView):
    model = MinimumWage
    select_related = ("region",)
    fields = list(MINIMUM_WAGE_FIELDS)


@register_model_view(MinimumWage, "add")
@register_model_view(MinimumWage, "edit")
class MinimumWageEditView(ObjectEditView):
    model = MinimumWage
    form_class = forms.MinimumWageForm
    services = MINIMUM_WAGE_SERVICES


# --- sessions and drafts -----------------------------------------------------------------

SESSION_SERVICES = ModelServices(create=services.session_create, update=services.session_update)
DRAFT_SERVICES = ModelServices(create=services.draft_create)


@register_model_view(BargainingSession, "list")
class SessionListView(ObjectListView):
    model = BargainingSession
    select_related = ("case", "chair")
    columns = [
        ("case", _("bargaining case")),
        ("number", _("meeting no.")),
        ("held_on", _("meeting date")),
        ("place", _("place")),
        ("chair", _("chair")),
        ("recorder", _("recorder")),
    ]
    sortable = ("held_on",)
    export_columns = [
        ExportColumn(_("bargaining session"), str, 40),
        ExportColumn(_("meeting date"), "held_on", 12),
        ExportColumn(_("place"), "place", 24),
        ExportColumn(_("recorder"), "recorder", 12),
    ]


@register_model_view(BargainingSession)
class SessionDetailView(ObjectDetailView):
    model = BargainingSession
    select_related = ("case", "chair")
    fields = [*SESSION_FIELDS, "number"]


def _initial_case(view) -> dict:
    initial = {}
    if "case" in view.request.GET:
        initial["case"] = view.request.GET["case"]
    return initial


@register_model_view(BargainingSession, "add")
@register_model_view(BargainingSession, "edit")
class SessionEditView(ObjectEditView):
    model = BargainingSession
    form_class = forms.SessionForm
    services = SESSION_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            initial.update(_initial_case(self))
            case_id = initial.get("case")
            if case_id and str(case_id).isdigit():
                case = selectors.case_list(user=self.request.user).filter(pk=case_id).first()
                if case is not None:
                    side = selectors.next_chair_side(case)
                    chief = case.representatives.filter(
                        is_chief=True, vacated_on__isnull=True, side=side or "workers"
                    ).first()
                    initial["chair"] = chief.pk if chief else None
                    initial["attendees"] = list(
                        case.representatives.filter(vacated_on__isnull=True).values_list(
                            "pk", flat=True
                        )
                    )
        return initial


@register_model_view(ContractDraft, "list")
class DraftListView(ObjectListView):
    model = ContractDraft
    select_related = ("case", "session")
    columns = [
        ("case", _("bargaining case")),
        ("version", _("version")),
        ("prepared_on", _("prepared on")),
        ("session", _("discussed at")),
        ("note", _("note")),
    ]
    sortable = ("prepared_on",)
    export_columns = [
        ExportColumn(_("contract draft"), str, 40),
        ExportColumn(_("prepared on"), "prepared_on", 12),
        ExportColumn(_("note"), "note", 30),
    ]


@register_model_view(ContractDraft)
class DraftDetailView(ObjectDetailView):
    """A version's clauses and what changed from the version before (or from the version
    chosen with ``?against=<version>``)."""

    model = ContractDraft
    template_name = "bargaining/draft_detail.html"
    select_related = ("case", "session")
    fields = [f for f in DRAFT_FIELDS if f != "text"] + ["version"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        draft = self.object
        others = list(draft.case.drafts.exclude(pk=draft.pk).order_by("version"))
        against = None
        wanted = self.request.GET.get("against", "")
        if wanted.isdigit():
            against = next((d for d in others if d.version == int(wanted)), None)
        ctx.update(
            comparison=selectors.draft_comparison(draft, against),
            other_versions=others,
            can_add=self.request.user.has_perm("bargaining.add_contractdraft"),
        )
        return ctx


@register_model_view(ContractDraft, "add")
class DraftAddView(ObjectEditView):
    model = ContractDraft
    form_class = forms.DraftForm
    services = DRAFT_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        initial.update(_initial_case(self))
        case_id = initial.get("case")
        if case_id and str(case_id).isdigit():
            last = (
                ContractDraft.objects.visible_to(self.request.user)
                .filter(case_id=case_id)
                .order_by("-version")
                .first()
            )
            if last is not None:
                initial["text"] = last.text
        initial.setdefault("prepared_on", timezone.localdate())
        return initial


# --- clause library and year-on-year comparison ---------------------------------------------

CLAUSE_SERVICES = ModelServices(create=services.clause_create, update=services.clause_update)


@register_model_view(StandardClause, "list")
class ClauseListView(ObjectListView):
    model = StandardClause
    select_related = ("union",)
    columns = [
        ("title", _("clause heading")),
        ("get_topic_display", _("topic")),
        ("union", _("kept by")),
        ("is_active", _("in use")),
        ("source", _("source")),
    ]
    sortable = ("title",)
    export_columns = [
        ExportColumn(_("standard clause"), str, 30),
        ExportColumn(pgettext_lazy("contract", "text"), "text", 60),
        ExportColumn(_("source"), "source", 30),
    ]


@register_model_view(StandardClause)
class ClauseDetailView(ObjectDetailView):
    model = StandardClause
    select_related = ("union",)
    fields = list(CLAUSE_FIELDS)


@register_model_view(StandardClause, "add")
@register_model_view(StandardClause, "edit")
class ClauseEditView(ObjectEditView):
    model = StandardClause
    form_class = forms.ClauseForm
    services = CLAUSE_SERVICES


@register_model_view(BargainingCase, "comparison")
class CaseComparisonView(ObjectDetailView):
    """A renewed contract year on year against the one it renews."""

    model = BargainingCase
    template_name = "bargaining/case_comparison.html"
    select_related = ("predecessor",)
    fields = []

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        found = selectors.year_on_year(self.object)
        if (
            found
            and not BargainingCase.objects.visible_to(self.request.user)
            .filter(pk=found["old"].pk)
            .exists()
        ):
            found = {}
        ctx["yoy"] = found
        return ctx


# --- coverage ------------------------------------------------------------------------------


class CoverageView(PagePermissionMixin, generic.TemplateView):
    """Coverage by key group and tier: enterprises and workers bound by a contract in force
    on a day (default today), every figure a link to the enterprises it counts."""

    template_name = "bargaining/coverage.html"
    permission_required = "bargaining.view_bargainingcase"
    scope_exempt = "counts only enterprises from visible_to (test_coverage)"

    def get(self, request, *args, **kwargs):
        from unionhub.core.forms import iso_input_values

        form = forms.CoverageForm(request.GET or {"on": timezone.localdate()})
        iso_input_values(form)  # the date picker shows the day as ISO
        on = form.cleaned_data.get("on") if form.is_valid() else None
        ctx = self.get_context_data(form=form, **kwargs)
        if form.errors:
            return self.render_to_response(ctx, status=400)
        ctx.update(selectors.coverage_table(user=request.user, on=on))
        return self.render_to_response(ctx)


class CoveredEnterpriseListView(ObjectListView):
    """The enterprises a coverage figure counts (``covered_on``, ``covered_tier``,
    ``covered_key_group``), each linking to its enterprise file."""

    model = Enterprise
    permission_required = "bargaining.view_bargainingcase"
    filterset_class = CoveredEnterpriseFilterSet
    select_related = ("region",)
    columns = [
        ("name", _("enterprise name")),
        ("region", _("region")),
        ("get_size_class_display", _("size class")),
        ("employees", _("employees")),
    ]
    export_enabled = False  # a module page: the enterprise list exports enterprises

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_add"] = False  # enterprises are registered on the enterprise list
        ctx["verbose_name_plural"] = _("Enterprises covered by a contract")
        return ctx
