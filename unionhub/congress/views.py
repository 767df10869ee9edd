"""Pages of the workers' congress module: the generic record pages (registered per model,
URLs generated), the congress page with its composition check, the meeting page with the
live tally (htmx posting the contract's vote-check API), the proposal workflow steps and the
scoring sheet of a star evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import generic

from unionhub.congress import forms, selectors, services
from unionhub.congress.choices import EvaluationStatus, ListStatus, ProposalStatus
from unionhub.congress.filtersets import (
    CongressFilterSet,
    ProposalFilterSet,
    RepresentativeFilterSet,
    ResolutionFilterSet,
    SessionFilterSet,
    StarEvaluationFilterSet,
)
from unionhub.congress.models import (
    CONGRESS_FIELDS,
    PROPOSAL_FIELDS,
    REPRESENTATIVE_FIELDS,
    RESOLUTION_FIELDS,
    Congress,
    Proposal,
    Representative,
    Resolution,
    Session,
    StarEvaluation,
)
from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PagePermissionMixin,
)

SERVICES = {
    Congress: ModelServices(
        create=services.congress_create,
        update=services.congress_update,
        delete=services.congress_delete,
    ),
    Representative: ModelServices(
        create=services.representative_create,
        update=services.representative_update,
        delete=services.representative_delete,
    ),
    Session: ModelServices(
        create=services.session_create,
        update=services.session_update,
        delete=services.session_delete,
    ),
    Resolution: ModelServices(
        create=services.resolution_create,
        update=services.resolution_update,
        delete=services.resolution_delete,
    ),
    Proposal: ModelServices(
        create=services.proposal_create,
        update=services.proposal_update,
        delete=services.proposal_delete,
    ),
    StarEvaluation: ModelServices(
        create=services.evaluation_create,
        update=services.evaluation_update,
        delete=services.evaluation_delete,
    ),
}


class PrefilledEditView(ObjectEditView):
    """The add page takes its parent from the query string (``?congress=12``), so the
    buttons on a congress or session page open a form with the parent chosen."""

    def get_initial(self):
        initial = super().get_initial()
        for name in ("congress", "session", "rubric", "enterprise"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        return initial


class RecordListView(ObjectListView):
    """The export's first column names the record (its title), the rest follow the list."""

    def export_column_list(self) -> list:
        from unionhub.core.exporting import ExportColumn

        return [ExportColumn(self.model._meta.verbose_name, str, 40), *super().export_column_list()]


def _record_pages(model, *, form, columns, fields, filterset=None, related=(), template=None):
    """List, detail, add/edit and delete pages of ``model`` (declarations only)."""
    name = model.__name__
    detail_attrs = {"model": model, "select_related": related, "fields": list(fields)}
    if template:
        detail_attrs["template_name"] = template
    pages = {
        "list": type(
            f"{name}ListView",
            (RecordListView,),
            {
                "model": model,
                "filterset_class": filterset,
                "select_related": related,
                "columns": columns,
            },
        ),
        "": type(f"{name}DetailView", (ObjectDetailView,), detail_attrs),
        "edit": type(
            f"{name}EditView",
            (PrefilledEditView,),
            {"model": model, "form_class": form, "services": SERVICES[model]},
        ),
        "delete": type(
            f"{name}DeleteView",
            (ObjectDeleteView,),
            {"model": model, "services": SERVICES[model]},
        ),
    }
    for action, view in pages.items():
        register_model_view(model, action)(view)
        if action == "edit":
            register_model_view(model, "add")(view)
    return pages


_record_pages(
    Representative,
    form=forms.RepresentativeForm,
    filterset=RepresentativeFilterSet,
    related=("congress__enterprise",),
    columns=[
        ("name", gettext_lazy("name")),
        ("congress", gettext_lazy("workers' congress")),
        ("category", gettext_lazy("category")),
        ("is_woman", gettext_lazy("woman")),
        ("unit", gettext_lazy("electoral unit")),
    ],
    fields=REPRESENTATIVE_FIELDS,
)
_record_pages(
    Resolution,
    form=forms.ResolutionForm,
    filterset=ResolutionFilterSet,
    related=("session__congress__enterprise",),
    columns=[
        ("title", gettext_lazy("title")),
        ("session", gettext_lazy("congress session")),
        ("yes_votes", gettext_lazy("yes votes")),
        ("result", gettext_lazy("result")),
    ],
    fields=RESOLUTION_FIELDS,
)
CONGRESS_PAGES = _record_pages(
    Congress,
    form=forms.CongressForm,
    filterset=CongressFilterSet,
    related=("enterprise",),
    columns=[
        ("enterprise", gettext_lazy("enterprise")),
        ("term_number", gettext_lazy("term number")),
        ("form", gettext_lazy("form")),
        ("term_start", gettext_lazy("term starts")),
        ("list_status", gettext_lazy("representative list")),
    ],
    fields=(*CONGRESS_FIELDS, "list_status", "list_confirmed_on"),
    template="congress/congress.html",
)
SESSION_PAGES = _record_pages(
    Session,
    form=forms.SessionForm,
    filterset=SessionFilterSet,
    related=("congress__enterprise",),
    columns=[
        ("congress", gettext_lazy("workers' congress")),
        ("number", gettext_lazy("session number")),
        ("held_on", pgettext_lazy("congress", "held on")),
        ("total_reps", gettext_lazy("representatives")),
        ("present", gettext_lazy("present")),
    ],
    fields=("congress", "number", "kind", "held_on", "total_reps", "present", "agenda"),
    template="congress/session.html",
)
PROPOSAL_PAGES = _record_pages(
    Proposal,
    form=forms.ProposalForm,
    filterset=ProposalFilterSet,
    related=("congress__enterprise",),
    columns=[
        ("title", gettext_lazy("title")),
        ("congress", gettext_lazy("workers' congress")),
        ("proposer", gettext_lazy("proposer")),
        ("status", gettext_lazy("status")),
        ("due_on", gettext_lazy("reply due")),
    ],
    fields=(
        *PROPOSAL_FIELDS,
        "status",
        "handling_unit",
        "due_on",
        "decision_note",
        "reply",
        "handled_on",
        "satisfaction",
    ),
    template="congress/proposal.html",
)
EVALUATION_PAGES = _record_pages(
    StarEvaluation,
    form=forms.StarEvaluationForm,
    filterset=StarEvaluationFilterSet,
    related=("congress__enterprise", "rubric"),
    columns=[
        ("congress", gettext_lazy("workers' congress")),
        ("year", gettext_lazy("year")),
        ("total_points", gettext_lazy("total points")),
        ("stars", gettext_lazy("stars")),
        ("status", gettext_lazy("status")),
        ("is_current", gettext_lazy("rating in force")),
    ],
    fields=(
        "congress",
        "year",
        "rubric",
        "status",
        "total_points",
        "veto_hit",
        "stars",
        "finalized_on",
        "is_current",
        "note",
    ),
    template="congress/starevaluation.html",
)


class RubricView(PagePermissionMixin, generic.TemplateView):
    """The star-rating rubric in force (and earlier versions): items, veto items and the
    points per star. The rubric is city-wide configuration, kept by the city federation in
    the administration site; counties read it here."""

    template_name = "congress/rubric.html"
    permission_required = "congress.view_starrubric"
    scope_exempt = "city-wide configuration, the same for every county"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rubrics"] = selectors.rubrics()
        return ctx


# --- the congress page: composition, list confirmation ------------------------------------


def _congress_context(self, **kwargs):
    ctx = super(CONGRESS_PAGES[""], self).get_context_data(**kwargs)
    ctx.update(selectors.congress_page(congress=self.object, user=self.request.user))
    ctx["LIST"] = ListStatus
    return ctx


CONGRESS_PAGES[""].get_context_data = _congress_context


@register_model_view(Congress, "confirm")
class CongressConfirmView(ObjectActionView):
    model = Congress
    service = staticmethod(services.congress_confirm_list)
    title = gettext_lazy("Confirm the representative list")
    submit_label = gettext_lazy("Confirm the list")

    def run(self, form):
        result = services.congress_confirm_list(actor=self.request.user, congress=self.object)
        for finding in result.warnings:
            messages.warning(self.request, finding.message)
        messages.success(self.request, _("The representative list is confirmed."))
        return self.object


@register_model_view(Congress, "reopen")
class CongressReopenView(ObjectActionView):
    model = Congress
    service = staticmethod(services.congress_reopen_list)
    title = gettext_lazy("Reopen the representative list")
    submit_label = gettext_lazy("Reopen the list")
    submit_class = "btn-warning"
    success_message = gettext_lazy("The representative list is open for changes again.")


# --- the meeting page: attendance, resolutions, live tally ---------------------------------


def _session_context(self, **kwargs):
    ctx = super(SESSION_PAGES[""], self).get_context_data(**kwargs)
    ctx.update(selectors.session_page(session=self.object, user=self.request.user))
    return ctx


SESSION_PAGES[""].get_context_data = _session_context


@register_model_view(Session, "attendance")
class SessionAttendanceView(ObjectActionView):
    model = Session
    form_class = forms.AttendanceForm
    service = staticmethod(services.session_record_attendance)
    title = gettext_lazy("Record attendance")
    success_message = gettext_lazy("Attendance recorded.")


@register_model_view(Session, "roll")
class SessionRollCallView(ObjectActionView):
    """点名: each representative of the list present, on leave or absent; the number present
    (and so the quorum) is counted from the names."""

    model = Session
    form_class = forms.RollCallForm
    service = staticmethod(services.session_roll_call)
    title = gettext_lazy("Roll call")
    submit_label = gettext_lazy("Record the roll call")
    success_message = gettext_lazy("Roll call recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "session": self.get_object()}

    def service_data(self, form):
        data = form.cleaned_data
        return {"present": list(data["present"]), "on_leave": list(data["on_leave"])}


# --- proposals ------------------------------------------------------------------------------


def _proposal_context(self, **kwargs):
    ctx = super(PROPOSAL_PAGES[""], self).get_context_data(**kwargs)
    ctx["S"] = ProposalStatus
    ctx["can_handle"] = self.request.user.has_perm("congress.change_proposal")
    return ctx


PROPOSAL_PAGES[""].get_context_data = _proposal_context


@register_model_view(Proposal, "accept")
class ProposalAcceptView(ObjectActionView):
    model = Proposal
    form_class = forms.AcceptProposalForm
    service = staticmethod(services.proposal_accept)
    title = gettext_lazy("Accept for handling")
    success_message = gettext_lazy("The proposal is accepted; the reply is due in 30 days.")


@register_model_view(Proposal, "decline")
class ProposalDeclineView(ObjectActionView):
    model = Proposal
    form_class = forms.DeclineProposalForm
    service = staticmethod(services.proposal_decline)
    title = gettext_lazy("Do not accept")
    submit_class = "btn-outline-danger"
    success_message = gettext_lazy("The proposal is not accepted; the reason is recorded.")


@register_model_view(Proposal, "handle")
class ProposalHandleView(ObjectActionView):
    model = Proposal
    form_class = forms.HandleProposalForm
    service = staticmethod(services.proposal_handle)
    title = gettext_lazy("Record the reply")
    success_message = gettext_lazy("The proposal is handled.")


# --- star evaluations -----------------------------------------------------------------------


def _evaluation_context(self, **kwargs):
    ctx = super(EVALUATION_PAGES[""], self).get_context_data(**kwargs)
    ctx["scores"] = selectors.evaluation_scores(evaluation=self.object)
    ctx["is_draft"] = self.object.status == EvaluationStatus.DRAFT
    ctx["can_evaluate"] = self.request.user.has_perm("congress.evaluate_congress")
    return ctx


EVALUATION_PAGES[""].get_context_data = _evaluation_context


@register_model_view(StarEvaluation, "score")
class EvaluationScoreView(ObjectActionView):
    model = StarEvaluation
    permission_required = "congress.evaluate_congress"
    form_class = forms.ScoreForm
    service = staticmethod(services.evaluation_score)
    title = gettext_lazy("Score the evaluation")
    submit_label = gettext_lazy("Save the scores")
    success_message = gettext_lazy("Scores saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["evaluation"] = self.get_object()
        return kwargs

    def run(self, form):
        return type(self).service(
            actor=self.request.user, evaluation=self.get_object(), **form.service_data()
        )


@register_model_view(StarEvaluation, "finalize")
class EvaluationFinalizeView(ObjectActionView):
    model = StarEvaluation
    permission_required = "congress.evaluate_congress"
    service = staticmethod(services.evaluation_finalize)
    title = gettext_lazy("Make the evaluation final")
    submit_label = gettext_lazy("Make final")
    success_message = gettext_lazy("The evaluation is final; its stars are the rating in force.")

    def run(self, form):
        return type(self).service(actor=self.request.user, evaluation=self.get_object())
