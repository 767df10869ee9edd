"""Pages of the social-worker archives: declarations of the generic views, registered per
model (URLs generated under ``/socialwork/``), plus the archive page, its PDF, the posting
coverage (gaps) page and the scoring action of an assessment round."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
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
    ObjectListView,
    ScopedMixin,
)
from unionhub.socialwork import filtersets, forms, pdf, selectors, services
from unionhub.socialwork.models import (
    MONTHLY_RECORD_FIELDS,
    POSTING_FIELDS,
    QUALIFICATION_FIELDS,
    QUARTERLY_REPORT_FIELDS,
    STUDY_SESSION_FIELDS,
    TRAINING_FIELDS,
    Assessment,
    AssessmentRound,
    MonthlyRecord,
    Posting,
    Qualification,
    QuarterlyReport,
    SocialWorker,
    StudySession,
    Training,
)


class _RecordListView(ObjectListView):
    """Each Excel row starts with the record itself, so it says what it is."""

    def export_column_list(self) -> list:
        from unionhub.core.exporting import ExportColumn

        return [
            ExportColumn(pgettext_lazy("export", "Record"), str, 36),
            *super().export_column_list(),
        ]


# --- archives ---------------------------------------------------------------------------------
WORKER_SERVICES = ModelServices(
    create=services.socialworker_create,
    update=services.socialworker_update,
    delete=services.socialworker_delete,
)


@register_model_view(SocialWorker, "list")
class SocialWorkerListView(_RecordListView):
    model = SocialWorker
    filterset_class = filtersets.SocialWorkerFilterSet
    select_related = ("union",)
    sortable = ("name", "hired_on")
    default_ordering = ("union__path", "hired_on", "pk")
    columns = [
        ("name", pgettext_lazy("person", "name")),
        ("union", _("keeping union")),
        ("hired_on", _("hired on")),
        ("get_status_display", _("status")),
    ]


@register_model_view(SocialWorker)
class SocialWorkerDetailView(ObjectDetailView):
    """The growth archive: head, postings, qualifications, training hours, monthly records
    (with the months missing and overdue), quarterly reports, sessions, assessments with
    the worker's place in each ranking."""

    model = SocialWorker
    template_name = "socialwork/socialworker_detail.html"
    select_related = ("union", "user", "member")
    fields = ["union", "hired_on", "monthly_records_from", "education", "status", "left_on", "note"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        worker, user = self.object, self.request.user
        ctx.update(selectors.worker_archive(worker=worker))
        ctx.update(id_number=worker.id_number_for(user), phone=worker.phone_for(user))
        return ctx


@register_model_view(SocialWorker, "add")
@register_model_view(SocialWorker, "edit")
class SocialWorkerEditView(ObjectEditView):
    model = SocialWorker
    form_class = forms.SocialWorkerForm
    services = WORKER_SERVICES


@register_model_view(SocialWorker, "delete")
class SocialWorkerDeleteView(ObjectDeleteView):
    model = SocialWorker
    services = WORKER_SERVICES


@register_model_view(SocialWorker, "pdf", path="archive.pdf")
class SocialWorkerPdfView(ScopedMixin, generic.DetailView):
    """The whole archive as one printable PDF document."""

    model = SocialWorker

    def get(self, request, *args, **kwargs):
        worker = self.get_object()
        document = pdf.archive_pdf(worker, user=request.user)
        response = HttpResponse(document, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="archive-{worker.pk}.pdf"'
        return response


class CoverageView(ScopedMixin, generic.TemplateView):
    """Town / street unions and their full-time social workers; the gaps first."""

    model = SocialWorker
    template_name = "socialwork/coverage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = selectors.posting_coverage(user=self.request.user)
        ctx.update(
            rows=sorted(rows, key=lambda r: (not r.is_gap, r.union.path)),
            gaps=sum(1 for r in rows if r.is_gap),
            on=timezone.localdate(),
        )
        return ctx


# --- records of one archive ----------------------------------------------------------------------
class _ArchiveChildList(_RecordListView):
    select_related = ("worker", "worker__union")


class _ArchiveChildEdit(ObjectEditView):
    """Added from the archive page (``?worker=<pk>``) and back to it."""

    def get_initial(self):
        initial = super().get_initial()
        if "worker" in self.request.GET:
            initial["worker"] = self.request.GET["worker"]
        return initial

    def get_success_url(self):
        return reverse("socialwork:socialworker", args=[self.object.worker_id])


def _child_views(model, form_class, fields, columns, svc, filterset, related=()):
    """The list, detail, add/edit and delete pages of one kind of archive record."""

    list_view = type(
        f"{model.__name__}ListView",
        (_ArchiveChildList,),
        {
            "model": model,
            "filterset_class": filterset,
            "columns": columns,
            "select_related": ("worker", "worker__union", *related),
        },
    )
    detail_view = type(
        f"{model.__name__}DetailView",
        (ObjectDetailView,),
        {"model": model, "select_related": ("worker",), "fields": list(fields)},
    )
    edit_view = type(
        f"{model.__name__}EditView",
        (_ArchiveChildEdit,),
        {"model": model, "form_class": form_class, "services": svc},
    )
    delete_view = type(
        f"{model.__name__}DeleteView", (ObjectDeleteView,), {"model": model, "services": svc}
    )
    register_model_view(model, "list")(list_view)
    register_model_view(model)(detail_view)
    register_model_view(model, "add")(edit_view)
    register_model_view(model, "edit")(edit_view)
    register_model_view(model, "delete")(delete_view)
    return list_view, detail_view, edit_view, delete_view


def _services(name: str) -> ModelServices:
    return ModelServices(
        create=getattr(services, f"{name}_create"),
        update=getattr(services, f"{name}_update"),
        delete=getattr(services, f"{name}_delete"),
    )


WORKER_COLUMN = ("worker", _("social worker"))

PostingListView, PostingDetailView, PostingEditView, PostingDeleteView = _child_views(
    Posting,
    forms.PostingForm,
    POSTING_FIELDS,
    [
        WORKER_COLUMN,
        ("union", _("posted to")),
        ("get_kind_display", _("kind")),
        ("started_on", _("from")),
        ("ended_on", _("until")),
    ],
    _services("posting"),
    filtersets.PostingFilterSet,
    related=("union",),
)
QualificationListView, QualificationDetailView, QualificationEditView, QualificationDeleteView = (
    _child_views(
        Qualification,
        forms.QualificationForm,
        QUALIFICATION_FIELDS,
        [
            WORKER_COLUMN,
            ("get_kind_display", _("kind")),
            ("name", _("certificate name")),
            ("issued_on", _("issued on")),
        ],
        _services("qualification"),
        filtersets.QualificationFilterSet,
    )
)
TrainingListView, TrainingDetailView, TrainingEditView, TrainingDeleteView = _child_views(
    Training,
    forms.TrainingForm,
    TRAINING_FIELDS,
    [WORKER_COLUMN, ("title", _("title")), ("started_on", _("date")), ("hours", _("hours"))],
    _services("training"),
    filtersets.TrainingFilterSet,
)
MonthlyRecordListView, MonthlyRecordDetailView, MonthlyRecordEditView, MonthlyRecordDeleteView = (
    _child_views(
        MonthlyRecord,
        forms.MonthlyRecordForm,
        MONTHLY_RECORD_FIELDS,
        [
            WORKER_COLUMN,
            ("month_label", _("month")),
            ("cases", _("cases handled")),
            ("visits", _("visits made")),
            ("hours", _("service hours")),
        ],
        _services("monthlyrecord"),
        filtersets.MonthlyRecordFilterSet,
    )
)
# the county reviews a record a social worker submitted: the detail page offers it
MonthlyRecordDetailView.template_name = "socialwork/monthlyrecord_detail.html"
(
    QuarterlyReportListView,
    QuarterlyReportDetailView,
    QuarterlyReportEditView,
    QuarterlyReportDeleteView,
) = _child_views(
    QuarterlyReport,
    forms.QuarterlyReportForm,
    QUARTERLY_REPORT_FIELDS,
    [
        WORKER_COLUMN,
        ("year", _("year")),
        ("quarter", _("quarter")),
        ("get_rating_display", _("rating")),
        ("attendance_rate", _("attendance (%)")),
    ],
    _services("quarterlyreport"),
    filtersets.QuarterlyReportFilterSet,
)


# --- exchanges and classes --------------------------------------------------------------------
SESSION_SERVICES = _services("studysession")


@register_model_view(StudySession, "list")
class StudySessionListView(_RecordListView):
    model = StudySession
    filterset_class = filtersets.StudySessionFilterSet
    select_related = ("union",)
    sortable = ("held_on",)
    default_ordering = ("-held_on", "pk")
    columns = [
        ("title", _("title")),
        ("get_kind_display", _("kind")),
        ("held_on", _("held on")),
        ("union", _("organiser")),
        ("hours", _("hours")),
    ]


@register_model_view(StudySession)
class StudySessionDetailView(ObjectDetailView):
    model = StudySession
    template_name = "socialwork/studysession_detail.html"
    select_related = ("union",)
    prefetch_related = ("participants",)
    fields = [f for f in STUDY_SESSION_FIELDS if f != "participants"]


@register_model_view(StudySession, "add")
@register_model_view(StudySession, "edit")
class StudySessionEditView(ObjectEditView):
    model = StudySession
    form_class = forms.StudySessionForm
    services = SESSION_SERVICES


@register_model_view(StudySession, "delete")
class StudySessionDeleteView(ObjectDeleteView):
    model = StudySession
    services = SESSION_SERVICES


# --- annual assessments ----------------------------------------------------------------------
ROUND_SERVICES = _services("assessmentround")


@register_model_view(AssessmentRound, "list")
class AssessmentRoundListView(_RecordListView):
    model = AssessmentRound
    filterset_class = filtersets.AssessmentRoundFilterSet
    select_related = ("union",)
    default_ordering = ("-year", "union__path")
    columns = [
        ("union", _("assessing union")),
        ("year", _("year assessed")),
        ("held_on", _("assessed on")),
        ("criteria_text", _("scoring scheme")),
        ("excellent_quota", _("excellent places")),
    ]


@register_model_view(AssessmentRound)
class AssessmentRoundDetailView(ObjectDetailView):
    """The round's scheme and the ranking that feeds the awards."""

    model = AssessmentRound
    template_name = "socialwork/assessmentround_detail.html"
    select_related = ("union",)
    fields = ["union", "year", "held_on", "excellent_quota", "note"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["ranking"] = selectors.assessment_ranking(self.object)
        return ctx


@register_model_view(AssessmentRound, "add")
@register_model_view(AssessmentRound, "edit")
class AssessmentRoundEditView(ObjectEditView):
    model = AssessmentRound
    form_class = forms.AssessmentRoundForm
    services = ROUND_SERVICES


@register_model_view(AssessmentRound, "delete")
class AssessmentRoundDeleteView(ObjectDeleteView):
    model = AssessmentRound
    services = ROUND_SERVICES


@register_model_view(AssessmentRound, "score")
class AssessmentRoundScoreView(ObjectActionView):
    """Enter (or correct) one social worker's scores under the round's scheme."""

    model = AssessmentRound
    action = "change"
    form_class = forms.AssessmentScoreForm
    service = staticmethod(services.assessment_record)
    instance_arg = "assessmentround"
    title = _("Enter assessment scores")
    submit_label = _("Save scores")
    success_message = _("The scores were saved and the ranking updated.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(round_=self.get_object(), user=self.request.user)
        return kwargs

    def service_data(self, form):
        return form.service_data()


@register_model_view(Assessment, "list")
class AssessmentListView(_RecordListView):
    model = Assessment
    filterset_class = filtersets.AssessmentFilterSet
    select_related = ("worker", "round", "round__union")
    default_ordering = ("-round__year", "-total", "pk")
    columns = [
        ("worker", _("social worker")),
        ("round", _("annual assessment")),
        ("total", _("total score")),
    ]


@register_model_view(Assessment)
class AssessmentDetailView(ObjectDetailView):
    model = Assessment
    select_related = ("worker", "round")
    fields = ["round", "worker", "scores", "total", "note"]


@register_model_view(Assessment, "delete")
class AssessmentDeleteView(ObjectDeleteView):
    model = Assessment
    services = ModelServices(delete=services.assessment_delete)


# --- self-service: “我的成长档案” ----------------------------------------------------------


class MyArchiveView(LoginRequiredMixin, generic.View):
    """The signed-in social worker's own growth archive and their monthly record form."""

    scope_exempt = "the signed-in social worker's own archive (services.own_archive)"

    def context(self, request, form=None):
        worker = services.own_archive(request.user)
        ctx = {"worker": worker, "form": form or forms.OwnMonthlyRecordForm()}
        if worker is not None:
            ctx.update(selectors.worker_archive(worker=worker))
            ctx["due_month"] = selectors.previous_month(timezone.localdate())
            ctx["due_on"] = selectors.monthly_record_due(ctx["due_month"])
        return ctx

    def get(self, request):
        return render(request, "socialwork/my_archive.html", self.context(request))

    def post(self, request):
        from django.contrib import messages
        from django.core.exceptions import ValidationError

        form = forms.OwnMonthlyRecordForm(request.POST)
        if form.is_valid():
            try:
                record = services.monthlyrecord_submit_own(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _("The monthly record of %(month)s was submitted for review.")
                    % {"month": record.month_label},
                )
                return redirect("socialwork:mine")
        return render(
            request, "socialwork/my_archive.html", self.context(request, form), status=400
        )


@register_model_view(MonthlyRecord, "review")
class MonthlyRecordReviewView(ObjectActionView):
    model = MonthlyRecord
    form_class = forms.ReviewForm
    service = staticmethod(services.monthlyrecord_review)
    title = _("Review the monthly record")
    submit_label = _("Confirm the review")
    success_message = _("The monthly record was reviewed.")
