"""Pages of the governance module: declarations of the generic views (URLs generated under
``/governance/``), the warning board and the county overview."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import generic

from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectFileView,
    ObjectListView,
    PagePermissionMixin,
    ScopedMixin,
)
from unionhub.governance import selectors, services
from unionhub.governance.filtersets import (
    GridFilterSet,
    GridWorkerFilterSet,
    HarmoniousFilterSet,
    LayoffFilterSet,
    MeetingFilterSet,
    MembershipFilterSet,
    MonitoringPointFilterSet,
    ReportFilterSet,
    WarningFilterSet,
)
from unionhub.governance.forms import (
    CloseForm,
    ConsultedForm,
    DesignateForm,
    DisposalForm,
    EvaluateForm,
    GridForm,
    GridWorkerForm,
    HarmoniousForm,
    LayoffForm,
    MeetingForm,
    MeetingTaskDoneForm,
    MeetingTaskForm,
    MembershipForm,
    MonitoringPointForm,
    ReevaluateForm,
    RejectForm,
    ReportForm,
)
from unionhub.governance.models import (
    GRID_FIELDS,
    Grid,
    GridMembership,
    GridWorker,
    HarmoniousUnit,
    JointMeeting,
    LayoffPlan,
    MeetingTask,
    MonitoringPoint,
    RiskReport,
    RiskWarning,
)

GRID_SERVICES = ModelServices(
    create=services.grid_create, update=services.grid_update, delete=services.grid_delete
)
GRIDWORKER_SERVICES = ModelServices(
    create=services.gridworker_create,
    update=services.gridworker_update,
    delete=services.gridworker_delete,
)
MEMBERSHIP_SERVICES = ModelServices(
    create=services.membership_create,
    update=services.membership_update,
    delete=services.membership_delete,
)
POINT_SERVICES = ModelServices(
    create=services.monitoringpoint_create,
    update=services.monitoringpoint_update,
    delete=services.monitoringpoint_delete,
)
REPORT_SERVICES = ModelServices(create=services.report_file)
HARMONIOUS_SERVICES = ModelServices(
    create=services.harmonious_apply,
    update=services.harmonious_update,
    delete=services.harmonious_delete,
)
LAYOFF_SERVICES = ModelServices(create=services.layoff_register)
MEETING_SERVICES = ModelServices(
    create=services.meeting_create,
    update=services.meeting_update,
    delete=services.meeting_delete,
)


class _List(ObjectListView):
    """A governance list: its Excel export starts with the record itself."""

    def export_column_list(self) -> list:
        from unionhub.core.exporting import ExportColumn

        return [
            ExportColumn(pgettext_lazy("export", "Record"), str, 36),
            *super().export_column_list(),
        ]


# --- grids ---------------------------------------------------------------------------------


@register_model_view(Grid, "list")
class GridListView(_List):
    model = Grid
    filterset_class = GridFilterSet
    select_related = ("region",)
    columns = [
        ("code", _("grid code")),
        ("name", _("grid name")),
        ("get_kind_display", _("grid kind")),
        ("region", _("region")),
    ]


@register_model_view(Grid)
class GridDetailView(ObjectDetailView):
    model = Grid
    select_related = ("region",)
    fields = list(GRID_FIELDS)
    template_name = "governance/grid_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["workers"] = selectors.grid_workers(self.object, self.request.user)
        ctx["memberships"] = self.object.memberships.select_related("enterprise")[:200]
        return ctx


@register_model_view(Grid, "add")
@register_model_view(Grid, "edit")
class GridEditView(ObjectEditView):
    model = Grid
    form_class = GridForm
    services = GRID_SERVICES


@register_model_view(Grid, "delete")
class GridDeleteView(ObjectDeleteView):
    model = Grid
    services = GRID_SERVICES


@register_model_view(GridWorker, "list")
class GridWorkerListView(_List):
    model = GridWorker
    filterset_class = GridWorkerFilterSet
    select_related = ("grid",)
    columns = [("name", _("name")), ("get_role_display", _("role")), ("grid", _("grid"))]


@register_model_view(GridWorker)
class GridWorkerDetailView(ObjectDetailView):
    model = GridWorker
    select_related = ("grid",)
    fields = ["grid", "name", "role"]


@register_model_view(GridWorker, "add")
@register_model_view(GridWorker, "edit")
class GridWorkerEditView(ObjectEditView):
    model = GridWorker
    form_class = GridWorkerForm
    services = GRIDWORKER_SERVICES


@register_model_view(GridWorker, "delete")
class GridWorkerDeleteView(ObjectDeleteView):
    model = GridWorker
    services = GRIDWORKER_SERVICES


@register_model_view(GridMembership, "list")
class MembershipListView(_List):
    model = GridMembership
    filterset_class = MembershipFilterSet
    select_related = ("grid", "enterprise")
    columns = [
        ("enterprise", _("enterprise")),
        ("enterprise__get_size_class_display", _("size class")),
        ("grid", _("grid")),
        ("assigned_on", _("assigned on")),
    ]


@register_model_view(GridMembership)
class MembershipDetailView(ObjectDetailView):
    model = GridMembership
    select_related = ("grid", "enterprise")
    fields = ["enterprise", "grid", "assigned_on"]


@register_model_view(GridMembership, "add")
@register_model_view(GridMembership, "edit")
class MembershipEditView(ObjectEditView):
    model = GridMembership
    form_class = MembershipForm
    services = MEMBERSHIP_SERVICES


@register_model_view(GridMembership, "delete")
class MembershipDeleteView(ObjectDeleteView):
    model = GridMembership
    services = MEMBERSHIP_SERVICES


# --- monitoring points and reports ---------------------------------------------------------


@register_model_view(MonitoringPoint, "list")
class MonitoringPointListView(_List):
    model = MonitoringPoint
    filterset_class = MonitoringPointFilterSet
    select_related = ("enterprise",)
    columns = [
        ("enterprise", _("enterprise")),
        ("designated_on", _("designated on")),
        ("is_active", _("active")),
    ]


@register_model_view(MonitoringPoint)
class MonitoringPointDetailView(ObjectDetailView):
    model = MonitoringPoint
    select_related = ("enterprise",)
    fields = ["enterprise", "designated_on", "is_active"]
    template_name = "governance/monitoringpoint_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["informant_phone"] = self.object.phone_for(self.request.user)
        return ctx


@register_model_view(MonitoringPoint, "add")
@register_model_view(MonitoringPoint, "edit")
class MonitoringPointEditView(ObjectEditView):
    model = MonitoringPoint
    form_class = MonitoringPointForm
    services = POINT_SERVICES


@register_model_view(MonitoringPoint, "delete")
class MonitoringPointDeleteView(ObjectDeleteView):
    model = MonitoringPoint
    services = POINT_SERVICES


@register_model_view(RiskReport, "list")
class ReportListView(_List):
    model = RiskReport
    filterset_class = ReportFilterSet
    select_related = ("enterprise", "indicator", "level")
    columns = [
        ("occurred_on", _("occurred on")),
        ("enterprise", _("enterprise")),
        ("indicator", _("indicator")),
        ("level", pgettext_lazy("risk", "level")),
        ("get_status_display", _("status")),
    ]


@register_model_view(RiskReport)
class ReportDetailView(ObjectDetailView):
    model = RiskReport
    select_related = ("enterprise", "indicator", "level", "warning")
    fields = [
        "enterprise",
        "indicator",
        "source",
        "occurred_on",
        "facts",
        "people_affected",
        "months",
        "days_late",
        "cases",
        "amount",
        "flag",
        "evidence",
        "level",
        "level_reason",
        "status",
        "warning",
    ]


@register_model_view(RiskReport, "evidence")
class ReportEvidenceView(ObjectFileView):
    model = RiskReport
    file_field = "evidence"


@register_model_view(RiskReport, "add")
class ReportEditView(ObjectEditView):
    model = RiskReport
    form_class = ReportForm
    services = REPORT_SERVICES


# --- warnings ------------------------------------------------------------------------------


@register_model_view(RiskWarning, "list")
class WarningListView(_List):
    model = RiskWarning
    filterset_class = WarningFilterSet
    select_related = ("enterprise", "level", "owner")
    columns = [
        ("enterprise", _("enterprise")),
        ("level", pgettext_lazy("risk", "level")),
        ("get_status_display", _("status")),
        ("response_due", _("response due")),
        ("owner", _("owner")),
        ("escalations", _("escalations")),
    ]


@register_model_view(RiskWarning)
class WarningDetailView(ObjectDetailView):
    model = RiskWarning
    select_related = ("enterprise", "level", "owner")
    template_name = "governance/riskwarning_detail.html"
    fields = [
        "enterprise",
        "level",
        "status",
        "owner",
        "level_since",
        "response_due",
        "ack_due",
        "escalations",
        "closed_at",
        "closure_reason",
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.warning_explained(self.object))
        return ctx


class _WarningAction(ObjectActionView):
    model = RiskWarning
    instance_arg = "riskwarning"


@register_model_view(RiskWarning, "dispose")
class WarningDisposeView(_WarningAction):
    form_class = DisposalForm
    service = staticmethod(services.disposal_record)
    title = _("Record a disposal")
    success_message = _("The disposal was recorded.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["warning"] = self.get_object()
        return kwargs


@register_model_view(RiskWarning, "reevaluate")
class WarningReevaluateView(_WarningAction):
    form_class = ReevaluateForm
    service = staticmethod(services.warning_reevaluate)
    title = _("Re-evaluate the level")
    success_message = _("The warning was re-evaluated.")


@register_model_view(RiskWarning, "close")
class WarningCloseView(_WarningAction):
    form_class = CloseForm
    service = staticmethod(services.warning_close)
    title = _("Close the warning")
    submit_class = "btn-danger"
    success_message = _("The warning was closed.")


# --- layoffs -------------------------------------------------------------------------------


@register_model_view(LayoffPlan, "list")
class LayoffListView(_List):
    model = LayoffPlan
    filterset_class = LayoffFilterSet
    select_related = ("enterprise",)
    columns = [
        ("enterprise", _("enterprise")),
        ("planned_count", _("workers to be laid off")),
        ("is_mass", _("mass layoff")),
        ("notified_on", _("union notified on")),
        ("earliest_effective_on", _("earliest lawful effective date")),
        ("consulted_on", _("consultation held on")),
    ]


@register_model_view(LayoffPlan)
class LayoffDetailView(ObjectDetailView):
    model = LayoffPlan
    select_related = ("enterprise", "report")
    fields = [
        "enterprise",
        "planned_count",
        "workforce",
        "is_mass",
        "notified_on",
        "earliest_effective_on",
        "effective_on",
        "reason",
        "consulted_on",
        "report",
    ]


@register_model_view(LayoffPlan, "add")
class LayoffEditView(ObjectEditView):
    model = LayoffPlan
    form_class = LayoffForm
    services = LAYOFF_SERVICES


@register_model_view(LayoffPlan, "consulted")
class LayoffConsultedView(ObjectActionView):
    model = LayoffPlan
    form_class = ConsultedForm
    service = staticmethod(services.layoff_consulted)
    title = _("Record the consultation")
    success_message = _("The consultation was recorded.")


# --- harmonious units ----------------------------------------------------------------------


@register_model_view(HarmoniousUnit, "list")
class HarmoniousListView(_List):
    model = HarmoniousUnit
    filterset_class = HarmoniousFilterSet
    select_related = ("enterprise", "region")
    columns = [
        ("enterprise", _("enterprise")),
        ("park_name", _("park name")),
        ("get_level_display", pgettext_lazy("designation", "level")),
        ("year", _("year")),
        ("get_status_display", _("status")),
        ("valid_until", _("valid until")),
    ]


@register_model_view(HarmoniousUnit)
class HarmoniousDetailView(ObjectDetailView):
    model = HarmoniousUnit
    select_related = ("enterprise", "region")
    template_name = "governance/harmoniousunit_detail.html"
    fields = [
        "kind",
        "enterprise",
        "park_name",
        "region",
        "level",
        "year",
        "applied_on",
        "status",
        "score",
        "evaluation",
        "designated_on",
        "valid_until",
        "note",
    ]


@register_model_view(HarmoniousUnit, "add")
@register_model_view(HarmoniousUnit, "edit")
class HarmoniousEditView(ObjectEditView):
    model = HarmoniousUnit
    form_class = HarmoniousForm
    services = HARMONIOUS_SERVICES


@register_model_view(HarmoniousUnit, "delete")
class HarmoniousDeleteView(ObjectDeleteView):
    model = HarmoniousUnit
    services = HARMONIOUS_SERVICES


@register_model_view(HarmoniousUnit, "evaluate")
class HarmoniousEvaluateView(ObjectActionView):
    model = HarmoniousUnit
    form_class = EvaluateForm
    service = staticmethod(services.harmonious_evaluate)
    title = _("Evaluate the application")
    success_message = _("The evaluation was recorded.")


@register_model_view(HarmoniousUnit, "designate")
class HarmoniousDesignateView(ObjectActionView):
    model = HarmoniousUnit
    form_class = DesignateForm
    service = staticmethod(services.harmonious_designate)
    title = _("Designate")
    success_message = _("The unit was designated.")


@register_model_view(HarmoniousUnit, "reject")
class HarmoniousRejectView(ObjectActionView):
    model = HarmoniousUnit
    form_class = RejectForm
    service = staticmethod(services.harmonious_reject)
    title = _("Not designated")
    submit_class = "btn-danger"
    success_message = _("The application was decided.")


# --- "1+1+N" joint meetings ---------------------------------------------------------------


@register_model_view(JointMeeting, "list")
class MeetingListView(_List):
    model = JointMeeting
    filterset_class = MeetingFilterSet
    select_related = ("convener",)
    columns = [
        ("held_on", pgettext_lazy("meeting", "held on")),
        ("convener", _("convening union")),
        ("hrss_side", _("human resources and social security side")),
        ("topics", _("topics")),
    ]


@register_model_view(JointMeeting)
class MeetingDetailView(ObjectDetailView):
    model = JointMeeting
    select_related = ("convener", "region")
    template_name = "governance/jointmeeting_detail.html"
    fields = ["held_on", "convener", "hrss_side", "topics", "decisions"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.meeting_links(self.object, self.request.user))
        return ctx


@register_model_view(JointMeeting, "add")
@register_model_view(JointMeeting, "edit")
class MeetingEditView(ObjectEditView):
    model = JointMeeting
    form_class = MeetingForm
    services = MEETING_SERVICES


@register_model_view(JointMeeting, "delete")
class MeetingDeleteView(ObjectDeleteView):
    model = JointMeeting
    services = MEETING_SERVICES


@register_model_view(JointMeeting, "task")
class MeetingTaskAddView(ObjectActionView):
    model = JointMeeting
    form_class = MeetingTaskForm
    service = staticmethod(services.meetingtask_add)
    title = _("Add a follow-up task")
    success_message = _("The task was added; it is in its owner's to-do.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["meeting"] = self.get_object()
        return kwargs

    def get_success_url(self):
        return reverse("governance:jointmeeting", args=[self.get_object().pk])


@register_model_view(MeetingTask)
class MeetingTaskDetailView(ObjectDetailView):
    model = MeetingTask
    select_related = ("meeting", "owner")
    fields = ["meeting", "title", "owner", "period", "due_on", "done_on", "result"]


@register_model_view(MeetingTask, "done")
class MeetingTaskDoneView(ObjectActionView):
    model = MeetingTask
    form_class = MeetingTaskDoneForm
    service = staticmethod(services.meetingtask_done)
    title = _("Record the task as done")
    success_message = _("The task was recorded as done.")

    def get_success_url(self):
        return reverse("governance:jointmeeting", args=[self.get_object().meeting_id])


# --- the board and the overview ------------------------------------------------------------


class BoardView(ScopedMixin, generic.TemplateView):
    """The warning board: open warnings by level with their due times, overdue first."""

    model = RiskWarning
    template_name = "governance/board.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(selectors.board(self.request.user))
        return ctx


class OverviewView(ScopedMixin, generic.TemplateView):
    """The county's governance page: coverage by town, the board, the figures, the map."""

    model = Grid
    template_name = "governance/overview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.update(selectors.board(user, limit=12))
        ctx["coverage"] = selectors.coverage_by_town(user)
        ctx["figures"] = selectors.figures(user)
        tree = selectors.region_levels_tree(user)
        ctx["map_options"] = {
            "tooltip": {"formatter": "{b}: {c}"},
            "series": [
                {
                    "type": "treemap",
                    "data": tree["children"],
                    "roam": False,
                    "nodeClick": False,
                    "breadcrumb": {"show": False},
                    "label": {"show": True, "formatter": "{b}"},
                }
            ],
        }
        weekly = selectors.weekly_analysis(user)
        ctx["weekly_options"] = {
            "tooltip": {"trigger": "axis"},
            "legend": {"top": 0},
            "grid": {"left": 40, "right": 20, "top": 40, "bottom": 30},
            "xAxis": {"type": "category", "data": weekly["labels"]},
            "yAxis": {"type": "value", "minInterval": 1},
            "series": [
                {
                    "name": s["name"],
                    "type": "bar",
                    "stack": "all",
                    "data": s["data"],
                    "itemStyle": {"color": s["color"]},
                }
                for s in weekly["series"]
            ],
        }
        ctx["today"] = timezone.localdate()
        return ctx


class MonthlyReportView(PagePermissionMixin, generic.View):
    """The monthly work report (工作月报) as a Word document, from the month's records."""

    permission_required = "governance.view_riskwarning"
    scope_exempt = "a Word document from scoped selectors (governance/tests/test_report.py)"

    def get(self, request, *args, **kwargs):
        from unionhub.governance.report import monthly_report_docx, parse_month

        year, month = parse_month(request.GET.get("month"))
        content = monthly_report_docx(request.user, year, month)
        response = HttpResponse(
            content,
            content_type=(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ),
        )
        name = f"governance-monthly-{year}-{month:02d}.docx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class WeeklyView(ScopedMixin, generic.TemplateView):
    """The weekly analysis (周分析) of one ISO week (``?week=2026-W49``, default the current
    week, Asia/Shanghai): reports by indicator and level, warnings opened, escalated, closed
    and overdue, by town."""

    model = RiskReport
    template_name = "governance/weekly.html"

    def get_context_data(self, **kwargs):
        from unionhub.governance import weekly

        ctx = super().get_context_data(**kwargs)
        week = weekly.parse_week(self.request.GET.get("week"))
        summary = weekly.weekly_summary(self.request.user, week)
        ctx["summary"] = summary
        ctx["week"] = week
        ctx["previous"] = week.shifted(-1)
        ctx["next"] = week.shifted(1)
        ctx["is_current"] = week == weekly.current_week()
        ctx["charts"] = weekly.chart_options(summary)
        return ctx


class WeeklyExportView(PagePermissionMixin, generic.View):
    """The weekly analysis of one week as an Excel workbook (the page's table by town)."""

    permission_required = "governance.view_riskreport"
    scope_exempt = "an Excel file from scoped selectors (governance/tests/test_weekly.py)"

    def get(self, request, *args, **kwargs):
        from unionhub.governance import weekly

        week = weekly.parse_week(request.GET.get("week"))
        return weekly.weekly_xlsx(request.user, weekly.weekly_summary(request.user, week))
