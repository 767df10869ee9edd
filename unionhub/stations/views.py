"""Staff pages of the station module (scoped through the generic views)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
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
    ScopedMixin,
)
from unionhub.stations import charts, choices, fields, poster, schedule, selectors, services, shift
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
    NoteForm,
    PatrolLogForm,
    ScheduleExceptionForm,
    ScheduleWindowForm,
    SpotCheckForm,
    StationForm,
    StationStaffForm,
    TicketActionForm,
    TicketForm,
    WeekHoursForm,
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

# --- the attendant's shift page (值班台) --------------------------------------------------------


class BackToShiftMixin:
    """An action started from the shift page (``?next=/stations/shift/...``) goes back to it
    once done; any other ``next`` is ignored (no open redirect)."""

    def get_success_url(self):
        target = self.request.GET.get("next", "")
        if target.startswith(reverse("stations:shift")) and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}
        ):
            return target
        return super().get_success_url()


class ShiftView(ScopedMixin, generic.TemplateView):
    """值班台: my station preselected (``?station=`` switches among mine), today's tasks and
    one-tap actions; a phone page that also works at desktop width."""

    model = HygieneCheck
    template_name = "stations/shift.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        now = timezone.now()
        stations = shift.shift_stations(user=self.request.user, now=now)
        ctx.update(stations=stations, now=now, day=None)
        if not stations:
            return ctx
        wanted = self.request.GET.get("station", "")
        station = stations[0]
        if wanted:
            station = next((s for s in stations if str(s.pk) == wanted), None)
            if station is None:
                raise Http404
        ctx["day"] = shift.shift_for(
            user=self.request.user, station=station, stations=stations, now=now
        )
        ctx["here"] = f"{reverse('stations:shift')}?station={station.pk}"
        return ctx


# --- stations ------------------------------------------------------------------------------


def _label(model, name: str):
    """An export column's header: the field's (translated) verbose name."""
    return model._meta.get_field(name).verbose_name


def _ticket_export_columns() -> list:
    from unionhub.core.exporting import ExportColumn

    f = lambda name: _label(Ticket, name)  # noqa: E731
    return [
        ExportColumn(pgettext_lazy("export", "Record"), str, 36),
        ExportColumn(f("station"), "station__name", 24),
        ExportColumn(_("Region"), "station__region__name", 14),
        ExportColumn(f("category"), "category", 12),
        ExportColumn(f("source"), "source", 10),
        ExportColumn(f("status"), "status", 10),
        ExportColumn(f("raised_at"), "raised_at", 17),
        ExportColumn(f("acknowledge_due"), "acknowledge_due", 17),
        ExportColumn(f("resolve_due"), "resolve_due", 17),
        ExportColumn(f("acknowledged_at"), "acknowledged_at", 17),
        ExportColumn(f("resolved_at"), "resolved_at", 17),
        ExportColumn(pgettext_lazy("ticket SLA", "Overdue"), "sla_overdue", 8),
        ExportColumn(f("escalation"), "escalation", 10),
        ExportColumn(f("description"), "description", 40),
    ]


def _checkin_export_columns() -> list:
    from unionhub.core.exporting import ExportColumn

    f = lambda name: _label(CheckIn, name)  # noqa: E731
    return [
        ExportColumn(pgettext_lazy("export", "Record"), str, 36),
        ExportColumn(f("at"), "at", 17),
        ExportColumn(f("station"), "station__name", 24),
        ExportColumn(_("Region"), "station__region__name", 14),
        ExportColumn(f("occupation"), "occupation", 14),
        ExportColumn(f("source"), "source", 10),
        ExportColumn(f("is_member"), "is_member", 10),
    ]


class _RecordListView(ObjectListView):
    """A list whose columns do not name the record (a ticket's title, a check's date): its
    Excel export starts with the record itself, so each row says what it is."""

    def export_column_list(self) -> list:
        from unionhub.core.exporting import ExportColumn

        if self.export_columns is not None:  # declared columns say what each row is
            return super().export_column_list()
        return [
            ExportColumn(pgettext_lazy("export", "Record"), str, 36),
            *super().export_column_list(),
        ]


@register_model_view(Station, "list")
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


@register_model_view(Station)
class StationDetailView(ObjectDetailView):
    model = Station
    template_name = "stations/station_detail.html"
    select_related = ("region", "org_unit")
    fields = list(fields.STATION_DETAIL_FIELDS)

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


STATION_SERVICES = ModelServices(
    create=services.station_create, update=services.station_update, delete=services.station_delete
)


@register_model_view(Station, "add")
@register_model_view(Station, "edit")
class StationEditView(ObjectEditView):
    """Create (optionally cloned from a template station: ``?template=<pk>``) or edit."""

    model = Station
    form_class = StationForm
    services = STATION_SERVICES

    def get_initial(self):
        initial = super().get_initial()
        if "template" in self.request.GET:
            initial["template"] = self.request.GET["template"]
        return initial


@register_model_view(Station, "delete")
class StationDeleteView(ObjectDeleteView):
    model = Station
    services = STATION_SERVICES


@register_model_view(Station, "poster", path="poster.pdf")
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


@register_model_view(Station, "hours")
class StationHoursView(ObjectActionView):
    """Opening hours in bulk: every day, Monday–Friday, or one day copied to the whole week
    (one form instead of one window at a time), through ``services.schedule_week_set``."""

    model = Station
    form_class = WeekHoursForm
    permission_required = "stations.change_schedulewindow"
    service = staticmethod(services.schedule_week_set)
    instance_arg = "station"
    template_name = "stations/station_hours.html"
    title = _("Opening hours")
    submit_label = _("Save opening hours")
    success_message = _("Opening hours saved.")

    def service_data(self, form) -> dict:
        return form.service_data()

    def get_success_url(self):
        return reverse("stations:station_hours", args=[self.get_object().pk])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        by_day = {day: [] for day, _label in choices.Weekday.choices}
        for w in self.get_object().windows.all():
            by_day[w.weekday].append(w)
        ctx["week"] = [(label, by_day[day]) for day, label in choices.Weekday.choices]
        return ctx


class _StationChildEdit(ObjectEditView):
    """A record of a station's page (window, exception, staff): back to the station."""

    def get_initial(self):
        initial = super().get_initial()
        if "station" in self.request.GET:
            initial["station"] = self.request.GET["station"]
        return initial

    def get_success_url(self):
        return reverse("stations:station", args=[self.object.station_id])


class _StationChildDelete(ObjectDeleteView):
    """Deleted from the station's page, and back to it (these records have no list or page
    of their own, which the generic delete view would return to)."""

    def form_valid(self, form):
        obj = self.get_object()
        back = HttpResponseRedirect(reverse("stations:station", args=[obj.station_id]))
        try:
            with transaction.atomic():
                self.delete_object(obj)
        except ValidationError as exc:
            messages.error(self.request, gettext("Cannot delete: %(r)s") % {"r": exc.messages[0]})
            return back
        messages.success(self.request, gettext("Deleted “%(obj)s”.") % {"obj": obj})
        return back


WINDOW_SERVICES = ModelServices(
    create=services.schedule_window_create,
    update=services.schedule_window_update,
    delete=services.schedule_window_delete,
    instance_arg="window",
)


@register_model_view(ScheduleWindow, "add")
@register_model_view(ScheduleWindow, "edit")
class ScheduleWindowEditView(_StationChildEdit):
    model = ScheduleWindow
    form_class = ScheduleWindowForm
    services = WINDOW_SERVICES


@register_model_view(ScheduleWindow, "delete")
class ScheduleWindowDeleteView(_StationChildDelete):
    model = ScheduleWindow
    services = WINDOW_SERVICES


EXCEPTION_SERVICES = ModelServices(
    create=services.schedule_exception_set,
    update=services.schedule_exception_update,
    delete=services.schedule_exception_delete,
    instance_arg="exception",
)


@register_model_view(ScheduleException, "add")
@register_model_view(ScheduleException, "edit")
class ScheduleExceptionEditView(_StationChildEdit):
    model = ScheduleException
    form_class = ScheduleExceptionForm
    services = EXCEPTION_SERVICES


@register_model_view(ScheduleException, "delete")
class ScheduleExceptionDeleteView(_StationChildDelete):
    model = ScheduleException
    services = EXCEPTION_SERVICES


STAFF_SERVICES = ModelServices(
    create=services.staff_assign, delete=services.staff_remove, instance_arg="assignment"
)


@register_model_view(StationStaff, "add")
class StationStaffEditView(_StationChildEdit):
    model = StationStaff
    form_class = StationStaffForm
    services = STAFF_SERVICES


@register_model_view(StationStaff, "delete")
class StationStaffDeleteView(_StationChildDelete):
    model = StationStaff
    services = STAFF_SERVICES


# --- tickets -------------------------------------------------------------------------------


@register_model_view(Ticket, "list")
class TicketListView(_RecordListView):
    model = Ticket
    filterset_class = TicketFilterSet
    select_related = ("station__region",)
    export_columns = property(lambda self: _ticket_export_columns())
    default_ordering = ("-raised_at",)
    sortable = ("raised_at",)
    columns = [
        ("title", _("Title")),
        ("station", _("Station")),
        ("get_category_display", _("Category")),
        ("get_source_display", _("Raised by")),
        ("get_status_display", _("Status")),
        ("raised_at", _("Raised at")),
        ("sla_due", _("Due by")),
        ("sla_remaining", _("Time left")),
        ("sla_overdue", pgettext_lazy("ticket SLA", "Overdue")),
        ("get_escalation_display", _("Escalation")),
    ]


@register_model_view(Ticket)
class TicketDetailView(ObjectDetailView):
    model = Ticket
    template_name = "stations/ticket_detail.html"
    select_related = ("station", "acknowledged_by", "device")
    fields = list(fields.TICKET_DETAIL_FIELDS)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["timeline"] = self.object.timeline.all()
        ctx["action_form"] = TicketActionForm()
        ctx["now"] = timezone.now()
        return ctx


@register_model_view(Ticket, "add")
class TicketEditView(ObjectEditView):
    """Staff raise a ticket (source: staff); it is then handled by its actions."""

    model = Ticket
    form_class = TicketForm
    services = ModelServices(create=services.ticket_raise)


@register_model_view(Ticket, "action")
class TicketActionView(BackToShiftMixin, ObjectActionView):
    """POST acknowledge / resolve (``do``) with a note."""

    model = Ticket
    form_class = TicketActionForm
    service = staticmethod(services.ticket_act)
    submit_label = _("Acknowledge")

    @property
    def success_message(self):
        if self.request.POST.get("do") == "resolve":
            return gettext("Ticket resolved.")
        return gettext("Ticket acknowledged.")


# --- check-ins and devices -----------------------------------------------------------------


@register_model_view(CheckIn, "list")
class CheckInListView(_RecordListView):
    model = CheckIn
    filterset_class = CheckInFilterSet
    select_related = ("station__region",)
    export_columns = property(lambda self: _checkin_export_columns())
    default_ordering = ("-at",)
    columns = [
        ("at", _("Time")),
        ("station", _("Station")),
        ("get_occupation_display", _("Occupation")),
        ("get_source_display", _("Source")),
        ("is_member", _("By member code")),
    ]


@register_model_view(Device, "list")
class DeviceListView(_RecordListView):
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


@register_model_view(Device)
class DeviceDetailView(ObjectDetailView):
    model = Device
    select_related = ("station",)
    fields = list(fields.DEVICE_DETAIL_FIELDS)


@register_model_view(Device, "add")
@register_model_view(Device, "edit")
class DeviceEditView(ObjectEditView):
    model = Device
    form_class = DeviceForm
    services = ModelServices(create=services.device_register, update=services.device_update)

    def save(self, form):
        device = super().save(form)
        key = getattr(device, "new_key", None)
        if key:  # a new device: its key, shown this once (only its hash is stored)
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


@register_model_view(HygieneCheck, "list")
class HygieneCheckListView(_RecordListView):
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


@register_model_view(HygieneCheck, "add")
class HygieneCheckEditView(BackToShiftMixin, ObjectEditView):
    """The day's checklist: one tick box per item of the station's checklist."""

    model = HygieneCheck
    form_class = HygieneCheckForm
    template_name = "stations/hygiene_form.html"
    services = ModelServices(create=services.hygiene_check_record)

    def _station(self):
        """The station whose checklist the form shows: ``?station=`` (sent again by the
        station select), the record's, or the user's only station."""
        visible = Station.objects.visible_to(self.request.user)
        station_id = self.request.GET.get("station") or self.request.POST.get("station")
        if self.object is not None:
            station_id = self.object.station_id
        if station_id and str(station_id).isdigit():
            return visible.filter(pk=station_id).first()
        only = list(visible.filter(is_active=True)[:2])
        return only[0] if len(only) == 1 else None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        station = self._station()
        # Exactly the station's own checklist; none until a station is chosen (a default
        # list would be stored under the wrong items).
        ctx["station"] = station
        ctx["checklist"] = list(station.hygiene_checklist) if station else []
        ticked = set(self.request.POST.getlist("items"))
        stored = self.object.results if self.object else {}
        ctx["ticked"] = ticked or {item for item, done in stored.items() if done}
        return ctx

    def get_template_names(self):
        # The station select re-fetches the page; only the checklist is swapped in.
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return [f"{self.template_name}#checklist"]
        return [self.template_name]

    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("date", schedule.local(timezone.now()).date())
        station = self._station()
        if station is not None:
            initial["station"] = station.pk
        return initial

    def service_data(self, form):
        data = super().service_data(form)
        # What was ticked, by item name; an item left unticked is stored as not done.
        data["results"] = {item: True for item in self.request.POST.getlist("items")}
        return data


@register_model_view(HygieneCheck)
class HygieneCheckDetailView(ObjectDetailView):
    """The check with its items as a table (done / not done), not the stored mapping."""

    model = HygieneCheck
    template_name = "stations/hygienecheck_detail.html"
    select_related = ("station",)
    fields = [f for f in fields.HYGIENE_CHECK_DETAIL_FIELDS if f != "results"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # In the checklist's order (PostgreSQL's jsonb keeps no key order); items since
        # removed from the checklist follow.
        results = self.object.results or {}
        order = [i for i in self.object.station.hygiene_checklist if i in results]
        order += [i for i in results if i not in order]
        ctx["result_rows"] = [(item, results[item]) for item in order]
        return ctx


@register_model_view(PatrolLog, "list")
class PatrolLogListView(_RecordListView):
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


@register_model_view(PatrolLog, "add")
class PatrolLogEditView(BackToShiftMixin, ObjectEditView):
    model = PatrolLog
    form_class = PatrolLogForm
    services = ModelServices(create=services.patrol_log_record)

    def get_initial(self):
        """A patrol is logged as it happens: the time starts at now (local, to the minute),
        the station at ``?station=``."""
        initial = super().get_initial()
        initial.setdefault("at", schedule.local(timezone.now()).replace(second=0, microsecond=0))
        if "station" in self.request.GET:
            initial["station"] = self.request.GET["station"]
        return initial


@register_model_view(PatrolLog)
class PatrolLogDetailView(ObjectDetailView):
    model = PatrolLog
    template_name = "stations/patrollog_detail.html"
    select_related = ("station", "reviewed_by")
    fields = list(fields.PATROL_LOG_DETAIL_FIELDS)


@register_model_view(PatrolLog, "review")
class PatrolLogReviewView(ObjectActionView):
    """The safety officer (or the county union) reviews a patrol log."""

    model = PatrolLog
    form_class = NoteForm
    service = staticmethod(services.patrol_review)
    instance_arg = "log"
    success_message = _("Patrol log reviewed.")
    submit_label = _("Review")


@register_model_view(SpotCheck, "list")
class SpotCheckListView(_RecordListView):
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


@register_model_view(SpotCheck, "add")
class SpotCheckEditView(ObjectEditView):
    model = SpotCheck
    form_class = SpotCheckForm
    services = ModelServices(
        create=services.spot_check_record, update=services.spot_check_update, instance_arg="check"
    )


@register_model_view(SpotCheck)
class SpotCheckDetailView(ObjectDetailView):
    model = SpotCheck
    template_name = "stations/spotcheck_detail.html"
    select_related = ("station",)
    fields = list(fields.SPOT_CHECK_DETAIL_FIELDS)


@register_model_view(SpotCheck, "photo")
class SpotCheckPhotoView(ObjectFileView):
    model = SpotCheck
    file_field = "photo"


@register_model_view(SpotCheck, "close")
class SpotCheckCloseView(ObjectActionView):
    """Close a spot check once its findings are rectified (today)."""

    model = SpotCheck
    form_class = NoteForm
    service = staticmethod(services.spot_check_close)
    instance_arg = "check"
    success_message = _("Spot check closed.")
    submit_label = pgettext_lazy("spot check", "Close")


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


@register_model_view(DemandPoint, "list")
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


@register_model_view(DemandPoint)
class DemandPointDetailView(ObjectDetailView):
    model = DemandPoint
    select_related = ("region",)
    fields = list(fields.DEMAND_POINT_FIELDS)


DEMAND_POINT_SERVICES = ModelServices(
    create=services.demand_point_create,
    update=services.demand_point_update,
    delete=services.demand_point_delete,
    instance_arg="point",
)


@register_model_view(DemandPoint, "add")
@register_model_view(DemandPoint, "edit")
class DemandPointEditView(ObjectEditView):
    model = DemandPoint
    form_class = DemandPointForm
    services = DEMAND_POINT_SERVICES


@register_model_view(DemandPoint, "delete")
class DemandPointDeleteView(ObjectDeleteView):
    model = DemandPoint
    services = DEMAND_POINT_SERVICES
