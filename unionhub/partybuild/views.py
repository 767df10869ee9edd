"""Pages of the module: declarations of the generic views, registered per model (URLs
generated under ``/partybuild/``), plus the overview (coverage and the 三创争两提升 cycle)
and the dual-cultivation funnel."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from unionhub.core.exporting import ExportColumn
from unionhub.core.kpis import selectors as kpi_selectors
from unionhub.core.kpis.cards import own_region
from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedMixin,
)
from unionhub.partybuild import charts, selectors, services
from unionhub.partybuild.choices import OWED, ReportStatus
from unionhub.partybuild.filtersets import (
    CultivationFilterSet,
    CycleReportFilterSet,
    DemonstrationFilterSet,
    DeputyFilterSet,
    LectureFilterSet,
    ParticipationFilterSet,
    PartyFactsFilterSet,
)
from unionhub.partybuild.forms import (
    CultivationForm,
    DemonstrationForm,
    DeputyForm,
    LectureForm,
    ParticipationForm,
    PartyFactsForm,
    ReportReviewForm,
    ReportSubmitForm,
)
from unionhub.partybuild.models import (
    CULTIVATION_FIELDS,
    DEMONSTRATION_FIELDS,
    DEPUTY_FIELDS,
    LECTURE_FIELDS,
    PARTICIPATION_FIELDS,
    PARTY_FACTS_FIELDS,
    Cultivation,
    CycleReport,
    Demonstration,
    Deputy,
    Lecture,
    Participation,
    PartyFacts,
)

KPI_CODES = [
    "partybuild.party_org_coverage",
    "partybuild.union_coverage_25plus",
    "partybuild.demonstration_units",
    "partybuild.demonstration_areas",
    "partybuild.industrial_worker_deputy_share",
    "partybuild.backbones_joined_party",
]


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= timezone.localdate().year + 1 else timezone.localdate().year


def _export(columns) -> list[ExportColumn]:
    """The Excel export of a list: the record itself, then the list's columns."""
    return [ExportColumn(_("record"), str, 40)] + [
        ExportColumn(label, name, 18) for name, label in columns
    ]


def _register_crud(model, *, list_view, form_class, fields, services_, select_related=()):
    """list / detail / add / edit / delete of one model, declared once."""
    register_model_view(model, "list")(list_view)
    detail = type(
        f"{model.__name__}DetailView",
        (ObjectDetailView,),
        {"model": model, "select_related": select_related, "fields": list(fields)},
    )
    register_model_view(model)(detail)
    edit = type(
        f"{model.__name__}EditView",
        (ObjectEditView,),
        {"model": model, "form_class": form_class, "services": services_},
    )
    register_model_view(model, "add")(edit)
    register_model_view(model, "edit")(edit)
    delete = type(
        f"{model.__name__}DeleteView", (ObjectDeleteView,), {"model": model, "services": services_}
    )
    register_model_view(model, "delete")(delete)
    return detail, edit, delete


# --- party facts ------------------------------------------------------------------------

PARTY_FACTS_SERVICES = ModelServices(
    create=services.partyfacts_create,
    update=services.partyfacts_update,
    delete=services.partyfacts_delete,
)


class PartyFactsListView(ObjectListView):
    model = PartyFacts
    filterset_class = PartyFactsFilterSet
    select_related = ("enterprise__region",)
    columns = [
        ("enterprise", _("enterprise")),
        ("party_members", _("party members")),
        ("org_type", _("party organisation")),
        ("org_founded_on", _("party organisation set up on")),
    ]
    sortable = ("party_members", "org_founded_on")
    default_ordering = ("enterprise__name", "pk")
    export_columns = property(lambda self: _export(self.columns))


_register_crud(
    PartyFacts,
    list_view=PartyFactsListView,
    form_class=PartyFactsForm,
    fields=(*PARTY_FACTS_FIELDS, "has_party_org"),
    services_=PARTY_FACTS_SERVICES,
    select_related=("enterprise",),
)

# --- 三创争两提升 -----------------------------------------------------------------------

PARTICIPATION_SERVICES = ModelServices(
    create=services.participation_create,
    update=services.participation_update,
    delete=services.participation_delete,
)


class ParticipationListView(ObjectListView):
    model = Participation
    filterset_class = ParticipationFilterSet
    select_related = ("enterprise",)
    columns = [
        ("enterprise", _("enterprise")),
        ("year", _("year")),
        ("launched_on", _("launched on")),
    ]
    sortable = ("year", "launched_on")
    default_ordering = ("-year", "enterprise__name", "pk")
    export_columns = property(lambda self: _export(self.columns))


class ParticipationDetailView(ObjectDetailView):
    model = Participation
    template_name = "partybuild/participation.html"
    select_related = ("enterprise",)
    fields = list(PARTICIPATION_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        reports = list(self.object.reports.order_by("due_on"))
        for r in reports:
            r.is_overdue = r.status in OWED and r.due_on < today
        user = self.request.user
        ctx.update(
            reports=reports,
            can_submit=user.has_perm("partybuild.change_cyclereport"),
            can_review=user.has_perm("partybuild.review_cyclereport"),
        )
        return ctx


register_model_view(Participation, "list")(ParticipationListView)
register_model_view(Participation)(ParticipationDetailView)


class ParticipationEditView(ObjectEditView):
    model = Participation
    form_class = ParticipationForm
    services = PARTICIPATION_SERVICES


register_model_view(Participation, "add")(ParticipationEditView)
register_model_view(Participation, "edit")(ParticipationEditView)


@register_model_view(Participation, "delete")
class ParticipationDeleteView(ObjectDeleteView):
    model = Participation
    services = PARTICIPATION_SERVICES


@register_model_view(CycleReport, "list")
class CycleReportListView(ObjectListView):
    model = CycleReport
    filterset_class = CycleReportFilterSet
    select_related = ("participation__enterprise",)
    columns = [
        ("participation", _("participation")),
        ("stage", _("step")),
        ("due_on", _("due on")),
        ("status", _("status")),
        ("submitted_on", _("submitted on")),
    ]
    sortable = ("due_on", "submitted_on")
    default_ordering = ("due_on", "pk")
    export_columns = property(lambda self: _export(self.columns))


@register_model_view(CycleReport)
class CycleReportDetailView(ObjectDetailView):
    model = CycleReport
    select_related = ("participation__enterprise", "reviewed_by")
    fields = [
        "participation",
        "stage",
        "due_on",
        "status",
        "submitted_on",
        "content",
        "reviewed_on",
        "reviewed_by",
        "review_comment",
    ]


class CycleReportActionView(ObjectActionView):
    """After an action on a report, back to its year's page (all three steps)."""

    model = CycleReport

    def get_success_url(self):
        from django.urls import reverse

        return reverse("partybuild:participation", args=[self.get_object().participation_id])


@register_model_view(CycleReport, "submit")
class CycleReportSubmitView(CycleReportActionView):
    form_class = ReportSubmitForm
    service = staticmethod(services.cyclereport_submit)
    title = _("Submit the report")
    success_message = _("The report was submitted.")


@register_model_view(CycleReport, "review")
class CycleReportReviewView(CycleReportActionView):
    action = "review"
    form_class = ReportReviewForm
    service = staticmethod(services.cyclereport_review)
    title = _("Review the report")
    success_message = _("The review was recorded.")


# --- demonstrations, lectures, deputies, cultivation -------------------------------------


class DemonstrationListView(ObjectListView):
    model = Demonstration
    filterset_class = DemonstrationFilterSet
    select_related = ("region", "enterprise")
    columns = [
        ("name", _("name")),
        ("kind", _("kind")),
        ("year", _("year")),
        ("region", _("region")),
        ("named_on", _("named on")),
    ]
    sortable = ("year", "named_on", "name")
    default_ordering = ("-year", "kind", "name", "pk")
    export_columns = property(lambda self: _export(self.columns))


_register_crud(
    Demonstration,
    list_view=DemonstrationListView,
    form_class=DemonstrationForm,
    fields=DEMONSTRATION_FIELDS,
    services_=ModelServices(
        create=services.demonstration_create,
        update=services.demonstration_update,
        delete=services.demonstration_delete,
    ),
    select_related=("region", "enterprise"),
)


class LectureListView(ObjectListView):
    model = Lecture
    filterset_class = LectureFilterSet
    select_related = ("region",)
    columns = [
        ("title", _("title")),
        ("kind", _("kind")),
        ("speaker", _("speaker")),
        ("given_on", _("date")),
        ("link", _("link")),
    ]
    sortable = ("given_on", "title")
    default_ordering = ("-given_on", "pk")
    export_columns = property(lambda self: _export(self.columns))


_register_crud(
    Lecture,
    list_view=LectureListView,
    form_class=LectureForm,
    fields=LECTURE_FIELDS,
    services_=ModelServices(
        create=services.lecture_create,
        update=services.lecture_update,
        delete=services.lecture_delete,
    ),
    select_related=("region",),
)


class DeputyListView(ObjectListView):
    model = Deputy
    filterset_class = DeputyFilterSet
    select_related = ("region", "enterprise")
    columns = [
        ("name", _("name")),
        ("kind", _("kind")),
        ("level", _("deputy level")),
        ("enterprise", _("employer")),
        ("occupation", _("occupation")),
        ("is_industrial_worker", _("industrial worker")),
    ]
    sortable = ("name", "kind", "level")
    default_ordering = ("kind", "level", "name", "pk")
    export_columns = property(lambda self: _export(self.columns))


_register_crud(
    Deputy,
    list_view=DeputyListView,
    form_class=DeputyForm,
    fields=DEPUTY_FIELDS,
    services_=ModelServices(
        create=services.deputy_create, update=services.deputy_update, delete=services.deputy_delete
    ),
    select_related=("region", "enterprise", "member"),
)


class CultivationListView(ObjectListView):
    model = Cultivation
    filterset_class = CultivationFilterSet
    select_related = ("enterprise",)
    columns = [
        ("name", _("name")),
        ("enterprise", _("enterprise")),
        ("backbone_on", _("technical backbone since")),
        ("party_member_on", _("party member since")),
        ("manager_on", _("manager since")),
    ]
    sortable = ("name", "backbone_on", "party_member_on", "manager_on")
    default_ordering = ("enterprise__name", "name", "pk")
    export_columns = property(lambda self: _export(self.columns))


_register_crud(
    Cultivation,
    list_view=CultivationListView,
    form_class=CultivationForm,
    fields=CULTIVATION_FIELDS,
    services_=ModelServices(
        create=services.cultivation_create,
        update=services.cultivation_update,
        delete=services.cultivation_delete,
    ),
    select_related=("enterprise", "member"),
)


# --- pages ------------------------------------------------------------------------------


class OverviewView(ScopedMixin, generic.TemplateView):
    """The county's co-building at a glance: the coverage figures (KPIs, with their
    records) and the year's 三创争两提升 cycle with every due date, overdue ones marked."""

    model = Participation
    template_name = "partybuild/overview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        year = _year(self.request)
        kpi_year, as_of = kpi_selectors.kpi_period(year=min(year, timezone.localdate().year))
        ctx.update(
            year=year,
            years=list(range(timezone.localdate().year, timezone.localdate().year - 4, -1)),
            kpis=kpi_selectors.kpi_values(
                user=user, region=own_region(user), year=kpi_year, as_of=as_of, codes=KPI_CODES
            ),
            board=selectors.cycle_board(user=user, year=year),
            counts=selectors.cycle_counts(user=user, year=year),
            today=timezone.localdate(),
            submitted=ReportStatus.SUBMITTED,
        )
        return ctx


class FunnelView(ScopedMixin, generic.TemplateView):
    """The dual-cultivation funnel of one enterprise (or all in scope) for a year."""

    model = Cultivation
    template_name = "partybuild/funnel.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        year = _year(self.request)
        choices = list(selectors.funnel_enterprises(user=user))
        wanted = self.request.GET.get("enterprise", "")
        enterprise = next((e for e in choices if str(e.pk) == wanted), None)
        if enterprise is None and len(choices) == 1:
            enterprise = choices[0]
        counts = selectors.cultivation_funnel(user=user, enterprise=enterprise, year=year)
        ctx.update(
            year=year,
            years=list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
            enterprises=choices,
            enterprise=enterprise,
            counts=counts,
            chart=charts.funnel(counts),
        )
        return ctx
