"""Pages of the module: declarations of the generic views, registered per model (URLs are
generated under ``/activities/``), the activity's host panel (sign-in link, QR code, live
attendance, walk-ins, photos), the season plan vs done and the person-times statistics."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View, generic

from unionhub.activities import hostlinks, selectors, services
from unionhub.activities.choices import ActivityKind
from unionhub.activities.filtersets import (
    ActivityFilterSet,
    PerformerFilterSet,
    ProgrammeFilterSet,
    SeasonPlanFilterSet,
    ShowFilterSet,
    SignInFilterSet,
    VisitTargetFilterSet,
)
from unionhub.activities.forms import (
    ActivityForm,
    PerformerForm,
    PhotoCaptionForm,
    PhotoForm,
    PhotoRemoveForm,
    ProgrammeForm,
    SeasonPlanForm,
    ShowForm,
    SignInForm,
    VisitTargetForm,
)
from unionhub.activities.models import (
    ACTIVITY_FIELDS,
    PROGRAMME_FIELDS,
    SEASON_PLAN_FIELDS,
    SHOW_FIELDS,
    Activity,
    ActivityPhoto,
    Performer,
    Programme,
    SeasonPlan,
    Show,
    SignIn,
    VisitTarget,
)
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

ACTIVITY_SERVICES = ModelServices(
    create=services.activity_create,
    update=services.activity_update,
    delete=services.activity_delete,
)
VISIT_TARGET_SERVICES = ModelServices(
    create=services.visittarget_create,
    update=services.visittarget_update,
    delete=services.visittarget_delete,
)
SIGNIN_SERVICES = ModelServices(delete=services.signin_delete)
SEASON_PLAN_SERVICES = ModelServices(
    create=services.seasonplan_create,
    update=services.seasonplan_update,
    delete=services.seasonplan_delete,
)
SHOW_SERVICES = ModelServices(
    create=services.show_create, update=services.show_update, delete=services.show_delete
)
PROGRAMME_SERVICES = ModelServices(
    create=services.programme_create,
    update=services.programme_update,
    delete=services.programme_delete,
)
PERFORMER_SERVICES = ModelServices(
    create=services.performer_create,
    update=services.performer_update,
    delete=services.performer_delete,
)

# --- activities ----------------------------------------------------------------------------


@register_model_view(Activity, "list")
class ActivityListView(ObjectListView):
    model = Activity
    filterset_class = ActivityFilterSet
    select_related = ("organiser",)
    columns = [
        ("title", _("title")),
        ("kind", _("type")),
        ("organiser", pgettext_lazy("activities", "organiser")),
        ("held_on", _("date")),
        ("place", _("place")),
        ("person_times", _("person-times")),
        ("cost", _("cost (yuan)")),
    ]
    sortable = ("held_on", "person_times", "cost")
    default_ordering = ("-held_on", "-pk")


def host_panel_context(request, activity: Activity) -> dict:
    """What the host panel shows: the signed links, the QR code of the sign-in link and
    the live attendance."""
    signin_url = request.build_absolute_uri(hostlinks.signin_path(activity))
    return {
        "signin_url": signin_url,
        "host_url": request.build_absolute_uri(hostlinks.host_path(activity)),
        "qr_svg": hostlinks.qr_svg(signin_url),
        "signin_open": activity.signin_open(),
        "closes_at": activity.signin_closes_at,
    }


def attendance_context(activity: Activity) -> dict:
    signins = list(selectors.signins_of(activity=activity)[:300])
    return {
        "activity": activity,
        "signins": signins,
        "signin_count": activity.signins.count(),
        "now": timezone.now(),
    }


@register_model_view(Activity)
class ActivityDetailView(ObjectDetailView):
    model = Activity
    template_name = "activities/activity_detail.html"
    select_related = ("organiser",)
    fields = [*ACTIVITY_FIELDS[:8], "head_count", "person_times", "cost", "note"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        activity = self.object
        ctx["is_visit"] = activity.kind == ActivityKind.VISIT
        ctx["targets"] = activity.targets.select_related("member") if ctx["is_visit"] else []
        ctx["photos"] = activity.photos.filter(removed_at=None)
        if not ctx["is_visit"]:
            ctx.update(host_panel_context(self.request, activity))
            ctx.update(attendance_context(activity))
        ctx["walkin_form"] = SignInForm()
        return ctx


@register_model_view(Activity, "attendance")
class ActivityAttendanceView(ScopedMixin, generic.DetailView):
    """The live attendance list (htmx polls it every few seconds)."""

    model = Activity
    template_name = "activities/_attendance.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(attendance_context(self.object))
        return ctx


@register_model_view(Activity, "qr")
class ActivityQrView(ScopedMixin, View):
    """The QR code of the sign-in link as a PNG (to print on a poster or a table card)."""

    model = Activity

    def get(self, request, pk):
        activity = get_object_or_404(self.get_queryset(), pk=pk)
        url = request.build_absolute_uri(hostlinks.signin_path(activity))
        response = HttpResponse(hostlinks.qr_png(url), content_type="image/png")
        response["Content-Disposition"] = f'inline; filename="signin-{activity.pk}.png"'
        return response


@register_model_view(Activity, "add")
@register_model_view(Activity, "edit")
class ActivityEditView(ObjectEditView):
    model = Activity
    form_class = ActivityForm
    services = ACTIVITY_SERVICES


@register_model_view(Activity, "delete")
class ActivityDeleteView(ObjectDeleteView):
    model = Activity
    services = ACTIVITY_SERVICES


def _walkin(*, actor, activity, name, phone="", employer_name=""):
    from unionhub.activities.choices import SignInSource

    return services.signin_record(
        actor=actor,
        activity=activity,
        name=name,
        phone=phone,
        employer_name=employer_name,
        source=SignInSource.WALK_IN,
    ).signin


@register_model_view(Activity, "walkin")
class ActivityWalkInView(ObjectActionView):
    model = Activity
    form_class = SignInForm
    service = staticmethod(_walkin)
    title = _("Add a walk-in participant")
    success_message = _("The participant was added.")


@register_model_view(Activity, "photo")
class ActivityPhotoAddView(ObjectActionView):
    model = Activity
    form_class = PhotoForm
    service = staticmethod(services.photo_add)
    title = _("Add a photo")
    success_message = _("The photo was added.")


@register_model_view(ActivityPhoto, "file")
class ActivityPhotoFileView(ObjectFileView):
    """A photo, served only to those who may see its activity (a removed one: 404)."""

    model = ActivityPhoto
    file_field = "image"

    def get_queryset(self):
        return super().get_queryset().filter(removed_at=None)


@register_model_view(ActivityPhoto)
class ActivityPhotoDetailView(ObjectDetailView):
    """One photo with its caption (and, once removed, who removed it, when and why)."""

    model = ActivityPhoto
    select_related = ("activity", "removed_by")
    fields = ["activity", "image", "caption", "removed_at", "removed_by", "removal_reason"]


class _PhotoAction(ObjectActionView):
    model = ActivityPhoto
    instance_arg = "activityphoto"

    def get_queryset(self):
        return super().get_queryset().filter(removed_at=None).select_related("activity")

    def get_success_url(self):
        return reverse("activities:activity", args=[self.get_object().activity_id]) + "#tab-photos"


@register_model_view(ActivityPhoto, "caption")
class ActivityPhotoCaptionView(_PhotoAction):
    form_class = PhotoCaptionForm
    service = staticmethod(services.photo_update)
    title = _("Edit the caption")
    success_message = _("The caption was saved.")

    def get_initial(self):
        return {"caption": self.get_object().caption}


@register_model_view(ActivityPhoto, "remove")
class ActivityPhotoRemoveView(_PhotoAction):
    form_class = PhotoRemoveForm
    service = staticmethod(services.photo_delete)
    title = _("Remove the photo")
    submit_class = "btn-danger"
    success_message = _("The photo was removed from the activity.")


# --- visit targets, sign-ins ---------------------------------------------------------------


@register_model_view(VisitTarget, "list")
class VisitTargetListView(ObjectListView):
    model = VisitTarget
    filterset_class = VisitTargetFilterSet
    select_related = ("activity__organiser",)
    columns = [
        ("name", _("full name")),
        ("category", _("category")),
        ("activity", _("visit")),
        ("given", _("what was given")),
        ("amount", _("value given (yuan)")),
    ]


@register_model_view(VisitTarget)
class VisitTargetDetailView(ObjectDetailView):
    model = VisitTarget
    select_related = ("activity", "member")
    fields = ["activity", "name", "category", "member", "given", "amount"]


@register_model_view(VisitTarget, "add")
@register_model_view(VisitTarget, "edit")
class VisitTargetEditView(ObjectEditView):
    model = VisitTarget
    form_class = VisitTargetForm
    services = VISIT_TARGET_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("activity", "").isdigit():
            initial["activity"] = int(self.request.GET["activity"])
        return initial


@register_model_view(VisitTarget, "delete")
class VisitTargetDeleteView(ObjectDeleteView):
    model = VisitTarget
    services = VISIT_TARGET_SERVICES


@register_model_view(SignIn, "list")
class SignInListView(ObjectListView):
    model = SignIn
    filterset_class = SignInFilterSet
    select_related = ("activity", "member")
    columns = [
        ("name", _("full name")),
        ("employer_name", _("employer")),
        ("activity", _("activity")),
        ("source", _("how")),
        ("signed_at", _("signed in at")),
    ]
    default_ordering = ("-signed_at", "-pk")


@register_model_view(SignIn)
class SignInDetailView(ObjectDetailView):
    model = SignIn
    select_related = ("activity", "member")
    fields = ["activity", "name", "employer_name", "member", "source", "signed_at"]


@register_model_view(SignIn, "delete")
class SignInDeleteView(ObjectDeleteView):
    model = SignIn
    services = SIGNIN_SERVICES


# --- workers' culture ---------------------------------------------------------------------


@register_model_view(SeasonPlan, "list")
class SeasonPlanListView(ObjectListView):
    model = SeasonPlan
    filterset_class = SeasonPlanFilterSet
    select_related = ("organiser",)
    columns = [
        ("title", _("title")),
        ("organiser", pgettext_lazy("activities", "organiser")),
        ("year", _("year")),
        ("shows_planned", _("shows planned")),
    ]


@register_model_view(SeasonPlan)
class SeasonPlanDetailView(ObjectDetailView):
    model = SeasonPlan
    select_related = ("organiser",)
    fields = list(SEASON_PLAN_FIELDS)


@register_model_view(SeasonPlan, "add")
@register_model_view(SeasonPlan, "edit")
class SeasonPlanEditView(ObjectEditView):
    model = SeasonPlan
    form_class = SeasonPlanForm
    services = SEASON_PLAN_SERVICES


@register_model_view(SeasonPlan, "delete")
class SeasonPlanDeleteView(ObjectDeleteView):
    model = SeasonPlan
    services = SEASON_PLAN_SERVICES


@register_model_view(Show, "list")
class ShowListView(ObjectListView):
    model = Show
    filterset_class = ShowFilterSet
    select_related = ("organiser",)
    columns = [
        ("title", _("title")),
        ("held_on", _("date")),
        ("theme", _("theme")),
        ("is_special", _("themed special")),
        ("organiser", pgettext_lazy("activities", "organiser")),
        ("audience", _("audience (people)")),
    ]
    sortable = ("held_on", "audience")
    default_ordering = ("-held_on", "-pk")


@register_model_view(Show)
class ShowDetailView(ObjectDetailView):
    model = Show
    template_name = "activities/show_detail.html"
    select_related = ("organiser", "plan")
    fields = list(SHOW_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["programmes"] = self.object.programmes.prefetch_related("performers__employer")
        return ctx


@register_model_view(Show, "add")
@register_model_view(Show, "edit")
class ShowEditView(ObjectEditView):
    model = Show
    form_class = ShowForm
    services = SHOW_SERVICES


@register_model_view(Show, "delete")
class ShowDeleteView(ObjectDeleteView):
    model = Show
    services = SHOW_SERVICES


@register_model_view(Programme, "list")
class ProgrammeListView(ObjectListView):
    model = Programme
    filterset_class = ProgrammeFilterSet
    select_related = ("show",)
    columns = [("title", _("title")), ("kind", _("kind")), ("show", _("show"))]


@register_model_view(Programme)
class ProgrammeDetailView(ObjectDetailView):
    model = Programme
    select_related = ("show",)
    fields = list(PROGRAMME_FIELDS)


@register_model_view(Programme, "add")
@register_model_view(Programme, "edit")
class ProgrammeEditView(ObjectEditView):
    model = Programme
    form_class = ProgrammeForm
    services = PROGRAMME_SERVICES


@register_model_view(Programme, "delete")
class ProgrammeDeleteView(ObjectDeleteView):
    model = Programme
    services = PROGRAMME_SERVICES


@register_model_view(Performer, "list")
class PerformerListView(ObjectListView):
    model = Performer
    filterset_class = PerformerFilterSet
    select_related = ("programme__show", "employer")
    columns = [("name", _("full name")), ("employer", _("employer")), ("programme", _("programme"))]


@register_model_view(Performer)
class PerformerDetailView(ObjectDetailView):
    model = Performer
    select_related = ("programme", "member", "employer")
    fields = ["programme", "name", "member", "employer"]


@register_model_view(Performer, "add")
@register_model_view(Performer, "edit")
class PerformerEditView(ObjectEditView):
    model = Performer
    form_class = PerformerForm
    services = PERFORMER_SERVICES


@register_model_view(Performer, "delete")
class PerformerDeleteView(ObjectDeleteView):
    model = Performer
    services = PERFORMER_SERVICES


# --- module pages ----------------------------------------------------------------------------


def _year(request) -> int:
    value = request.GET.get("year", "")
    return (
        int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year
    )


class PlanVsDoneView(ScopedMixin, View):
    """周周演: each season plan of the year against the shows held (scoped)."""

    model = SeasonPlan

    def get(self, request):
        year = _year(request)
        return render(
            request,
            "activities/plan_vs_done.html",
            {
                "year": year,
                "years": [year - 1, year, year + 1],
                "rows": selectors.plan_progress(user=request.user, year=year),
            },
        )


class StatisticsView(ScopedMixin, View):
    """Activities and person-times per type in a year, and by town or street × type with
    person-times and distinct participants (scoped; each cell links to the list that gives
    the same figure)."""

    model = Activity

    def get(self, request):
        year = _year(request)
        labels = dict(ActivityKind.choices)
        rows = [
            {**row, "label": labels.get(row["kind"], row["kind"])}
            for row in selectors.person_times_by_kind(user=request.user, year=year)
        ]
        towns = selectors.person_times_by_town(user=request.user, year=year)
        town_rows = [
            {"row": r, "cells": [r.cells.get(k) for k in towns["kinds"]]} for r in towns["rows"]
        ]
        return render(
            request,
            "activities/statistics.html",
            {
                "year": year,
                "years": [year - 1, year, year + 1],
                "rows": rows,
                "total_activities": sum(r["activities"] for r in rows),
                "total_person_times": sum(r["person_times"] or 0 for r in rows),
                "town_kinds": [(k, labels[k]) for k in towns["kinds"]],
                "town_rows": town_rows,
                "town_totals": [towns["totals"][k] for k in towns["kinds"]],
            },
        )


def town_export_columns(kinds: list[str]) -> list:
    """The town table's Excel columns: county, town, then per type the person-times and
    the distinct participants, and the row's person-times."""
    from unionhub.core.exporting import ExportColumn

    labels = dict(ActivityKind.choices)

    def cell(kind, attr):
        return lambda r: getattr(r.cells[kind], attr) if kind in r.cells else 0

    columns = [
        ExportColumn(_("County"), lambda r: str(r.county), 14),
        ExportColumn(
            _("Town / street"),
            lambda r: (
                str(_("%(region)s (own unions)") % {"region": r.region})
                if r.own_level
                else str(r.region)
            ),
            22,
        ),
    ]
    for kind in kinds:
        columns += [
            ExportColumn(
                _("%(kind)s person-times") % {"kind": labels[kind]},
                cell(kind, "person_times"),
                12,
                total=True,
            ),
            ExportColumn(
                _("%(kind)s participants") % {"kind": labels[kind]},
                cell(kind, "participants"),
                12,
                total=True,
            ),
        ]
    columns.append(ExportColumn(_("Person-times in all"), lambda r: r.person_times, 12, total=True))
    return columns


class StatisticsExportView(PagePermissionMixin, View):
    """The town × type table as an Excel workbook (the core export's title row and 合计)."""

    permission_required = "activities.view_activity"
    scope_exempt = (
        "a table of figures from the scoped selector person_times_by_town "
        "(activities/tests/test_town_table.py: another county sees none of it)"
    )

    def get(self, request):
        import tempfile

        from django.http import FileResponse

        from unionhub.core.audit import record_change
        from unionhub.core.exporting import export_heading, export_place, write_xlsx

        year = _year(request)
        towns = selectors.person_times_by_town(user=request.user, year=year)
        title = str(_("Person-times by town and type"))
        heading = export_heading(
            title,
            count=len(towns["rows"]),
            place=export_place(request.user),
            conditions=[str(_("year %(year)s") % {"year": year})],
        )
        handle = tempfile.TemporaryFile()
        count = write_xlsx(
            handle,
            columns=town_export_columns(towns["kinds"]),
            rows=towns["rows"],
            title=title,
            user=request.user,
            heading=heading,
        )
        handle.seek(0)
        record_change(
            model=Activity,
            action="export",
            actor=request.user,
            changes={"rows": count, "unmasked": False},
            note=f"导出 活动人次（{year}，{count} 行）",
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"activity-person-times-{year}-{stamp}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response.export_rows = count
        return response
