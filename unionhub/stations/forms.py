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
