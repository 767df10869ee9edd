"""Staff pages of the station module (scoped through the generic views)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import generic

from unionhub.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedMixin,
)
from unionhub.stations import charts, choices, poster, schedule, selectors, services
from unionhub.stations.filtersets import (
    CheckInFilterSet,
    DemandPointFilterSet,
    DeviceFilterSet,
    HygieneCheckFilterSet,
    PatrolLogFilterSet,
    SpotCheckFilterSet,
    StationFilterSet,
    TicketFilterSet,
)
from unionhub.stations.forms import (
    DemandPointForm,
    DeviceForm,
    HygieneCheckForm,
    PatrolLogForm,
    ScheduleExceptionForm,
    ScheduleWindowForm,
    SpotCheckForm,
    StationForm,
    StationStaffForm,
    TicketActionForm,
    TicketForm,
)
from unionhub.stations.models import (
    CheckIn,
    DemandPoint,
    Device,
    HygieneCheck,
    PatrolLog,
    ScheduleException,
    ScheduleWindow,
    SpotCheck,
    Station,
    StationStaff,
    Ticket,
)

# --- stations ------------------------------------------------------------------------------


class StationListView(ObjectListView):
    model = Station
    filterset_class = StationFilterSet
    select_related = ("region",)
    sortable = ("name", "code")
    default_ordering = ("code",)
    columns = [
        ("name", _("Name")),
        ("code", _("Station code")),
        ("get_kind_display", _("Kind")),
        ("region", _("Region")),
        ("is_smart", _("Smart station")),
        ("get_mode_now_display", _("Now")),
    ]

    def get_queryset(self):
        return selectors.with_schedule(super().get_queryset())


class StationDetailView(ObjectDetailView):
    model = Station
    template_name = "stations/station_detail.html"
    select_related = ("region", "org_unit")
    fields = [
        "name",
        "code",
        "kind",
        "region",
        "org_unit",
        "address",
        "lat",
        "lng",
        "is_smart",
        "honours",
        "contact_phone",
        "is_active",
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        s = self.object
        now = timezone.now()
        state = selectors.station_state_at(s, now)
        user = self.request.user
        ctx.update(
            state=state,
            next_open=None if state.is_open else selectors.next_opening(s, now),
            windows=s.windows.all(),
            exceptions=s.exceptions.filter(date__gte=schedule.local(now).date()),
            staff=s.staff.select_related("user"),
            devices=Device.objects.visible_to(user).filter(station=s),
            tickets=Ticket.objects.visible_to(user).filter(station=s)[:10],
            stats=selectors.visit_statistics(user, days=30, station=s, now=now),
            phone_url=self.request.build_absolute_uri(
                reverse("stations:phone_entry", args=[s.code])
            ),
            can_schedule=user.has_perm("stations.add_schedulewindow"),
        )
        return ctx


class StationEditView(ObjectEditView):
    model = Station
    form_class = StationForm

    def get_initial(self):
        initial = super().get_initial()
        if "template" in self.request.GET:
            initial["template"] = self.request.GET["template"]
        return initial

    def save(self, form):
        data = dict(form.cleaned_data)
        template = data.pop("template", None)
        user = self.request.user
        if self.object is None and template is not None:
            extra = {k: data[k] for k in ("org_unit", "honours", "contact_phone", "is_active")}
            return services.station_clone(
                template=template,
                actor=user,
                name=data["name"],
                code=data["code"],
                region=data["region"],
                address=data["address"],
                lat=data["lat"],
                lng=data["lng"],
                **extra,
            )
        if self.object is None:
            return services.station_create(actor=user, **data)
        return services.station_update(actor=user, station=self.object, **data)


class StationDeleteView(ObjectDeleteView):
    model = Station

    def delete_object(self, obj):
        services.station_delete(actor=self.request.user, station=obj)


class StationPosterView(ScopedMixin, generic.DetailView):
    """Printable QR poster (PDF) of a station."""

    model = Station

    def get(self, request, *args, **kwargs):
        station = self.get_object()
        url = request.build_absolute_uri(reverse("stations:phone_entry", args=[station.code]))
        pdf = poster.station_poster_pdf(station, url)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="station-{station.code}.pdf"'
        return response


# --- schedule ------------------------------------------------------------------------------


class _StationChildEdit(ObjectEditView):
    def get_initial(self):
        initial = super().get_initial()
        if "station" in self.request.GET:
            initial["station"] = self.request.GET["station"]
        return initial

    def get_success_url(self):
        return reverse("stations:station", args=[self.object.station_id])


class ScheduleWindowEditView(_StationChildEdit):
    model = ScheduleWindow
    form_class = ScheduleWindowForm

    def save(self, form):
        if self.object is None:
            return services.schedule_window_create(actor=self.request.user, **form.cleaned_data)
        return services.schedule_window_update(
            actor=self.request.user, window=self.object, **form.cleaned_data
        )


class ScheduleWindowDeleteView(ObjectDeleteView):
    model = ScheduleWindow

    def delete_object(self, obj):
        services.schedule_window_delete(actor=self.request.user, window=obj)


class ScheduleExceptionEditView(_StationChildEdit):
    model = ScheduleException
    form_class = ScheduleExceptionForm

    def save(self, form):
        if self.object is None:
            return services.schedule_exception_set(actor=self.request.user, **form.cleaned_data)
        return services.schedule_exception_update(
            actor=self.request.user, exception=self.object, **form.cleaned_data
        )


class ScheduleExceptionDeleteView(ObjectDeleteView):
    model = ScheduleException

    def delete_object(self, obj):
        services.schedule_exception_delete(actor=self.request.user, exception=obj)


class StationStaffEditView(_StationChildEdit):
    model = StationStaff
    form_class = StationStaffForm

    def save(self, form):
        d = form.cleaned_data
        return services.staff_assign(
            actor=self.request.user, station=d["station"], user=d["user"], role=d["role"]
        )


class StationStaffDeleteView(ObjectDeleteView):
    model = StationStaff

    def form_valid(self, form):
        assignment = self.get_object()
        station_id = assignment.station_id
        services.staff_remove(actor=self.request.user, assignment=assignment)
        messages.success(self.request, gettext("Deleted “%(obj)s”.") % {"obj": assignment})
        return HttpResponseRedirect(reverse("stations:station", args=[station_id]))


# --- tickets -------------------------------------------------------------------------------


class TicketListView(ObjectListView):
    model = Ticket
    filterset_class = TicketFilterSet
    select_related = ("station",)
    default_ordering = ("-raised_at",)
    sortable = ("raised_at",)
    columns = [
        ("title", _("Title")),
        ("station", _("Station")),
        ("get_category_display", _("Category")),
        ("get_source_display", _("Raised by")),
        ("get_status_display", _("Status")),
        ("raised_at", _("Raised at")),
        ("get_escalation_display", _("Escalation")),
    ]


class TicketDetailView(ObjectDetailView):
    model = Ticket
    template_name = "stations/ticket_detail.html"
    select_related = ("station", "acknowledged_by", "device")
    fields = [
        "station",
        "category",
        "source",
        "title",
        "description",
        "status",
        "raised_at",
        "acknowledge_due",
        "resolve_due",
        "acknowledged_at",
        "acknowledged_by",
        "resolved_at",
        "escalation",
        "escalated_to",
        "device",
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["timeline"] = self.object.timeline.all()
        ctx["action_form"] = TicketActionForm()
        ctx["now"] = timezone.now()
        return ctx


class TicketEditView(ObjectEditView):
    model = Ticket
    form_class = TicketForm

    def save(self, form):
        d = form.cleaned_data
        return services.ticket_raise(
            station=d["station"],
            category=d["category"],
            source=choices.TicketSource.STAFF,
            title=d["title"],
            description=d["description"],
            actor=self.request.user,
        )


class TicketActionView(ScopedMixin, generic.DetailView):
    """POST acknowledge / resolve."""

    model = Ticket
    action = "change"
    detail_name = "stations:ticket"

    def get(self, request, *args, **kwargs):
        # POST-only action: 404 outside the scope (like every record URL), else 405.
        self.get_object()
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        ticket = self.get_object()
        form = TicketActionForm(request.POST)
        note = form.data.get("note", "")[:300]
        try:
            if request.POST.get("do") == "resolve":
                services.ticket_resolve(ticket=ticket, actor=request.user, note=note)
                messages.success(request, gettext("Ticket resolved."))
            else:
                services.ticket_acknowledge(ticket=ticket, actor=request.user, note=note)
                messages.success(request, gettext("Ticket acknowledged."))
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        return HttpResponseRedirect(reverse("stations:ticket", args=[ticket.pk]))


# --- check-ins and devices -----------------------------------------------------------------


class CheckInListView(ObjectListView):
    model = CheckIn
    filterset_class = CheckInFilterSet
    select_related = ("station",)
    default_ordering = ("-at",)
    columns = [
        ("at", _("Time")),
        ("station", _("Station")),
        ("get_occupation_display", _("Occupation")),
        ("get_source_display", _("Source")),
        ("is_member", _("By member code")),
    ]


class DeviceListView(ObjectListView):
    model = Device
    filterset_class = DeviceFilterSet
    select_related = ("station",)
    columns = [
        ("name", _("Name")),
        ("station", _("Station")),
        ("get_kind_display", _("Kind")),
        ("last_seen_at", _("Last heartbeat")),
        ("is_active", _("Active")),
    ]


class DeviceDetailView(ObjectDetailView):
    model = Device
    select_related = ("station",)
    fields = ["name", "station", "kind", "key_prefix", "last_seen_at", "is_active"]


class DeviceEditView(ObjectEditView):
    model = Device
    form_class = DeviceForm

    def save(self, form):
        if self.object is not None:
            return services.device_update(
                actor=self.request.user, device=self.object, **form.cleaned_data
            )
        device, key = services.device_create(actor=self.request.user, **form.cleaned_data)
        messages.warning(
            self.request,
            gettext(
                "Device key (shown only once, configure it on the device as header X-Device-Key): %(key)s"
            )
            % {"key": key},
        )
        return device


# --- three-level management ----------------------------------------------------------------


class ManagementView(ScopedMixin, generic.TemplateView):
    """Compliance rates of the three management levels per station."""

    model = HygieneCheck
    template_name = "stations/management.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            days = max(1, min(int(self.request.GET.get("days", 30)), 365))
        except ValueError:
            days = 30
        rows = selectors.compliance_rates(self.request.user, days=days)
        ctx.update(days=days, rows=rows)
        return ctx


class HygieneCheckListView(ObjectListView):
    model = HygieneCheck
    filterset_class = HygieneCheckFilterSet
    select_related = ("station",)
    default_ordering = ("-date", "-pk")
    columns = [
        ("station", _("Station")),
        ("date", _("Date")),
        ("passed", _("All items passed")),
        ("note", _("Note")),
    ]


class HygieneCheckEditView(ObjectEditView):
    model = HygieneCheck
    form_class = HygieneCheckForm
    template_name = "stations/hygiene_form.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        station_id = self.request.GET.get("station") or (
            self.object.station_id if self.object else None
        )
        station = (
            Station.objects.visible_to(self.request.user).filter(pk=station_id).first()
            if station_id
            else None
        )
        ctx["checklist"] = (
            station.hygiene_checklist if station else list(choices.DEFAULT_HYGIENE_CHECKLIST)
        )
        ctx["results"] = self.object.results if self.object else {}
        return ctx

    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("date", schedule.local(timezone.now()).date())
        if "station" in self.request.GET:
            initial["station"] = self.request.GET["station"]
        return initial

    def save(self, form):
        d = form.cleaned_data
        station = d["station"]
        results = {
            item: self.request.POST.get(f"item-{i}") == "on"
            for i, item in enumerate(station.hygiene_checklist)
        }
        return services.hygiene_check_record(
            station=station,
            date=d["date"],
            results=results,
            note=d["note"],
            actor=self.request.user,
        )


class HygieneCheckDetailView(ObjectDetailView):
    model = HygieneCheck
    select_related = ("station",)
    fields = ["station", "date", "passed", "results", "note"]


class PatrolLogListView(ObjectListView):
    model = PatrolLog
    filterset_class = PatrolLogFilterSet
    select_related = ("station", "reviewed_by")
    default_ordering = ("-at",)
    columns = [
        ("station", _("Station")),
        ("at", _("Patrol time")),
        ("normal", _("Everything normal")),
        ("observations", _("Observations")),
        ("reviewed_by", _("Reviewed by")),
    ]


class PatrolLogEditView(ObjectEditView):
    model = PatrolLog
    form_class = PatrolLogForm

    def save(self, form):
        d = form.cleaned_data
        return services.patrol_log_record(
            station=d["station"],
            at=d["at"],
            normal=d["normal"],
            observations=d["observations"],
            actor=self.request.user,
        )


class PatrolLogDetailView(ObjectDetailView):
    model = PatrolLog
    template_name = "stations/patrollog_detail.html"
    select_related = ("station", "reviewed_by")
    fields = [
        "station",
        "at",
        "normal",
        "observations",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    ]


class PatrolLogReviewView(ScopedMixin, generic.DetailView):
    model = PatrolLog
    action = "change"
    detail_name = "stations:patrollog"

    def get(self, request, *args, **kwargs):
        # POST-only action: 404 outside the scope (like every record URL), else 405.
        self.get_object()
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        log = self.get_object()
        try:
            services.patrol_review(
                log=log, actor=request.user, note=request.POST.get("note", "")[:300]
            )
            messages.success(request, gettext("Patrol log reviewed."))
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        return HttpResponseRedirect(reverse("stations:patrollog", args=[log.pk]))


class SpotCheckListView(ObjectListView):
    model = SpotCheck
    filterset_class = SpotCheckFilterSet
    select_related = ("station",)
    default_ordering = ("-date", "-pk")
    columns = [
        ("station", _("Station")),
        ("date", _("Date")),
        ("inspector", _("Inspector")),
        ("passed", _("Passed")),
        ("rectify_by", _("Rectify by")),
        ("get_status_display", _("Status")),
    ]


class SpotCheckEditView(ObjectEditView):
    model = SpotCheck
    form_class = SpotCheckForm

    def save(self, form):
        if self.object is not None:
            return services.spot_check_update(
                actor=self.request.user, check=self.object, **form.cleaned_data
            )
        return services.spot_check_record(actor=self.request.user, **form.cleaned_data)


class SpotCheckDetailView(ObjectDetailView):
    model = SpotCheck
    template_name = "stations/spotcheck_detail.html"
    select_related = ("station",)
    fields = [
        "station",
        "date",
        "inspector",
        "passed",
        "findings",
        "rectify_by",
        "status",
        "closed_on",
        "closure_note",
    ]


class SpotCheckCloseView(ScopedMixin, generic.DetailView):
    model = SpotCheck
    action = "change"
    detail_name = "stations:spotcheck"

    def get(self, request, *args, **kwargs):
        # POST-only action: 404 outside the scope (like every record URL), else 405.
        self.get_object()
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        check = self.get_object()
        try:
            services.spot_check_close(
                check=check,
                closed_on=schedule.local(timezone.now()).date(),
                note=request.POST.get("note", "")[:300],
                actor=request.user,
            )
            messages.success(request, gettext("Spot check closed."))
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        return HttpResponseRedirect(reverse("stations:spotcheck", args=[check.pk]))


# --- statistics, big screen, coverage ------------------------------------------------------


def _days(request, default=30) -> int:
    try:
        return max(1, min(int(request.GET.get("days", default)), 365))
    except ValueError:
        return default


class StatisticsView(ScopedMixin, generic.TemplateView):
    model = CheckIn
    template_name = "stations/statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, days = self.request.user, _days(self.request)
        stats = selectors.visit_statistics(user, days=days)
        ctx.update(
            days=days,
            stats=stats,
            tickets=selectors.ticket_statistics(user, days=days),
            rollup=selectors.county_rollup(user, days=days),
            chart_day=charts.per_day(stats),
            chart_hour=charts.per_hour(stats),
            chart_occ=charts.per_occupation(stats),
        )
        return ctx


class ScreenView(ScopedMixin, generic.TemplateView):
    """Full-screen auto-refreshing display (数据大屏); the panel reloads by htmx polling."""

    model = CheckIn
    template_name = "stations/screen.html"

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return ["stations/screen.html#panel"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        now = timezone.now()
        stats = selectors.visit_statistics(user, days=30, now=now)
        stations = list(
            selectors.with_schedule(Station.objects.visible_to(user).filter(is_active=True), now)
        )
        recent = CheckIn.objects.visible_to(user).select_related("station").order_by("-at")[:8]
        ctx.update(
            now=now,
            stats=stats,
            tickets=selectors.ticket_statistics(user, days=30, now=now),
            stations_total=len(stations),
            stations_open=sum(1 for s in stations if s.is_open_now),
            recent=recent,
            chart_day=charts.per_day(stats, dark=True),
            chart_hour=charts.per_hour(stats, dark=True),
            chart_occ=charts.per_occupation(stats, dark=True),
            open_tickets=Ticket.objects.visible_to(user)
            .exclude(status=choices.TicketStatus.RESOLVED)
            .select_related("station")[:6],
        )
        return ctx


class CoverageView(ScopedMixin, generic.TemplateView):
    model = DemandPoint
    template_name = "stations/coverage.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            distance = max(50, min(int(self.request.GET.get("distance", 1000)), 20000))
        except ValueError:
            distance = 1000
        open_now = self.request.GET.get("open_now") == "1"
        points = DemandPoint.objects.visible_to(self.request.user)
        ctx.update(
            distance=distance,
            open_now=open_now,
            total=points.count(),
            uncovered=selectors.uncovered_demand_points(
                self.request.user,
                distance_m=distance,
                dense_distance_m=min(500, distance),
                open_now=open_now,
            ),
        )
        return ctx


class DemandPointListView(ObjectListView):
    model = DemandPoint
    filterset_class = DemandPointFilterSet
    select_related = ("region",)
    columns = [
        ("name", _("Name")),
        ("get_kind_display", _("Kind")),
        ("region", _("Region")),
        ("dense", _("Dense area")),
    ]


class DemandPointDetailView(ObjectDetailView):
    model = DemandPoint
    select_related = ("region",)
    fields = ["name", "kind", "region", "lat", "lng", "dense"]


class DemandPointEditView(ObjectEditView):
    model = DemandPoint
    form_class = DemandPointForm

    def save(self, form):
        if self.object is None:
            return services.demand_point_create(actor=self.request.user, **form.cleaned_data)
        return services.demand_point_update(
            actor=self.request.user, point=self.object, **form.cleaned_data
        )


class DemandPointDeleteView(ObjectDeleteView):
    model = DemandPoint

    def delete_object(self, obj):
        services.demand_point_delete(actor=self.request.user, point=obj)


__all__ = ["dt", "get_object_or_404"]
