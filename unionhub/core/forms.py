"""Form base classes: Chinese labels from the model, and every choice of a related record
narrowed to the user's data scope (a county admin cannot pick another county's region)."""

from __future__ import annotations

from typing import Any

from django import forms

from unionhub.core.scope import is_scoped_model

#: what the browser's date and time inputs accept as their value (ISO, whatever the locale)
HTML5_INPUT_FORMATS = {"date": "%Y-%m-%d", "datetime-local": "%Y-%m-%dT%H:%M", "time": "%H:%M"}


def iso_input_values(form: forms.BaseForm) -> None:
    """Every date field is the browser's date picker (a module never declares the widget),
    and date and time inputs get ISO values: ``<input type=date>`` rejects ``2026/12/02``
    and would then submit nothing (该字段是必填项)."""
    for field in form.fields.values():
        widget = field.widget
        if (
            isinstance(field, forms.DateField)
            and type(widget) is forms.DateInput  # not a month picker or another subclass
            and "type" not in widget.attrs
        ):
            widget.input_type = "date"
        kind = widget.attrs.get("type") or getattr(widget, "input_type", "")
        if kind in HTML5_INPUT_FORMATS and hasattr(widget, "format"):
            widget.format = HTML5_INPUT_FORMATS[kind]


class CheckChoices(forms.CheckboxSelectMultiple):
    """Several choices as a row of tick boxes, each box inside its own label (a click on a
    label ticks that box), wrapping as whole labels — Django's default list took the
    ``form-control`` class and printed the labels one character per line."""

    template_name = "core/widgets/check_choices.html"
    option_template_name = "django/forms/widgets/checkbox_option.html"


def lay_out_choices(form: forms.BaseForm) -> None:
    """Every multi-choice tick-box field of ``form`` gets the ``CheckChoices`` layout."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple) and not isinstance(
            widget, CheckChoices
        ):
            replacement = CheckChoices(
                attrs={k: v for k, v in widget.attrs.items() if k != "class"}
            )
            replacement.choices = widget.choices
            field.widget = replacement


def restrict_form_fields(form: forms.BaseForm, user: Any) -> None:
    for field in form.fields.values():
        qs = getattr(field, "queryset", None)
        if qs is not None and is_scoped_model(qs.model):
            field.queryset = qs.visible_to(user)


class ScopedModelForm(forms.ModelForm):
    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            restrict_form_fields(self, user)
        iso_input_values(self)
        lay_out_choices(self)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, CheckChoices):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs.setdefault("class", css)

    def _update_errors(self, errors):
        """Unique errors read as sentences naming the existing record (core/uniqueness.py)."""
        from django.core.exceptions import ValidationError

        from unionhub.core.uniqueness import explain_unique

        if isinstance(errors, ValidationError):
            errors = explain_unique(errors, user=self.user, html=True)
        super()._update_errors(errors)


class ScopedFilterForm(forms.Form):
    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        iso_input_values(self)
        lay_out_choices(self)
        if user is not None:
            restrict_form_fields(self, user)
