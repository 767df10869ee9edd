from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.stations import choices, fields
from unionhub.stations.models import (
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


class StationForm(ScopedModelForm):
    facilities = forms.MultipleChoiceField(
        label=_("Facilities"),
        choices=choices.Facility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hygiene_checklist = forms.CharField(
        label=_("Hygiene checklist"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item per line."),
    )
    template = forms.ModelChoiceField(
        label=_("Clone from template"),
        queryset=Station.objects.all(),
        required=False,
        help_text=_("Copy schedule, facilities and checklist from an existing station."),
    )

    class Meta:
        model = Station
        fields = list(fields.STATION_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields.pop("template")
            self.initial["hygiene_checklist"] = "\n".join(self.instance.hygiene_checklist)

    def clean_hygiene_checklist(self):
        return [
            line.strip()
            for line in self.cleaned_data["hygiene_checklist"].splitlines()
            if line.strip()
        ]


class ScheduleWindowForm(ScopedModelForm):
    class Meta:
        model = ScheduleWindow
        fields = list(fields.SCHEDULE_WINDOW_FIELDS)
        widgets = {
            "start": forms.TimeInput(attrs={"type": "time"}),
            "end": forms.TimeInput(attrs={"type": "time"}),
        }


class ScheduleExceptionForm(ScopedModelForm):
    class Meta:
        model = ScheduleException
        fields = list(fields.SCHEDULE_EXCEPTION_FIELDS)
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "start": forms.TimeInput(attrs={"type": "time"}),
            "end": forms.TimeInput(attrs={"type": "time"}),
        }


class StationStaffForm(ScopedModelForm):
    class Meta:
        model = StationStaff
        fields = list(fields.STATION_STAFF_FIELDS)


class DeviceForm(ScopedModelForm):
    class Meta:
        model = Device
        fields = list(fields.DEVICE_FIELDS)


class TicketForm(ScopedModelForm):
    class Meta:
        model = Ticket
        fields = list(fields.TICKET_FIELDS)


class TicketActionForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
    do = forms.ChoiceField(
        label=_("Action"),
        choices=[("acknowledge", _("Acknowledge")), ("resolve", _("Resolve"))],
        required=False,
        widget=forms.HiddenInput,
    )


class NoteForm(forms.Form):
    """The note of a review or a closure (a patrol log's review, a spot check's closure)."""

    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class HygieneCheckForm(ScopedModelForm):
    class Meta:
        model = HygieneCheck
        fields = list(fields.HYGIENE_CHECK_FIELDS)
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class PatrolLogForm(ScopedModelForm):
    class Meta:
        model = PatrolLog
        fields = list(fields.PATROL_LOG_FIELDS)
        widgets = {"at": forms.DateTimeInput(attrs={"type": "datetime-local"})}


class SpotCheckForm(ScopedModelForm):
    class Meta:
        model = SpotCheck
        fields = list(fields.SPOT_CHECK_FIELDS)
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "rectify_by": forms.DateInput(attrs={"type": "date"}),
        }


class DemandPointForm(ScopedModelForm):
    class Meta:
        model = DemandPoint
        fields = list(fields.DEMAND_POINT_FIELDS)


class PhoneRegisterForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=11,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
    )
    member_code = forms.CharField(label=_("or member code"), max_length=200, required=False)
    occupation = forms.ChoiceField(
        label=_("Occupation"),
        choices=choices.Occupation.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    event_id = forms.UUIDField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("member_code"):
            raise forms.ValidationError(
                _("Enter a mobile number or a member code."), code="visitor_required"
            )
        if data.get("phone") and not data.get("occupation"):
            self.add_error(
                "occupation",
                forms.ValidationError(_("Choose an occupation."), code="occupation_required"),
            )
        return data


class HelpForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What do you need?"),
        choices=choices.TicketCategory.choices,
        initial=choices.TicketCategory.EMERGENCY,
        widget=forms.RadioSelect,
    )
    description = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WeekHoursForm(forms.Form):
    """Opening hours in bulk (每天 / 工作日 / 复制到全周): up to ``ROWS`` time ranges set for
    every day or for Monday–Friday, or one day's hours copied to the whole week. Checked
    here row by row (close before open, overlapping ranges) and for the whole week by the
    service (``services.schedule_week_set``)."""

    ROWS = 3
    EVERY_DAY, WORKDAYS, COPY = "every_day", "workdays", "copy"
    DAYS = {EVERY_DAY: list(range(7)), WORKDAYS: list(range(5)), COPY: list(range(7))}

    apply_to = forms.ChoiceField(
        label=_("Apply to"),
        choices=[
            (EVERY_DAY, _("Every day")),
            (WORKDAYS, _("Workdays (Monday to Friday)")),
            (COPY, _("Copy one day to the whole week")),
        ],
        initial=EVERY_DAY,
        widget=forms.RadioSelect,
    )
    copy_from = forms.TypedChoiceField(
        label=_("Day to copy"),
        choices=[("", "—"), *choices.Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, self.ROWS + 1):
            time = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
            self.fields[f"start_{i}"] = forms.TimeField(
                label=_("Opens at"), required=False, widget=time
            )
            self.fields[f"end_{i}"] = forms.TimeField(
                label=_("Closes at"),
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            )
            self.fields[f"mode_{i}"] = forms.ChoiceField(
                label=_("Mode"), choices=choices.Mode.choices, required=False
            )
            self.fields[f"overnight_{i}"] = forms.BooleanField(
                label=_("Closes the next day"), required=False
            )
        self.fields["start_1"].initial = "06:30"
        self.fields["end_1"].initial = "18:00"
        self.fields["mode_1"].initial = choices.Mode.MANNED

    def rows(self):
        """The range rows as bound fields, for the template."""
        return [
            [self[f"{name}_{i}"] for name in ("start", "end", "mode", "overnight")]
            for i in range(1, self.ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        if data.get("apply_to") == self.COPY:
            if data.get("copy_from") is None:
                self.add_error(
                    "copy_from",
                    forms.ValidationError(_("Choose the day to copy."), code="required"),
                )
            return data
        ranges = []
        for i in range(1, self.ROWS + 1):
            start, end = data.get(f"start_{i}"), data.get(f"end_{i}")
            if start is None and end is None:
                continue
            if start is None or end is None:
                missing = f"start_{i}" if start is None else f"end_{i}"
                self.add_error(
                    missing,
                    forms.ValidationError(
                        _("Give both the opening and the closing time."), code="incomplete"
                    ),
                )
                continue
            overnight = data.get(f"overnight_{i}")
            if end <= start and not overnight:
                self.add_error(
                    f"end_{i}",
                    forms.ValidationError(
                        _(
                            "The closing time %(end)s is not after the opening time %(start)s; "
                            "tick “closes the next day” for hours past midnight."
                        ),
                        code="close_before_open",
                        params={"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
                    ),
                )
                continue
            if overnight and end > start:
                self.add_error(
                    f"overnight_{i}",
                    forms.ValidationError(
                        _("A range closing the next day closes earlier than it opens."),
                        code="not_overnight",
                    ),
                )
                continue
            ranges.append((i, start, end, data.get(f"mode_{i}") or choices.Mode.MANNED))
        minutes = []
        for i, start, end, _mode in ranges:
            a = start.hour * 60 + start.minute
            b = end.hour * 60 + end.minute
            minutes.append((i, a, b + 1440 if b <= a else b, start, end))
        for x, (_i, a1, b1, s1, e1) in enumerate(minutes):
            for j, a2, b2, s2, e2 in minutes[x + 1 :]:
                if a1 < b2 and a2 < b1:
                    self.add_error(
                        f"start_{j}",
                        forms.ValidationError(
                            _("The ranges %(first)s and %(second)s overlap."),
                            code="overlap",
                            params={
                                "first": f"{s1:%H:%M}–{e1:%H:%M}",
                                "second": f"{s2:%H:%M}–{e2:%H:%M}",
                            },
                        ),
                    )
        if not ranges and not self.errors:
            self.add_error(
                "start_1",
                forms.ValidationError(_("Give at least one opening range."), code="no_ranges"),
            )
        data["ranges"] = [(start, end, mode) for _i, start, end, mode in ranges]
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        apply_to = data["apply_to"]
        if apply_to == self.COPY:
            return {"days": self.DAYS[apply_to], "copy_from": data["copy_from"]}
        return {"days": self.DAYS[apply_to], "windows": data["ranges"]}
