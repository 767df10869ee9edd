"""Pages of the points system: declarative record views for the union (registered per
model, URLs generated), the programme page with charts and leaderboards, the review queue,
one action view per workflow step, and the employee's phone page."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import generic

from unionhub.core import bulk
from unionhub.core.files import protected_file_response
from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectFileView,
    ObjectListView,
    ScopedMixin,
    _add_errors,
)
from unionhub.points import charts, selectors, services
from unionhub.points.choices import LeaderboardPeriod, SubmissionStatus, SuggestionStatus
from unionhub.points.fields import (
    DEPARTMENT_FIELDS,
    LEDGERENTRY_FIELDS,
    POINTITEM_FIELDS,
    POINTSACCOUNT_FIELDS,
    POINTSACCOUNT_READONLY,
    PROGRAMME_FIELDS,
    REDEMPTION_FIELDS,
    REWARD_FIELDS,
    SUBMISSION_FIELDS,
    SUGGESTION_FIELDS,
    export_columns,
)
from unionhub.points.filtersets import (
    LedgerEntryFilterSet,
    PointItemFilterSet,
    PointsAccountFilterSet,
    ProgrammeFilterSet,
    RedemptionFilterSet,
    RewardFilterSet,
    SubmissionFilterSet,
    SuggestionFilterSet,
)
from unionhub.points.forms import (
    AdjustForm,
    AppealDecisionForm,
    AppealForm,
    ApproveForm,
    BatchAwardForm,
    DepartmentForm,
    MobileSubmissionForm,
    NoteForm,
    PointItemForm,
    PointsAccountForm,
    ProgrammeForm,
    RejectForm,
    ReverseForm,
    ReviewForm,
    RewardForm,
    RulesVersionForm,
    SuggestionDecideForm,
    SuggestionEvaluateForm,
    SuggestionForm,
    SuggestionImplementForm,
)
from unionhub.points.models import (
    Appeal,
    Department,
    LedgerEntry,
    PointItem,
    PointsAccount,
    Programme,
    Redemption,
    Reward,
    RulesVersion,
    Submission,
    Suggestion,
)


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class PointsActionView(ObjectActionView):
    """An action of the points workflow: after it, back to the page it came from when that
    page is ours (the review queue), else to the record."""

    def get_success_url(self):
        nxt = self.request.POST.get("next", "")
        if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={self.request.get_host()}):
            return nxt
        return super().get_success_url()


# --- programmes ---------------------------------------------------------------------------


class ProgrammeListView(ObjectListView):
    model = Programme
    filterset_class = ProgrammeFilterSet
    select_related = ("union",)
    columns = [
        ("name", gettext_lazy("Name")),
        ("union", gettext_lazy("Union")),
        ("is_active", gettext_lazy("Active")),
    ]
    sortable = ("name",)
    default_ordering = ("union__path", "name")
    export_columns = export_columns(Programme, PROGRAMME_FIELDS)


# The list lives at the module's root (/points/), so it is a page; its export is registered.
register_model_view(Programme, "export", kwargs={"export": True})(ProgrammeListView)


@register_model_view(Programme)
class ProgrammeView(ObjectDetailView):
    model = Programme
    template_name = "points/programme.html"
    select_related = ("union",)
    fields = list(PROGRAMME_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        programme = self.object
        year = _int(self.request.GET.get("year"), timezone.localdate().year)
        period = self.request.GET.get("period", LeaderboardPeriod.YEAR)
        if period not in LeaderboardPeriod.values:
            period = LeaderboardPeriod.YEAR
        stats = selectors.programme_stats(programme=programme, year=year)
        ctx.update(
            stats=stats,
            period=period,
            periods=LeaderboardPeriod.choices,
            people_board=selectors.leaderboard(programme=programme, period=period, by="person"),
            dept_board=selectors.leaderboard(programme=programme, period=period, by="department"),
            items=programme.items.select_related("category").order_by("category__order", "order"),
            rewards=programme.rewards.order_by("cost"),
            rules=programme.rules_versions.order_by("-version"),
            tiers=programme.benefit_tiers.order_by("min_benefit"),
            monthly_chart=charts.monthly(stats),
            item_chart=charts.by_item(stats),
            can_award=self.request.user.has_perm("points.award_points"),
        )
        return ctx


@register_model_view(Programme, "add")
@register_model_view(Programme, "edit")
class ProgrammeEditView(ObjectEditView):
    model = Programme
    form_class = ProgrammeForm
    services = ModelServices(create=services.programme_create, update=services.programme_update)


class RulesVersionAddView(ObjectActionView):
    """A new version of the programme's rules document (a page: its URL name predates the
    per-model registration)."""

    model = Programme
    form_class = RulesVersionForm
    permission_required = "points.add_rulesversion"
    service = staticmethod(services.rules_version_add)
    success_message = gettext_lazy("The rules document was updated.")
    title = gettext_lazy("New version of the rules")
    submit_label = gettext_lazy("Save")


class BatchAwardView(ObjectActionView):
    """Attendance points for everyone on a pasted participant list (a page, like the rules)."""

    model = Programme
    form_class = BatchAwardForm
    permission_required = "points.award_points"
    service = staticmethod(services.award_batch)
    title = gettext_lazy("Batch award for an activity")
    submit_label = gettext_lazy("Award")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.get_object()}

    def get_initial(self):
        return {"occurred_on": timezone.localdate()}

    def service_data(self, form):
        data = form.cleaned_data
        when = timezone.make_aware(
            timezone.datetime.combine(
                data["occurred_on"], timezone.datetime.min.time().replace(hour=9)
            )
        )
        return {
            "item": data["item"],
            "participants": services.parse_participants(data["participants"]),
            "points": data["points"],
            "activity": data["activity"],
            "occurred_at": min(when, timezone.now()),
        }

    def run(self, form):
        entries = super().run(form)
        self.success_message = _("%(n)d participants were awarded points.") % {"n": len(entries)}
        return entries


class RollupView(ScopedMixin, generic.TemplateView):
    """City and county roll-up of every programme in the user's scope."""

    model = Programme
    template_name = "points/rollup.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = _int(self.request.GET.get("year"), timezone.localdate().year)
        rows = selectors.rollup(user=self.request.user, year=year)
        ctx.update(
            year=year,
            rows=rows,
            totals={
                k: sum(r[k] for r in rows)
                for k in ("programmes", "accounts", "person_times", "participants", "points")
            }
            | {"benefit": sum((r["benefit"] for r in rows), Decimal("0.00"))},
            chart=charts.rollup(rows),
        )
        return ctx


# --- catalogue, rewards, accounts -----------------------------------------------------


@register_model_view(PointItem, "list")
class PointItemListView(ObjectListView):
    model = PointItem
    filterset_class = PointItemFilterSet
    select_related = ("programme__union", "category")
    columns = [
        ("name", gettext_lazy("Name")),
        ("category", gettext_lazy("Category")),
        ("points_label", gettext_lazy("Points")),
        ("cap_count", gettext_lazy("Cap")),
        ("get_cap_period_display", gettext_lazy("Cap period")),
        ("get_evidence_display", gettext_lazy("Evidence")),
        ("programme", gettext_lazy("Programme")),
    ]
    default_ordering = ("programme", "order")
    export_columns = export_columns(PointItem, POINTITEM_FIELDS)


@register_model_view(PointItem)
class PointItemView(ObjectDetailView):
    model = PointItem
    fields = [f for f in POINTITEM_FIELDS if f != "order"]


@register_model_view(PointItem, "add")
@register_model_view(PointItem, "edit")
class PointItemEditView(ObjectEditView):
    model = PointItem
    form_class = PointItemForm
    services = ModelServices(
        create=services.pointitem_create, update=services.pointitem_update, instance_arg="item"
    )


@register_model_view(Reward, "list")
class RewardListView(ObjectListView):
    model = Reward
    filterset_class = RewardFilterSet
    select_related = ("programme__union",)
    columns = [
        ("name", gettext_lazy("Name")),
        ("cost", gettext_lazy("Cost (points)")),
        ("stock", gettext_lazy("Stock")),
        ("per_person_limit", gettext_lazy("Limit per person")),
        ("programme", gettext_lazy("Programme")),
    ]
    sortable = ("cost", "stock")
    default_ordering = ("programme", "cost")
    export_columns = export_columns(Reward, REWARD_FIELDS)


@register_model_view(Reward)
class RewardView(ObjectDetailView):
    model = Reward
    fields = list(REWARD_FIELDS)


@register_model_view(Reward, "add")
@register_model_view(Reward, "edit")
class RewardEditView(ObjectEditView):
    model = Reward
    form_class = RewardForm
    services = ModelServices(create=services.reward_create, update=services.reward_update)


@register_model_view(PointsAccount, "list")
class PointsAccountListView(ObjectListView):
    model = PointsAccount
    filterset_class = PointsAccountFilterSet
    select_related = ("user", "department", "programme__union")
    columns = [
        ("user", gettext_lazy("Employee")),
        ("employee_no", gettext_lazy("Employee number")),
        ("department", gettext_lazy("Department")),
        ("balance", gettext_lazy("Balance")),
        ("programme", gettext_lazy("Programme")),
    ]
    sortable = ("balance", "employee_no")
    default_ordering = ("programme", "employee_no", "pk")
    export_columns = export_columns(
        PointsAccount, POINTSACCOUNT_FIELDS + POINTSACCOUNT_READONLY, totals=("balance",)
    )


@register_model_view(PointsAccount)
class PointsAccountView(ObjectDetailView):
    model = PointsAccount
    template_name = "points/pointsaccount.html"
    select_related = ("user", "department", "programme__union")
    fields = list(POINTSACCOUNT_FIELDS + POINTSACCOUNT_READONLY)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["entries"] = selectors.account_statement(account=self.object)[:100]
        ctx["can_adjust"] = self.request.user.has_perm("points.award_points")
        return ctx


@register_model_view(PointsAccount, "add")
@register_model_view(PointsAccount, "edit")
class PointsAccountEditView(ObjectEditView):
    model = PointsAccount
    form_class = PointsAccountForm
    services = ModelServices(
        create=services.account_open, update=services.account_update, instance_arg="account"
    )


@register_model_view(PointsAccount, "adjust")
class PointsAccountAdjustView(PointsActionView):
    """A manual adjustment with a reason (积分调整), by someone allowed to award points."""

    model = PointsAccount
    form_class = AdjustForm
    permission_required = "points.award_points"
    service = staticmethod(services.entry_adjust)
    instance_arg = "account"
    success_message = gettext_lazy("Saved.")
    title = gettext_lazy("Post an adjustment")


@register_model_view(Department, "list")
class DepartmentListView(ObjectListView):
    model = Department
    select_related = ("programme__union",)
    columns = [("name", gettext_lazy("Name")), ("programme", gettext_lazy("Programme"))]
    default_ordering = ("programme", "name")
    export_columns = export_columns(Department, DEPARTMENT_FIELDS)


@register_model_view(Department)
class DepartmentView(ObjectDetailView):
    model = Department
    fields = list(DEPARTMENT_FIELDS)


@register_model_view(Department, "add")
@register_model_view(Department, "edit")
class DepartmentEditView(ObjectEditView):
    model = Department
    form_class = DepartmentForm
    services = ModelServices(create=services.department_create, update=services.department_update)


# --- ledger -------------------------------------------------------------------------------


@register_model_view(LedgerEntry, "list")
class LedgerEntryListView(ObjectListView):
    model = LedgerEntry
    filterset_class = LedgerEntryFilterSet
    select_related = ("account__user", "item")
    columns = [
        ("occurred_at", gettext_lazy("Occurred at")),
        ("account", gettext_lazy("Points account")),
        ("get_kind_display", gettext_lazy("Kind")),
        ("points", gettext_lazy("Points")),
        ("balance_after", gettext_lazy("Balance after")),
        ("reason", gettext_lazy("Reason")),
    ]
    default_ordering = ("-occurred_at", "-pk")
    export_columns = export_columns(
        LedgerEntry,
        tuple(f for f in LEDGERENTRY_FIELDS if f != "idempotency_key"),
        totals=("points",),
    )


@register_model_view(LedgerEntry)
class LedgerEntryView(ObjectDetailView):
    model = LedgerEntry
    template_name = "points/ledgerentry.html"
    select_related = ("account__user", "item", "actor")
    fields = list(LEDGERENTRY_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_change"] = ctx["can_delete"] = False  # append-only
        ctx["can_reverse"] = self.request.user.has_perm("points.award_points")
        return ctx


@register_model_view(LedgerEntry, "reverse")
class LedgerEntryReverseView(PointsActionView):
    """Correct an entry by a reversal entry (the original stays)."""

    model = LedgerEntry
    form_class = ReverseForm
    permission_required = "points.award_points"
    service = staticmethod(services.entry_reverse)
    instance_arg = "entry"
    success_message = gettext_lazy("The entry was reversed by a new entry.")
    title = gettext_lazy("Reverse this entry")
    submit_class = "btn-danger"

    def get_success_url(self):
        return reverse("points:ledgerentry", args=[self.get_object().pk])


# --- submissions and review -------------------------------------------------------------


@register_model_view(Submission, "list")
class SubmissionListView(ObjectListView):
    model = Submission
    filterset_class = SubmissionFilterSet
    select_related = ("account__user", "item", "reviewed_by")
    columns = [
        ("item", gettext_lazy("Point item")),
        ("account", gettext_lazy("Employee")),
        ("occurred_at", gettext_lazy("Occurred at")),
        ("get_status_display", gettext_lazy("Status")),
        ("points", gettext_lazy("Points awarded")),
        ("reviewed_by", gettext_lazy("Reviewed by")),
    ]
    default_ordering = ("-occurred_at", "-pk")
    sortable = ("occurred_at",)
    export_columns = export_columns(Submission, SUBMISSION_FIELDS, totals=("points",))


def _approve_each(request, queryset, data):
    """批量通过: each submission through the review service (own claims, range items
    without a fixed value and caps are refused one by one, with the reason)."""
    return bulk.run_each(
        queryset.select_related("account__user", "item"),
        lambda sub: services.submission_approve(actor=request.user, submission=sub, points=None),
    )


def next_pending(user, after=None):
    """The next submission waiting for ``user``'s review (oldest first), for 下一条."""
    queue = (
        Submission.objects.visible_to(user)
        .filter(status=SubmissionStatus.PENDING)
        .exclude(account__user=user)
        .order_by("created_at", "pk")
    )
    if after is not None:
        queue = queue.exclude(pk=after.pk)
    return queue.first()


class ReviewQueueView(SubmissionListView):
    """待审核: oldest first, with what was claimed, the review deadline and a 超期 flag;
    reviewers approve ticked rows in one go (batch approve)."""

    template_name = "points/review_queue.html"
    permission_required = "points.review_submission"
    default_ordering = ("created_at", "pk")
    columns = [
        ("item", gettext_lazy("Point item")),
        ("account", gettext_lazy("Employee")),
        ("description", gettext_lazy("Description")),
        ("occurred_at", gettext_lazy("Occurred at")),
        ("review_due", gettext_lazy("Review by")),
        ("review_overdue", pgettext_lazy("review deadline", "Overdue")),
    ]
    bulk_actions = [
        bulk.BulkAction(
            key="approve",
            label=gettext_lazy("Approve the ticked submissions"),
            permission="points.review_submission",
            run=_approve_each,
            done_message=gettext_lazy("%(n)d submissions approved."),
        )
    ]

    def get_queryset(self):
        return super().get_queryset().filter(status=SubmissionStatus.PENDING)

    def get_context_data(self, **kwargs):
        from unionhub.core.todo.dates import period_end
        from unionhub.points.todos import REVIEW_DAYS

        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for sub in ctx["object_list"]:
            # the same deadline as the reviewer's to-do item (points/todos.py)
            sub.review_due = period_end(timezone.localdate(sub.created_at), REVIEW_DAYS)
            sub.review_overdue = sub.review_due < today
            sub.description = (sub.description or "")[:60]
        ctx["verbose_name_plural"] = _("Review queue")
        ctx["appeals"] = (
            Appeal.objects.visible_to(self.request.user)
            .filter(status="pending")
            .select_related("submission__account__user", "submission__item")[:50]
        )
        return ctx


@register_model_view(Submission)
class SubmissionView(ObjectDetailView):
    """A submission; reviewers approve or reject it here, the employee appeals a rejection,
    and a second reviewer decides the appeal (each through its action view)."""

    model = Submission
    template_name = "points/submission.html"
    select_related = ("account__user", "item", "reviewed_by")
    fields = list(SUBMISSION_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        sub = self.object
        user = self.request.user
        ctx["can_change"] = ctx["can_delete"] = False
        ctx["review_form"] = ReviewForm(initial={"points": sub.item.points_min})
        ctx["can_review"] = sub.status == SubmissionStatus.PENDING and user.has_perm(
            "points.review_submission"
        )
        ctx["appeal"] = getattr(sub, "appeal", None) if hasattr(sub, "appeal") else None
        ctx["can_appeal"] = (
            sub.status == SubmissionStatus.REJECTED
            and ctx["appeal"] is None
            and sub.account.user_id == user.pk
        )
        ctx["can_decide"] = (
            ctx["appeal"] is not None
            and ctx["appeal"].status == "pending"
            and user.has_perm("points.review_submission")
        )
        return ctx


class ReviewActionView(PointsActionView):
    """After a decision the reviewer goes on to the next submission waiting (下一条), or
    back to the queue when none is left."""

    model = Submission
    permission_required = "points.review_submission"
    select_related = ("account__user", "item")

    def get_success_url(self):
        if self.request.POST.get("then") == "next":
            following = next_pending(self.request.user, after=self.get_object())
            if following is None:
                return reverse("points:review_queue")
            return reverse("points:submission", args=[following.pk])
        return super().get_success_url()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["offer_next"] = True  # "通过并下一条"
        return ctx


@register_model_view(Submission, "approve")
class SubmissionApproveView(ReviewActionView):
    form_class = ApproveForm
    service = staticmethod(services.submission_approve)
    title = pgettext_lazy("points review", "Approve")
    submit_label = pgettext_lazy("points review", "Approve")

    def run(self, form):
        approved = super().run(form)
        # A fixed item's points come from the item, not the form.
        self.success_message = _("Approved: %(n)s points awarded.") % {"n": approved.points}
        return approved


@register_model_view(Submission, "reject")
class SubmissionRejectView(ReviewActionView):
    form_class = RejectForm
    service = staticmethod(services.submission_reject)
    success_message = gettext_lazy("Rejected.")
    title = gettext_lazy("Reject")
    submit_class = "btn-danger"

    def service_data(self, form):
        return {"reason": form.cleaned_data["note"]}


@register_model_view(Submission, "appeal")
class SubmissionAppealView(PointsActionView):
    """The employee's one appeal against a rejection (the service checks it is theirs)."""

    model = Submission
    form_class = AppealForm
    permission_required = "points.add_appeal"
    service = staticmethod(services.appeal_create)
    success_message = gettext_lazy("Your appeal was filed.")
    title = gettext_lazy("Appeal")


@register_model_view(Submission, "decide")
class SubmissionDecideAppealView(ReviewActionView):
    """A second reviewer upholds (awarding the points) or dismisses the appeal."""

    form_class = AppealDecisionForm
    service = staticmethod(services.submission_decide_appeal)
    success_message = gettext_lazy("The appeal was decided.")
    title = gettext_lazy("Decide the appeal")

    def service_data(self, form):
        data = form.cleaned_data
        return {
            "uphold": data["decision"] == "uphold",
            "points": data.get("points"),
            "note": data.get("note") or "",
        }


@register_model_view(Submission, "evidence")
class SubmissionEvidenceView(ObjectFileView):
    """The evidence file of a submission, for whoever may see the submission (the employee,
    the union's reviewers): uploads are never served from a public media URL."""

    model = Submission
    file_field = "photo"

    def file_stem(self, obj) -> str:
        return f"evidence-{obj.pk}"


def evidence_response(sub: Submission) -> FileResponse:
    """The evidence file of ``sub`` (already checked visible to the caller): the page above
    and the API's ``submissions/{id}/evidence/`` (session or token) serve it the same way."""
    return protected_file_response(sub.photo, stem=f"evidence-{sub.pk}")


@register_model_view(RulesVersion, "document")
class RulesDocumentView(ObjectFileView):
    """A version of the rules document, for whoever may see the programme's page."""

    model = RulesVersion
    file_field = "document"
    permission_required = "points.view_programme"


# --- redemptions ------------------------------------------------------------------------


@register_model_view(Redemption, "list")
class RedemptionListView(ObjectListView):
    model = Redemption
    filterset_class = RedemptionFilterSet
    select_related = ("account__user", "reward")
    columns = [
        ("reward", gettext_lazy("Reward")),
        ("account", gettext_lazy("Employee")),
        ("quantity", gettext_lazy("Quantity")),
        ("points", gettext_lazy("Points")),
        ("get_status_display", gettext_lazy("Status")),
        ("created_at", gettext_lazy("Ordered at")),
    ]
    default_ordering = ("-pk",)
    export_columns = export_columns(Redemption, REDEMPTION_FIELDS, totals=("quantity", "points"))


@register_model_view(Redemption)
class RedemptionView(ObjectDetailView):
    model = Redemption
    template_name = "points/redemption.html"
    select_related = ("account__user", "reward")
    fields = list(REDEMPTION_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_change"] = ctx["can_delete"] = False
        user = self.request.user
        pending = self.object.status == "pending"
        ctx["can_fulfil"] = pending and user.has_perm("points.change_redemption")
        ctx["can_cancel"] = pending and (
            user.has_perm("points.change_redemption") or self.object.account.user_id == user.pk
        )
        return ctx


@register_model_view(Redemption, "fulfil")
class RedemptionFulfilView(PointsActionView):
    model = Redemption
    form_class = NoteForm
    service = staticmethod(services.redemption_fulfil)
    instance_arg = "order"
    success_message = gettext_lazy("The order was fulfilled.")
    title = gettext_lazy("Mark fulfilled")


@register_model_view(Redemption, "cancel")
class RedemptionCancelView(PointsActionView):
    """Staff, or the employee who ordered (the service checks which)."""

    model = Redemption
    form_class = NoteForm
    permission_required = "points.view_redemption"
    service = staticmethod(services.redemption_cancel)
    instance_arg = "order"
    success_message = gettext_lazy("The order was cancelled and the points refunded.")
    title = gettext_lazy("Cancel and refund")
    submit_class = "btn-danger"


# --- suggestions --------------------------------------------------------------------------


@register_model_view(Suggestion, "list")
class SuggestionListView(ObjectListView):
    model = Suggestion
    filterset_class = SuggestionFilterSet
    select_related = ("account__user", "department")
    columns = [
        ("title", gettext_lazy("Title")),
        ("account", gettext_lazy("Proposer")),
        ("get_status_display", gettext_lazy("Status")),
        ("estimated_benefit", gettext_lazy("Estimated benefit (yuan)")),
        ("realized_benefit", gettext_lazy("Realized benefit (yuan)")),
        ("department", gettext_lazy("Realizing department")),
    ]
    sortable = ("submitted_on", "realized_benefit")
    default_ordering = ("-submitted_on", "-pk")
    export_columns = export_columns(
        Suggestion, tuple(f for f in SUGGESTION_FIELDS if f != "content")
    )


@register_model_view(Suggestion)
class SuggestionView(ObjectDetailView):
    model = Suggestion
    template_name = "points/suggestion.html"
    select_related = ("account__user", "department", "programme")
    fields = list(SUGGESTION_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_change"] = ctx["can_delete"] = False
        ctx["can_handle"] = self.request.user.has_perm("points.change_suggestion")
        ctx["departments"] = self.object.programme.departments.all()
        ctx["S"] = SuggestionStatus
        return ctx


class SuggestionActionView(PointsActionView):
    model = Suggestion
    success_message = gettext_lazy("Saved.")


@register_model_view(Suggestion, "evaluate")
class SuggestionEvaluateView(SuggestionActionView):
    form_class = SuggestionEvaluateForm
    service = staticmethod(services.suggestion_evaluate)
    title = gettext_lazy("Evaluate")


@register_model_view(Suggestion, "decide")
class SuggestionDecideView(SuggestionActionView):
    form_class = SuggestionDecideForm
    service = staticmethod(services.suggestion_decide)
    title = gettext_lazy("Adopt or reject")

    def service_data(self, form):
        return {"adopt": form.cleaned_data["decision"] == "adopt"}


@register_model_view(Suggestion, "implement")
class SuggestionImplementView(SuggestionActionView):
    form_class = SuggestionImplementForm
    service = staticmethod(services.suggestion_implement)
    title = gettext_lazy("Record implementation")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.get_object().programme}


# --- the employee's phone page ------------------------------------------------------------


class MobileView(LoginRequiredMixin, generic.TemplateView):
    """我的积分: balance, submit a claim with a photo, my claims, rewards and redemption,
    my suggestions and statement. Built for a 375-px phone screen."""

    model = Submission
    template_name = "points/mobile.html"

    def account(self):
        return selectors.account_for_user(
            user=self.request.user, programme_id=_int(self.request.GET.get("programme"))
        )

    def get_context_data(self, form=None, suggestion_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        account = self.account()
        ctx["account"] = account
        if account is not None:
            ctx["form"] = form or MobileSubmissionForm(
                items=selectors.items_for_account(account=account)
            )
            ctx["suggestion_form"] = suggestion_form or SuggestionForm()
            ctx["submissions"] = account.submissions.select_related("item").order_by("-pk")[:10]
            ctx["rewards"] = account.programme.rewards.filter(is_active=True).order_by("cost")
            ctx["orders"] = account.redemptions.select_related("reward").order_by("-pk")[:10]
            ctx["entries"] = account.entries.order_by("-occurred_at", "-pk")[:10]
            ctx["suggestions"] = account.suggestions.order_by("-pk")[:5]
        return ctx

    def post(self, request, *args, **kwargs):
        account = self.account()
        if account is None:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "submit":
                if not request.user.has_perm("points.add_submission"):
                    raise PermissionDenied
                form = MobileSubmissionForm(
                    request.POST, request.FILES, items=selectors.items_for_account(account=account)
                )
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                try:
                    services.submission_create(
                        account=account,
                        item=form.cleaned_data["item"],
                        description=form.cleaned_data["description"],
                        photo=form.cleaned_data.get("photo"),
                        actor=request.user,
                    )
                except ValidationError as exc:
                    # Keep what the employee typed; the reason shows under its field.
                    _add_errors(form, exc)
                    return self.render_to_response(self.get_context_data(form=form))
                messages.success(request, _("Submitted. The union will review it."))
            elif action == "redeem":
                if not request.user.has_perm("points.add_redemption"):
                    raise PermissionDenied
                reward = get_object_or_404(
                    Reward, pk=_int(request.POST.get("reward")), programme_id=account.programme_id
                )
                quantity = max(_int(request.POST.get("quantity"), 1), 1)
                if request.POST.get("confirm") != "1":
                    # Points are deducted only after the worker has seen what it costs.
                    cost = reward.cost * quantity
                    confirm = {
                        "reward": reward,
                        "quantity": quantity,
                        "cost": cost,
                        "balance_after": account.balance - cost,
                    }
                    return self.render_to_response(self.get_context_data(confirm_redeem=confirm))
                services.redemption_create(
                    account=account,
                    reward=reward,
                    quantity=_int(request.POST.get("quantity"), 1),
                    actor=request.user,
                )
                messages.success(request, _("Redeemed %(name)s.") % {"name": reward.name})
            elif action == "suggest":
                if not request.user.has_perm("points.add_suggestion"):
                    raise PermissionDenied
                form = SuggestionForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(suggestion_form=form))
                services.suggestion_submit(account=account, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Your suggestion was submitted."))
        except ValidationError as exc:
            _errors(request, exc)
        return HttpResponseRedirect(reverse("points:mobile"))
