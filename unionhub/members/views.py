from __future__ import annotations

import io

import segno
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django.views.decorators.cache import never_cache

from unionhub.core.orgtree import ListTree
from unionhub.core.services import ModelServices
from unionhub.core.throttling import throttled
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedMixin,
    _add_errors,
)
from unionhub.members import selectors, services
from unionhub.members.choices import ApplicationStatus, TransferStatus
from unionhub.members.fields import (
    JOINAPPLICATION_DETAIL_FIELDS,
    MEMBER_DETAIL_FIELDS,
    MEMBER_EXPORT_FIELDS,
    MEMBERTRANSFER_DETAIL_FIELDS,
)
from unionhub.members.filtersets import (
    JoinApplicationFilterSet,
    MemberFilterSet,
    MemberTransferFilterSet,
)
from unionhub.members.forms import (
    JoinForm,
    JoinStatusForm,
    MemberForm,
    MemberTransferForm,
    RejectForm,
)
from unionhub.members.models import (
    JoinApplication,
    Member,
    MemberTransfer,
    may_view_personal_data,
)
from unionhub.members.throttles import JoinApplyThrottle, JoinStatusThrottle


def _with_pii(objects, user):
    """Attach what this user may see of the ID number and phone to each row."""
    rows = list(objects)
    allowed = may_view_personal_data(user)
    for obj in rows:
        obj.id_number_display = obj.id_number if allowed else obj.id_number_masked
        obj.phone_display = obj.phone if allowed else obj.phone_masked
    return rows


class PiiListMixin:
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object_list"] = _with_pii(ctx["object_list"], self.request.user)
        return ctx


# --- members ------------------------------------------------------------------------------

MEMBER_SERVICES = ModelServices(
    create=services.member_create, update=services.member_update, delete=services.member_delete
)


@register_model_view(Member, "list")
class MemberListView(PiiListMixin, ObjectListView):
    """Member registry. The quick search matches a full ID number or phone through the
    keyed hash; the numbers are shown masked unless the user may view personal data. The
    Excel export (``export.xlsx``, generated) always masks them; clear values only through
    an approved, watermarked request (core/pii_exports.py, ``member_export``)."""

    model = Member
    export_title = _("Member registry")
    filterset_class = MemberFilterSet
    # the union tree on the left sets ``union`` (that union and the ones below it)
    tree = ListTree("org.OrgUnit", param="union", label=_("Union organisations"))
    template_name = "members/member_list.html"
    select_related = ("union", "employer")
    default_ordering = ("-joined_on", "-pk")
    sortable = ("name", "joined_on", "union__name")
    columns = [
        ("name", pgettext_lazy("person", "Name")),
        ("id_number_display", _("ID number")),
        ("phone_display", _("Mobile phone")),
        ("union", _("Union")),
        ("employer", _("Employer")),
        ("get_status_display", _("Status")),
        ("is_new_employment", _("New employment form")),
        ("get_key_group_display", _("Key group")),
        ("joined_on", _("Joined on")),
    ]

    def export_column_list(self) -> list:
        from unionhub.core.pii import mask_id_number, mask_phone

        return member_export_columns(
            id_value=lambda m: mask_id_number(m.id_number),
            phone_value=lambda m: mask_phone(m.phone),
        )


@register_model_view(Member)
class MemberDetailView(ObjectDetailView):
    model = Member
    template_name = "members/member_detail.html"
    select_related = ("union", "employer")
    fields = list(MEMBER_DETAIL_FIELDS)
    revealed = False

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        member = self.object
        allowed = may_view_personal_data(user)
        if not allowed:
            # Birth date is part of the ID number: shown as the year only.
            ctx["field_rows"] = [
                (
                    label,
                    f"{member.birth_date.year}"
                    if label == Member._meta.get_field("birth_date").verbose_name
                    and member.birth_date
                    else value,
                )
                for label, value in ctx["field_rows"]
            ]
        ctx["may_reveal"] = allowed
        ctx["revealed"] = self.revealed
        ctx["id_number_shown"] = member.id_number if self.revealed else member.id_number_masked
        ctx["phone_shown"] = member.phone if self.revealed else member.phone_masked
        ctx["transfers"] = member.transfers.select_related("from_union", "to_union").order_by(
            "-created_at"
        )
        ctx["can_transfer"] = user.has_perm("members.add_membertransfer")
        ctx["code_max_age_minutes"] = selectors.member_code_max_age() // 60
        return ctx


@register_model_view(Member, "reveal")
class MemberRevealView(ScopedMixin, generic.DetailView):
    """显示完整号码: shows the clear ID number and phone, and writes a reveal entry (an
    audited read, not a change of the member: no form, the detail page again). GET answers
    404 outside the scope (like every record URL) and 405 inside it."""

    model = Member
    permission_required = "accounts.view_personal_data"

    def get(self, request, *args, **kwargs):
        self.get_object()
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        member = self.get_object()
        values = services.member_reveal(actor=request.user, member=member)
        if getattr(request, "htmx", False):
            return render(request, "members/_pii_values.html", {"values": values, "revealed": True})
        view = MemberDetailView()
        view.setup(request, *args, **kwargs)
        view.revealed = True
        view.object = member
        return render(request, MemberDetailView.template_name, view.get_context_data(object=member))


@register_model_view(Member, "pdf", path="registration-form.pdf")
class MemberPdfView(ScopedMixin, generic.DetailView):
    """打印登记表: the member's registration form as a PDF (another county's → 404); the ID
    number and phone as the user may see them, and the printing is audited."""

    model = Member
    select_related = ("union", "employer")

    def get(self, request, *args, **kwargs):
        from unionhub.members import pdf

        member = self.get_object()
        document = pdf.registration_form_pdf(member, user=request.user)
        services.member_form_printed(actor=request.user, member=member)
        response = HttpResponse(document, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="member-{member.pk}.pdf"'
        response["Cache-Control"] = "no-store"
        return response


@register_model_view(Member, "add")
@register_model_view(Member, "edit")
class MemberEditView(ObjectEditView):
    model = Member
    form_class = MemberForm
    services = MEMBER_SERVICES


@register_model_view(Member, "delete")
class MemberDeleteView(ObjectDeleteView):
    model = Member
    services = MEMBER_SERVICES


@register_model_view(Member, "code", path="code.svg")
@method_decorator(never_cache, name="dispatch")
class MemberCodeView(ScopedMixin, generic.DetailView):
    """The member code: an SVG QR carrying a signed, expiring token (never the ID number)."""

    model = Member

    def get(self, request, *args, **kwargs):
        member = self.get_object()
        token = selectors.member_code_token(member=member)
        buffer = io.BytesIO()
        segno.make(token, error="m").save(buffer, kind="svg", scale=6, border=2)
        return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


class MemberDashboardView(ScopedMixin, generic.TemplateView):
    """Membership KPIs (scoped): members by region and union, new-employment-form members
    by key group, joins per month."""

    model = Member
    template_name = "members/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        list_url = reverse("members:member_list")
        totals = selectors.member_kpi_totals(user=user)
        by_county = selectors.member_count_by_county(user=user)
        by_union = selectors.member_count_by_union(user=user)
        by_group = selectors.member_count_by_key_group(user=user)
        by_month = selectors.member_joins_by_month(user=user)
        ctx.update(
            totals=totals,
            rates=selectors.enterprise_membership_rates(user=user),
            chart_county={
                "tooltip": {},
                "grid": {"left": 110, "right": 20, "top": 10, "bottom": 20},
                "xAxis": {"type": "value"},
                "yAxis": {
                    "type": "category",
                    "data": [r["region"].name for r in by_county],
                    "inverse": True,
                },
                "series": [
                    {
                        "type": "bar",
                        "data": [
                            {
                                "value": r["count"],
                                "url": f"{list_url}?region={r['region'].pk}&status=active",
                            }
                            for r in by_county
                        ],
                    }
                ],
            },
            chart_union={
                "tooltip": {},
                "grid": {"left": 200, "right": 20, "top": 10, "bottom": 20},
                "xAxis": {"type": "value"},
                "yAxis": {
                    "type": "category",
                    "data": [r["union__name"] for r in by_union],
                    "inverse": True,
                },
                "series": [
                    {
                        "type": "bar",
                        "data": [
                            {
                                "value": r["count"],
                                "url": f"{list_url}?union={r['union_id']}&status=active",
                            }
                            for r in by_union
                        ],
                    }
                ],
            },
            chart_group={
                "tooltip": {"trigger": "item"},
                "series": [
                    {
                        "type": "pie",
                        "radius": ["35%", "70%"],
                        "data": [
                            {
                                "name": str(r["label"]),
                                "value": r["count"],
                                "url": f"{list_url}?key_group={r['key_group']}&status=active",
                            }
                            for r in by_group
                            if r["count"]
                        ],
                    }
                ],
            },
            chart_month={
                "tooltip": {},
                "grid": {"left": 50, "right": 20, "top": 20, "bottom": 30},
                "xAxis": {"type": "category", "data": [r["label"] for r in by_month]},
                "yAxis": {"type": "value"},
                "series": [
                    {
                        "type": "bar",
                        "data": [
                            {
                                "value": r["count"],
                                "url": f"{list_url}?joined_after={r['month'].isoformat()}",
                            }
                            for r in by_month
                        ],
                    }
                ],
            },
        )
        return ctx


# --- join applications (review queue) -----------------------------------------------------


@register_model_view(JoinApplication, "list")
class JoinApplicationListView(PiiListMixin, ObjectListView):
    """The review queue: days waiting, overdue after 15 days."""

    model = JoinApplication
    filterset_class = JoinApplicationFilterSet
    template_name = "members/joinapplication_list.html"
    select_related = ("union", "region")
    default_ordering = ("-created_at", "-pk")
    sortable = ("created_at", "name")
    columns = [
        ("code", _("Application code")),
        ("name", pgettext_lazy("person", "Name")),
        ("id_number_display", _("ID number")),
        ("phone_display", _("Mobile phone")),
        ("region", _("Town / street")),
        ("union", _("Reviewing union")),
        ("get_key_group_display", _("Key group")),
        ("submitted_on", _("Submitted on")),
        ("waiting_badge", _("Days waiting")),
        ("get_status_display", _("Status")),
    ]

    def export_column_list(self) -> list:
        """Masked like the list: the numbers never leave in this export."""
        from unionhub.core.exporting import ExportColumn

        return [
            ExportColumn(gettext("Join application"), str, 28),
            ExportColumn(gettext("Town / street"), "region__name", 16),
            ExportColumn(gettext("Reviewing union"), "union__name", 28),
            ExportColumn(gettext("Key group"), "key_group", 12),
            ExportColumn(gettext("Submitted on"), "submitted_on", 12),
            ExportColumn(gettext("Status"), "status", 8),
        ]

    def get_context_data(self, **kwargs):
        from django.utils.html import format_html

        ctx = super().get_context_data(**kwargs)
        for app in ctx["object_list"]:
            days = app.days_waiting()
            if app.is_overdue():
                app.waiting_badge = format_html(
                    '<span class="badge bg-red text-red-fg" data-testid="overdue">{} {}</span>',
                    days,
                    gettext("days · overdue"),
                )
            elif app.status == ApplicationStatus.PENDING:
                app.waiting_badge = format_html(
                    '<span class="badge bg-yellow-lt">{} {}</span>', days, gettext("days")
                )
            else:
                app.waiting_badge = f"{days}"
        return ctx


@register_model_view(JoinApplication)
class JoinApplicationDetailView(ObjectDetailView):
    model = JoinApplication
    template_name = "members/joinapplication_detail.html"
    select_related = ("union", "region", "member", "decided_by", "employer")
    fields = list(JOINAPPLICATION_DETAIL_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        app = self.object
        user = self.request.user
        ctx["id_number_shown"] = app.id_number_for(user)
        ctx["phone_shown"] = app.phone_for(user)
        ctx["days_waiting"] = app.days_waiting()
        ctx["overdue"] = app.is_overdue()
        ctx["due_on"] = app.due_on()
        ctx["can_review"] = app.status == ApplicationStatus.PENDING and user.has_perm(
            "members.review_joinapplication"
        )
        if ctx["can_review"]:
            from unionhub.members.selectors import account_linked_on_approval

            ctx["account_outcome"], ctx["applicant_account"] = account_linked_on_approval(app)
        ctx["reject_form"] = kwargs.get("reject_form") or RejectForm()
        return ctx


@register_model_view(JoinApplication, "approve")
class JoinApplicationApproveView(ObjectActionView):
    """Approve: the applicant becomes a member of the reviewing union."""

    model = JoinApplication
    permission_required = "members.review_joinapplication"
    service = staticmethod(services.joinapplication_approve)
    instance_arg = "application"
    submit_label = pgettext_lazy("join application", "Approve application")
    member = None

    def run(self, form):
        self.member = super().run(form)
        return self.member

    @property
    def success_message(self):
        return gettext("Approved: %(name)s is now a member.") % {"name": self.member.name}


@register_model_view(JoinApplication, "reject")
class JoinApplicationRejectView(ObjectActionView):
    model = JoinApplication
    permission_required = "members.review_joinapplication"
    form_class = RejectForm
    service = staticmethod(services.joinapplication_reject)
    instance_arg = "application"
    submit_label = pgettext_lazy("join application", "Reject application")
    submit_class = "btn-danger"
    success_message = _("The application was rejected.")


# --- transfers ----------------------------------------------------------------------------


@register_model_view(MemberTransfer, "list")
class MemberTransferListView(ObjectListView):
    model = MemberTransfer
    filterset_class = MemberTransferFilterSet
    select_related = ("member", "from_union", "to_union")
    default_ordering = ("-created_at", "-pk")
    columns = [
        ("member", _("Member")),
        ("from_union", _("From union")),
        ("to_union", _("To union")),
        ("get_status_display", _("Status")),
        ("created_at", _("Requested at")),
    ]

    def export_column_list(self) -> list:
        from unionhub.core.exporting import ExportColumn

        return [
            ExportColumn(gettext("Member transfer"), str, 48),
            ExportColumn(gettext("Status"), "status", 8),
            ExportColumn(gettext("Requested at"), "created_at", 18),
        ]


@register_model_view(MemberTransfer)
class MemberTransferDetailView(ObjectDetailView):
    model = MemberTransfer
    template_name = "members/membertransfer_detail.html"
    select_related = ("member", "from_union", "to_union", "from_confirmed_by", "to_confirmed_by")
    fields = list(MEMBERTRANSFER_DETAIL_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        t = self.object
        from_side, to_side = selectors.membertransfer_sides(user=self.request.user, transfer=t)
        pending = t.status == TransferStatus.PENDING
        ctx["can_confirm"] = (
            pending
            and self.request.user.has_perm("members.change_membertransfer")
            and (
                (from_side and t.from_confirmed_at is None)
                or (to_side and t.to_confirmed_at is None)
            )
        )
        ctx["can_reject"] = pending and self.request.user.has_perm("members.change_membertransfer")
        ctx["can_change"] = False
        return ctx


@register_model_view(MemberTransfer, "add")
class MemberTransferEditView(ObjectEditView):
    """Request a transfer (a transfer is never edited: it is confirmed or rejected)."""

    model = MemberTransfer
    form_class = MemberTransferForm
    services = ModelServices(create=services.membertransfer_request)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        member_id = self.request.GET.get("member")
        if member_id and member_id.isdigit():
            kwargs["member"] = (
                Member.objects.visible_to(self.request.user).filter(pk=member_id).first()
            )
        return kwargs


@register_model_view(MemberTransfer, "confirm")
class MemberTransferConfirmView(ObjectActionView):
    """Confirm the side the user works for; when both have, the member moves."""

    model = MemberTransfer
    permission_required = "members.change_membertransfer"
    service = staticmethod(services.membertransfer_confirm)
    instance_arg = "transfer"
    submit_label = _("Confirm for my union")
    success_message = _("Confirmed.")


@register_model_view(MemberTransfer, "reject")
class MemberTransferRejectView(ObjectActionView):
    model = MemberTransfer
    permission_required = "members.change_membertransfer"
    form_class = RejectForm
    service = staticmethod(services.membertransfer_reject)
    instance_arg = "transfer"
    submit_label = _("Reject")
    submit_class = "btn-danger"
    success_message = _("The transfer was rejected.")


# --- public pages: online joining -------------------------------------------------------


def _post_only(throttle_class):
    """The page's GET stays free; only submissions count against the limit."""
    return type(throttle_class.__name__ + "Post", (throttle_class,), {"methods": ("POST",)})


@method_decorator(never_cache, name="dispatch")
@method_decorator(throttled(_post_only(JoinApplyThrottle)), name="dispatch")
class JoinView(generic.FormView):
    """网上入会 (public, no login, phone-sized). Shows no stored data: it only accepts an
    application and answers with its code."""

    template_name = "members/join.html"
    form_class = JoinForm
    scope_exempt = "public online-joining form: accepts an application, shows no stored records"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = self.request.user
            app = services.joinapplication_apply(
                actor=user if user.is_authenticated else None,
                name=data["name"],
                id_number=data["id_number"],
                phone=data["phone"],
                region_code=data["region"],
                employer_name=data["employer_name"],
                no_fixed_employer=data["no_fixed_employer"],
                occupation=data["occupation"],
                is_new_employment=data["is_new_employment"],
                key_group=data["key_group"],
                platform_name=data["platform_name"],
                consent=data["consent"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
            return self.form_invalid(form)
        return render(self.request, "members/join_done.html", {"application": app})


@method_decorator(never_cache, name="dispatch")
@method_decorator(throttled(_post_only(JoinStatusThrottle)), name="dispatch")
class JoinStatusView(generic.FormView):
    """The applicant's status page: phone + application code (both needed)."""

    template_name = "members/join_status.html"
    form_class = JoinStatusForm
    scope_exempt = "public status page: shows only the application matching both phone and code"

    def form_valid(self, form):
        app = selectors.joinapplication_status(
            phone=form.cleaned_data["phone"], code=form.cleaned_data["code"]
        )
        return self.render_to_response(
            self.get_context_data(form=form, application=app, searched=True)
        )


def member_export_columns(*, id_value, phone_value) -> list:
    """The export's columns, in ``MEMBER_EXPORT_FIELDS`` order."""
    from unionhub.core.exporting import ExportColumn

    specs = {
        "name": (pgettext("person", "Name"), "name", 10),
        "id_number": (gettext("ID number"), id_value, 22),
        "phone": (gettext("Mobile phone"), phone_value, 14),
        "gender": (gettext("Sex"), "gender", 6),
        "union": (gettext("Union"), "union__name", 28),
        "employer": (gettext("Employer"), "employer__name", 28),
        "occupation": (gettext("Occupation"), "occupation", 12),
        "is_new_employment": (gettext("New employment form"), "is_new_employment", 8),
        "key_group": (gettext("Key group"), "key_group", 12),
        "joined_on": (gettext("Joined on"), "joined_on", 12),
        "status": (gettext("Status"), "status", 8),
        "card_number": (gettext("Member card number"), "card_number", 14),
    }
    return [ExportColumn(*specs[name]) for name in MEMBER_EXPORT_FIELDS]


def member_export(user, params, watermark: str = ""):
    """The member registry export for ``user`` filtered by ``params``; with a ``watermark``
    (an approved unmasked export) ID numbers and phones are written in full."""
    from unionhub.core.exporting import export_response
    from unionhub.core.pii import mask_id_number, mask_phone

    qs = Member.objects.visible_to(user).select_related("union", "employer")
    filterset = MemberFilterSet(params or None, queryset=qs, user=user)
    qs = filterset.qs.order_by("pk")
    clear = bool(watermark) and may_view_personal_data(user)

    def id_value(m):
        return m.id_number if clear else mask_id_number(m.id_number)

    def phone_value(m):
        return m.phone if clear else mask_phone(m.phone)

    columns = member_export_columns(id_value=id_value, phone_value=phone_value)
    name = gettext("Member registry")
    return export_response(
        qs,
        columns=columns,
        filename=str(name) + (gettext("(with full numbers)") if clear else ""),
        user=user,
        title=str(name),
        watermark=watermark if clear else "",
        place=filterset.title_place(),
        conditions=filterset.title_conditions(),
    )


class JoinEmployerOptionsView(generic.View):
    """Autocomplete for the join form: names of registered employers in the county of the
    chosen town (public business-registration data, no personal data)."""

    scope_exempt = (
        "public: employer names near the chosen town for the join form (no personal data)"
    )

    def get(self, request):
        from django.utils.html import format_html_join

        names = selectors.employer_name_suggestions(
            region_code=request.GET.get("region", ""), text=request.GET.get("employer_name", "")
        )
        return HttpResponse(
            format_html_join("", '<option value="{}"></option>', ((n,) for n in names))
        )
