"""Pages of the points system: declarative record views for the union, the programme page
with charts and leaderboards, the review queue, and the employee's phone page."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views import generic

from unionhub.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedMixin,
    _add_errors,
)
from unionhub.points import charts, selectors, services
from unionhub.points.choices import LeaderboardPeriod, SubmissionStatus, SuggestionStatus
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
    BatchAwardForm,
    DepartmentForm,
    MobileSubmissionForm,
    PointItemForm,
    PointsAccountForm,
    ProgrammeForm,
    ReviewForm,
    RewardForm,
    RulesVersionForm,
    SuggestionForm,
)
from unionhub.points.models import (
    EVIDENCE_CONTENT_TYPES,
    Department,
    LedgerEntry,
    PointItem,
    PointsAccount,
    Programme,
    Redemption,
    Reward,
    Submission,
    Suggestion,
    evidence_extension,
)


def _errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# --- programmes ---------------------------------------------------------------------------


class ProgrammeListView(ObjectListView):
    model = Programme
    filterset_class = ProgrammeFilterSet
    select_related = ("union",)
    columns = [("name", _l("Name")), ("union", _l("Union")), ("is_active", _l("Active"))]
    sortable = ("name",)
    default_ordering = ("union__path", "name")


class ProgrammeView(ObjectDetailView):
    model = Programme
    template_name = "points/programme.html"
    select_related = ("union",)
    fields = ["union", "name", "slogan", "expiry_policy", "expiry_years", "is_active"]

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


class ProgrammeEditView(ObjectEditView):
    model = Programme
    form_class = ProgrammeForm

    def save(self, form):
        if form.instance.pk:
            return services.programme_update(
                actor=self.request.user, programme=form.instance, **form.cleaned_data
            )
        return services.programme_create(actor=self.request.user, **form.cleaned_data)


class ProgrammeActionMixin(ScopedMixin):
    """A page about one programme (``<pk>``): 404 outside the scope."""

    model = Programme
    action_permission = "points.change_programme"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.programme = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        if not request.user.has_perm(self.action_permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RulesVersionAddView(ProgrammeActionMixin, generic.FormView):
    template_name = "points/form.html"
    form_class = RulesVersionForm
    action_permission = "points.add_rulesversion"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.rules_version_add(
                programme=self.programme,
                title=data["title"],
                effective_from=data["effective_from"],
                document=data.get("document"),
                summary=data.get("summary", ""),
                actor=self.request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The rules document was updated."))
        return HttpResponseRedirect(reverse("points:programme", args=[self.programme.pk]))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(programme=self.programme, title=_("New version of the rules"))
        return ctx


class BatchAwardView(ProgrammeActionMixin, generic.FormView):
    template_name = "points/form.html"
    form_class = BatchAwardForm
    action_permission = "points.award_points"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.programme}

    def get_initial(self):
        return {"occurred_on": timezone.localdate()}

    def form_valid(self, form):
        data = form.cleaned_data
        when = timezone.make_aware(
            timezone.datetime.combine(
                data["occurred_on"], timezone.datetime.min.time().replace(hour=9)
            )
        )
        try:
            entries = services.award_batch(
                programme=self.programme,
                item=data["item"],
                participants=services.parse_participants(data["participants"]),
                points=data["points"],
                actor=self.request.user,
                activity=data["activity"],
                occurred_at=min(when, timezone.now()),
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(n)d participants were awarded points.") % {"n": len(entries)}
        )
        return HttpResponseRedirect(reverse("points:programme", args=[self.programme.pk]))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(programme=self.programme, title=_("Batch award for an activity"))
        return ctx


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


class PointItemListView(ObjectListView):
    model = PointItem
    filterset_class = PointItemFilterSet
    select_related = ("programme__union", "category")
    columns = [
        ("name", _l("Name")),
        ("category", _l("Category")),
        ("points_label", _l("Points")),
        ("cap_count", _l("Cap")),
        ("get_cap_period_display", _l("Cap period")),
        ("get_evidence_display", _l("Evidence")),
        ("programme", _l("Programme")),
    ]
    default_ordering = ("programme", "order")


class PointItemView(ObjectDetailView):
    model = PointItem
    fields = [
        "programme",
        "category",
        "code",
        "name",
        "points_min",
        "points_max",
        "cap_count",
        "cap_period",
        "evidence",
        "description",
        "is_active",
    ]


class PointItemEditView(ObjectEditView):
    model = PointItem
    form_class = PointItemForm

    def save(self, form):
        if form.instance.pk:
            return services.pointitem_update(
                actor=self.request.user, item=form.instance, **form.cleaned_data
            )
        return services.pointitem_create(actor=self.request.user, **form.cleaned_data)


class RewardListView(ObjectListView):
    model = Reward
    filterset_class = RewardFilterSet
    select_related = ("programme__union",)
    columns = [
        ("name", _l("Name")),
        ("cost", _l("Cost (points)")),
        ("stock", _l("Stock")),
        ("per_person_limit", _l("Limit per person")),
        ("programme", _l("Programme")),
    ]
    sortable = ("cost", "stock")
    default_ordering = ("programme", "cost")


class RewardView(ObjectDetailView):
    model = Reward
    fields = ["programme", "name", "description", "cost", "stock", "per_person_limit", "is_active"]


class RewardEditView(ObjectEditView):
    model = Reward
    form_class = RewardForm

    def save(self, form):
        if form.instance.pk:
            return services.reward_update(
                actor=self.request.user, reward=form.instance, **form.cleaned_data
            )
        return services.reward_create(actor=self.request.user, **form.cleaned_data)


class PointsAccountListView(ObjectListView):
    model = PointsAccount
    filterset_class = PointsAccountFilterSet
    select_related = ("user", "department", "programme__union")
    columns = [
        ("user", _l("Employee")),
        ("employee_no", _l("Employee number")),
        ("department", _l("Department")),
        ("balance", _l("Balance")),
        ("programme", _l("Programme")),
    ]
    sortable = ("balance", "employee_no")
    default_ordering = ("programme", "employee_no", "pk")


class PointsAccountView(ObjectDetailView):
    model = PointsAccount
    template_name = "points/pointsaccount.html"
    select_related = ("user", "department", "programme__union")
    fields = ["programme", "user", "employee_no", "department", "balance"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["entries"] = selectors.account_statement(account=self.object)[:100]
        ctx["can_adjust"] = self.request.user.has_perm("points.award_points")
        return ctx

    def post(self, request, *args, **kwargs):
        """A manual adjustment with a reason (积分调整), by someone allowed to award points."""
        account = self.get_object()
        if not request.user.has_perm("points.award_points"):
            raise PermissionDenied
        try:
            services.entry_adjust(
                actor=request.user,
                account=account,
                points=_int(request.POST.get("points"), 0),
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("Saved."))
        except ValidationError as exc:
            _errors(request, exc)
        return HttpResponseRedirect(reverse("points:pointsaccount", args=[account.pk]))


class DepartmentListView(ObjectListView):
    model = Department
    select_related = ("programme__union",)
    columns = [("name", _l("Name")), ("programme", _l("Programme"))]
    default_ordering = ("programme", "name")


class DepartmentView(ObjectDetailView):
    model = Department
    fields = ["programme", "name"]


class DepartmentEditView(ObjectEditView):
    model = Department
    form_class = DepartmentForm

    def save(self, form):
        if form.instance.pk:
            return services.department_update(
                actor=self.request.user, department=form.instance, **form.cleaned_data
            )
        return services.department_create(actor=self.request.user, **form.cleaned_data)


class PointsAccountEditView(ObjectEditView):
    model = PointsAccount
    form_class = PointsAccountForm

    def save(self, form):
        if form.instance.pk:
            return services.account_update(
                actor=self.request.user, account=form.instance, **form.cleaned_data
            )
        return services.account_open(actor=self.request.user, **form.cleaned_data)


# --- ledger -------------------------------------------------------------------------------


class LedgerEntryListView(ObjectListView):
    model = LedgerEntry
    filterset_class = LedgerEntryFilterSet
    select_related = ("account__user", "item")
    columns = [
        ("occurred_at", _l("Occurred at")),
        ("account", _l("Points account")),
        ("get_kind_display", _l("Kind")),
        ("points", _l("Points")),
        ("balance_after", _l("Balance after")),
        ("reason", _l("Reason")),
    ]
    default_ordering = ("-occurred_at", "-pk")


class LedgerEntryView(ObjectDetailView):
    model = LedgerEntry
    template_name = "points/ledgerentry.html"
    select_related = ("account__user", "item", "actor")
    fields = [
        "account",
        "kind",
        "points",
        "balance_after",
        "reason",
        "actor",
        "item",
        "reference",
        "occurred_at",
        "created_at",
        "idempotency_key",
        "reverses",
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_change"] = ctx["can_delete"] = False  # append-only
        ctx["can_reverse"] = self.request.user.has_perm("points.award_points")
        return ctx

    def post(self, request, *args, **kwargs):
        entry = self.get_object()
        if not request.user.has_perm("points.award_points"):
            raise PermissionDenied
        try:
            services.entry_reverse(
                entry=entry, reason=request.POST.get("reason", ""), actor=request.user
            )
            messages.success(request, _("The entry was reversed by a new entry."))
        except ValidationError as exc:
            _errors(request, exc)
        return HttpResponseRedirect(reverse("points:ledgerentry", args=[entry.pk]))


# --- submissions and review -------------------------------------------------------------


class SubmissionListView(ObjectListView):
    model = Submission
    filterset_class = SubmissionFilterSet
    select_related = ("account__user", "item", "reviewed_by")
    columns = [
        ("item", _l("Point item")),
        ("account", _l("Employee")),
        ("occurred_at", _l("Occurred at")),
        ("get_status_display", _l("Status")),
        ("points", _l("Points awarded")),
        ("reviewed_by", _l("Reviewed by")),
    ]
    default_ordering = ("-occurred_at", "-pk")
    sortable = ("occurred_at",)


class ReviewQueueView(SubmissionListView):
    template_name = "points/review_queue.html"
    permission_required = "points.review_submission"

    def get_queryset(self):
        return super().get_queryset().filter(status=SubmissionStatus.PENDING)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        from unionhub.points.models import Appeal

        ctx["verbose_name_plural"] = _("Review queue")
        ctx["appeals"] = (
            Appeal.objects.visible_to(self.request.user)
            .filter(status="pending")
            .select_related("submission__account__user", "submission__item")[:50]
        )
        return ctx


class SubmissionView(ObjectDetailView):
    """A submission; reviewers approve or reject it here, the employee appeals a rejection,
    and a second reviewer decides the appeal."""

    model = Submission
    template_name = "points/submission.html"
    select_related = ("account__user", "item", "reviewed_by")
    fields = [
        "account",
        "item",
        "description",
        "occurred_at",
        "status",
        "points",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    ]

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

    def post(self, request, *args, **kwargs):
        sub = self.get_object()
        action = request.POST.get("action")
        form = ReviewForm(request.POST)
        form.is_valid()
        points = form.cleaned_data.get("points")
        note = form.cleaned_data.get("note", "") or ""
        try:
            if action in {"approve", "reject", "uphold", "dismiss"}:
                if not request.user.has_perm("points.review_submission"):
                    raise PermissionDenied
            if action == "approve":
                approved = services.submission_approve(
                    actor=request.user, submission=sub, points=points, note=note
                )
                # A fixed item's points come from the item, not the form.
                messages.success(
                    request, _("Approved: %(n)s points awarded.") % {"n": approved.points}
                )
            elif action == "reject":
                services.submission_reject(actor=request.user, submission=sub, reason=note)
                messages.success(request, _("Rejected."))
            elif action == "appeal":
                if sub.account.user_id != request.user.pk:
                    raise PermissionDenied
                services.appeal_create(
                    submission=sub, reason=request.POST.get("reason", ""), actor=request.user
                )
                messages.success(request, _("Your appeal was filed."))
            elif action in {"uphold", "dismiss"}:
                services.appeal_decide(
                    appeal=sub.appeal,
                    uphold=action == "uphold",
                    actor=request.user,
                    points=points,
                    note=note,
                )
                messages.success(request, _("The appeal was decided."))
        except ValidationError as exc:
            _errors(request, exc)
        nxt = request.POST.get("next", "")
        if nxt.startswith("/") and not nxt.startswith("//"):
            return HttpResponseRedirect(nxt)
        return HttpResponseRedirect(reverse("points:submission", args=[sub.pk]))


class SubmissionEvidenceView(ScopedMixin, generic.View):
    """The evidence file of a submission, for whoever may see the submission (the employee,
    the union's reviewers): uploads are never served from a public media URL."""

    model = Submission

    def get(self, request, pk: int):
        sub = get_object_or_404(self.get_queryset(), pk=pk)
        if not sub.photo or not sub.photo.storage.exists(sub.photo.name):
            raise Http404
        ext = evidence_extension(sub.photo.name)
        content_type = EVIDENCE_CONTENT_TYPES.get(ext)
        response = FileResponse(
            sub.photo.open("rb"),
            content_type=content_type or "application/octet-stream",
            as_attachment=content_type is None,  # old uploads of other types: download only
            filename=f"evidence-{sub.pk}.{ext}" if ext else f"evidence-{sub.pk}",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


# --- redemptions ------------------------------------------------------------------------


class RedemptionListView(ObjectListView):
    model = Redemption
    filterset_class = RedemptionFilterSet
    select_related = ("account__user", "reward")
    columns = [
        ("reward", _l("Reward")),
        ("account", _l("Employee")),
        ("quantity", _l("Quantity")),
        ("points", _l("Points")),
        ("get_status_display", _l("Status")),
        ("created_at", _l("Ordered at")),
    ]
    default_ordering = ("-pk",)


class RedemptionView(ObjectDetailView):
    model = Redemption
    template_name = "points/redemption.html"
    select_related = ("account__user", "reward")
    fields = [
        "account",
        "reward",
        "quantity",
        "points",
        "status",
        "handled_by",
        "handled_at",
        "note",
    ]

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

    def post(self, request, *args, **kwargs):
        order = self.get_object()
        action = request.POST.get("action")
        staff = request.user.has_perm("points.change_redemption")
        try:
            if action == "fulfil" and staff:
                services.redemption_fulfil(
                    order=order, actor=request.user, note=request.POST.get("note", "")
                )
                messages.success(request, _("The order was fulfilled."))
            elif action == "cancel" and (staff or order.account.user_id == request.user.pk):
                services.redemption_cancel(
                    order=order, actor=request.user, note=request.POST.get("note", "")
                )
                messages.success(request, _("The order was cancelled and the points refunded."))
            else:
                raise PermissionDenied
        except ValidationError as exc:
            _errors(request, exc)
        return HttpResponseRedirect(reverse("points:redemption", args=[order.pk]))


# --- suggestions --------------------------------------------------------------------------


class SuggestionListView(ObjectListView):
    model = Suggestion
    filterset_class = SuggestionFilterSet
    select_related = ("account__user", "department")
    columns = [
        ("title", _l("Title")),
        ("account", _l("Proposer")),
        ("get_status_display", _l("Status")),
        ("estimated_benefit", _l("Estimated benefit (yuan)")),
        ("realized_benefit", _l("Realized benefit (yuan)")),
        ("department", _l("Realizing department")),
    ]
    sortable = ("submitted_on", "realized_benefit")
    default_ordering = ("-submitted_on", "-pk")


class SuggestionView(ObjectDetailView):
    model = Suggestion
    template_name = "points/suggestion.html"
    select_related = ("account__user", "department", "programme")
    fields = [
        "programme",
        "account",
        "title",
        "content",
        "submitted_on",
        "status",
        "estimated_benefit",
        "evaluation",
        "decided_on",
        "realized_benefit",
        "department",
        "implemented_on",
        "bonus_points",
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_change"] = ctx["can_delete"] = False
        ctx["can_handle"] = self.request.user.has_perm("points.change_suggestion")
        ctx["departments"] = self.object.programme.departments.all()
        ctx["S"] = SuggestionStatus
        return ctx

    def post(self, request, *args, **kwargs):
        s = self.get_object()
        if not request.user.has_perm("points.change_suggestion"):
            raise PermissionDenied
        action = request.POST.get("action")

        def money(name):
            try:
                return Decimal(request.POST.get(name, "").replace(",", "")).quantize(
                    Decimal("0.01")
                )
            except (InvalidOperation, ValueError) as exc:
                raise ValidationError(
                    {name: ValidationError(_("Enter an amount in yuan."), code="invalid_amount")}
                ) from exc

        try:
            if action == "evaluate":
                services.suggestion_evaluate(
                    suggestion=s,
                    estimated_benefit=money("estimated_benefit"),
                    evaluation=request.POST.get("evaluation", ""),
                    actor=request.user,
                )
            elif action in {"adopt", "reject"}:
                services.suggestion_decide(
                    suggestion=s, adopt=action == "adopt", actor=request.user
                )
            elif action == "implement":
                dept = s.programme.departments.filter(
                    pk=_int(request.POST.get("department"))
                ).first()
                services.suggestion_implement(
                    suggestion=s,
                    realized_benefit=money("realized_benefit"),
                    department=dept,
                    actor=request.user,
                )
            messages.success(request, _("Saved."))
        except ValidationError as exc:
            _errors(request, exc)
        return HttpResponseRedirect(reverse("points:suggestion", args=[s.pk]))


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
