"""Forms of the calendar pages: they only parse input; the rules are in ``holiday_file``
(one date) and ``services`` (writes), so the page, the file and the API agree."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.core.calendar.choices import HolidayKind
from unionhub.core.calendar.kinds import all_kinds


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        widget.attrs.setdefault("class", css)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    kind = forms.ChoiceField(label=_("kind"), choices=HolidayKind.choices)
    name = forms.CharField(label=_("name"), max_length=50, help_text=_("e.g. 春节 or 春节调休上班"))
    year = forms.IntegerField(
        label=_("arrangement year"),
        help_text=_(
            "The year of the State Council notice (元旦 days in the December before belong to the next year)."
        ),
    )
    source = forms.CharField(
        label=_("source"),
        max_length=200,
        required=False,
        help_text=_("Document number or title of the notice"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class HolidayUploadForm(forms.Form):
    file = forms.FileField(label=_("Holiday file (.csv)"))
    replace = forms.BooleanField(
        label=_("Replace the years in the file: delete their dates that the file no longer lists"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"


class DeadlineForm(forms.Form):
    """The calculator's query. Only shapes the widgets: ``deadlines.deadline_query`` checks
    the values, exactly as for the API."""

    kind = forms.ChoiceField(label=_("Deadline kind"), required=False)
    date = forms.CharField(label=_("Event date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—")] + [(k.code, k.name) for k in all_kinds()]
        _style(self)
