"""Pages: the legal-deadline calculator (union cadres) and the holiday calendar (the
city administrator edits it; county and town cadres may read it).

Holidays are city-wide reference data with no data scope (they belong to no organisation),
so these views declare ``scope_exempt``; the permissions guard them, and the services check
the permission again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from unionhub.core.calendar import selectors, services
from unionhub.core.calendar.deadlines import deadline_query, roll_weekends
from unionhub.core.calendar.forms import DeadlineForm, HolidayForm, HolidayUploadForm
from unionhub.core.calendar.kinds import all_kinds
from unionhub.core.calendar.models import Holiday

HOLIDAYS_UNSCOPED = "city-wide public-holiday calendar: reference data of no organisation"
MAX_UPLOAD_BYTES = 1024 * 1024


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class CalculatorView(LoginRequiredMixin, PermissionRequiredMixin, generic.View):
    """法定期限计算器: a kind and a date → the due date, rule, basis, roll-forward, warnings.
    With htmx only the result panel is re-rendered. For the union cadres whose cases run
    to legal deadlines (``calendar.use_calculator``), not station attendants."""

    permission_required = "calendar.use_calculator"
    raise_exception = True
    scope_exempt = "computes a date from the query; shows no stored records"

    def handle_no_permission(self):
        from unionhub.core.views.generic import login_or_forbidden

        return login_or_forbidden(self.request)

    def get(self, request):
        form = DeadlineForm(request.GET or None)
        context = {
            "form": form,
            "kinds": all_kinds(),
            "roll_weekends": roll_weekends(),
            "years": [s.year for s in selectors.arrangement_years()],
        }
        if request.GET.get("kind") or request.GET.get("date"):
            try:
                context["deadline"] = deadline_query(
                    kind=request.GET.get("kind"), date=request.GET.get("date")
                )
            except ValidationError as exc:
                context["errors"] = [m for msgs in exc.message_dict.values() for m in msgs]
        template = "calendar/calculator.html"
        if getattr(request, "htmx", False) and not request.htmx.boosted:
            template += "#result"
        return render(request, template, context)


class HolidayPermissionMixin(LoginRequiredMixin, PermissionRequiredMixin):
    raise_exception = True
    scope_exempt = HOLIDAYS_UNSCOPED

    def handle_no_permission(self):
        from unionhub.core.views.generic import login_or_forbidden

        return login_or_forbidden(self.request)


class HolidayListView(HolidayPermissionMixin, generic.TemplateView):
    """The arrangements by year, with the dates of the chosen year."""

    permission_required = "calendar.view_holiday"
    template_name = "calendar/holiday_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        years = selectors.arrangement_years()
        loaded = [s.year for s in years]
        try:
            chosen = int(self.request.GET.get("year", ""))
        except ValueError:
            chosen = loaded[0] if loaded else None
        today = timezone.localdate()
        ctx.update(
            years=years,
            year=chosen,
            holidays=selectors.holiday_list(year=chosen) if chosen else [],
            next_year=today.year + 1,
            next_year_missing=(today.year + 1) not in loaded,
            this_year_missing=today.year not in loaded,
            this_year=today.year,
        )
        return ctx


class HolidayEditView(HolidayPermissionMixin, generic.View):
    """Add a date (``pk`` absent) or edit one."""

    template_name = "calendar/holiday_form.html"

    def get_permission_required(self):
        return ["calendar.change_holiday" if "pk" in self.kwargs else "calendar.add_holiday"]

    def _object(self):
        return get_object_or_404(Holiday, pk=self.kwargs["pk"]) if "pk" in self.kwargs else None

    def get(self, request, pk=None):
        holiday = self._object()
        initial = {"year": timezone.localdate().year + 1}
        if holiday is not None:
            initial = {
                "date": holiday.date,
                "kind": holiday.kind,
                "name": holiday.name,
                "year": holiday.year,
                "source": holiday.source,
            }
        elif request.GET.get("year", "").isdigit():
            initial["year"] = int(request.GET["year"])
        return self._render(HolidayForm(initial=initial), holiday)

    def post(self, request, pk=None):
        holiday = self._object()
        form = HolidayForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if holiday is None:
                    holiday = services.holiday_create(actor=request.user, **data)
                else:
                    holiday = services.holiday_update(actor=request.user, holiday=holiday, **data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Saved “%(obj)s”.") % {"obj": holiday})
                return HttpResponseRedirect(
                    reverse("calendar:holiday_list") + f"?year={holiday.year}"
                )
        return self._render(form, holiday, status=400)

    def _render(self, form, holiday, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "object": holiday},
            status=status,
        )


class HolidayDeleteView(HolidayPermissionMixin, generic.View):
    permission_required = "calendar.delete_holiday"
    template_name = "calendar/holiday_delete.html"

    def get(self, request, pk):
        holiday = get_object_or_404(Holiday, pk=pk)
        return render(request, self.template_name, {"object": holiday})

    def post(self, request, pk):
        holiday = get_object_or_404(Holiday, pk=pk)
        year = holiday.year
        services.holiday_delete(actor=request.user, holiday=holiday)
        messages.success(request, _("Deleted “%(obj)s”.") % {"obj": holiday})
        return HttpResponseRedirect(reverse("calendar:holiday_list") + f"?year={year}")


class HolidayImportView(HolidayPermissionMixin, generic.View):
    """Upload a holiday file: every row is checked first; any problem lists all of them and
    nothing is written. "Check only" shows what a load would do."""

    permission_required = "calendar.import_holiday"
    template_name = "calendar/holiday_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": HolidayUploadForm()})

    def post(self, request):
        form = HolidayUploadForm(request.POST, request.FILES)
        context = {"form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error(
                "file", _("The file is larger than 1 MB; a year's arrangement is a few KB.")
            )
            return render(request, self.template_name, context, status=400)
        dry_run = "check" in request.POST
        try:
            result = services.holidays_load_file(
                actor=request.user,
                content=upload.read(),
                replace=form.cleaned_data["replace"],
                dry_run=dry_run,
                note=upload.name,
            )
        except services.HolidayFileRejected as exc:
            context["errors"] = [str(e) for e in exc.errors]
            return render(request, self.template_name, context, status=400)
        context["result"] = result
        if dry_run:
            return render(request, self.template_name, context)
        messages.success(
            request,
            _(
                "Loaded %(file)s: %(created)d added, %(updated)d updated, %(deleted)d deleted, %(unchanged)d unchanged."
            )
            % {
                "file": upload.name,
                "created": result.created,
                "updated": result.updated,
                "deleted": result.deleted,
                "unchanged": result.unchanged,
            },
        )
        year = result.years[-1] if result.years else ""
        return HttpResponseRedirect(reverse("calendar:holiday_list") + f"?year={year}")
