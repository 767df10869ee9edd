"""FilterSet base: related-record filters offer only what is in the user's scope, and every
widget gets the Tabler CSS class."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import restrict_form_fields

#: the largest integer a filter value may carry (a 64-bit signed database integer): a longer
#: number is a 400 with a sentence, never an ``OverflowError`` 500
INT64_MAX = 2**63 - 1

#: query parameters every list understands besides its filters
LIST_PARAMS = ("page", "page_size", "sort", "cols")
API_LIST_PARAMS = ("page", "page_size", "format", "ordering")


def start_of_next_day(day: dt.date) -> dt.datetime:
    """Local midnight after ``day``: a timestamp is "on or before ``day``" when it is earlier
    (the statistics' dates and the lists their cells link to count the same way)."""
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def param_names(filterset) -> list[str]:
    """The query parameter names a filterset (class or instance) reads: each filter's name,
    and for range filters the suffixed names (``created_after``/``created_before``,
    ``amount_min``/``amount_max``)."""
    if isinstance(filterset, type):
        filterset = filterset(None, queryset=filterset._meta.model._default_manager.none())
    names: list[str] = []
    for name, field in filterset.form.fields.items():
        widget = field.widget
        if hasattr(widget, "suffixes"):
            names.extend(widget.suffixed(name, suffix) for suffix in widget.suffixes)
        elif isinstance(widget, forms.MultiWidget):
            names.extend(name + suffix for suffix in widget.widgets_names)
        else:
            names.append(name)
    return names


def unknown_params(query, allowed) -> list[str]:
    """The keys of ``query`` (a QueryDict) that are not in ``allowed``, in request order."""
    allowed = set(allowed)
    return [key for key in dict.fromkeys(query.keys()) if key not in allowed]


def unknown_params_message(unknown, allowed) -> str:
    """``未知的查询参数：regoin。可用的参数：region, q, page, …``"""
    return _("Unknown query parameter: %(unknown)s. Allowed parameters: %(allowed)s.") % {
        "unknown": ", ".join(unknown),
        "allowed": ", ".join(dict.fromkeys(allowed)) or "—",
    }


def _out_of_range(value) -> bool:
    text = str(value).strip()
    try:
        number = int(text) if text.lstrip("+-").isdigit() else None
    except ValueError:  # pragma: no cover — isdigit() accepts a few non-ASCII digits
        return True
    if number is None:
        try:
            from decimal import Decimal, InvalidOperation

            number = Decimal(text)
        except (InvalidOperation, ValueError):
            return False
        if not number.is_finite():
            return True
    return abs(number) > INT64_MAX


def _bounded(clean):
    def check(value):
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if v not in (None, "") and not isinstance(v, list | tuple) and _out_of_range(v):
                raise forms.ValidationError(
                    _("%(value)s is out of range: a number here has at most 19 digits."),
                    code="out_of_range",
                    params={"value": str(v)[:40]},
                )
        return clean(value)

    return check


NUMERIC_FIELDS = (
    forms.IntegerField,
    forms.DecimalField,
    forms.FloatField,
    forms.ModelChoiceField,  # includes ModelMultipleChoiceField
)


def bound_numeric_fields(form) -> None:
    """Refuse integer/ID filter values beyond a 64-bit signed integer on every numeric and
    record field of ``form`` (also the parts of range fields)."""
    for field in form.fields.values():
        parts = [field, *getattr(field, "fields", ())]
        for part in parts:
            if isinstance(part, NUMERIC_FIELDS) and not getattr(part, "_uh_bounded", False):
                part.clean = _bounded(part.clean)
                part._uh_bounded = True


class AllYesNoSelect(forms.Select):
    """A yes/no filter whose empty choice says 全部 (django-filter's says 未知, but an empty
    filter means "all")."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))])

    def format_value(self, value):
        mapping = {True: "true", False: "false", "True": "true", "False": "false"}
        value = value[0] if isinstance(value, list | tuple) and value else value
        return [mapping.get(value, value if value in ("true", "false") else "")]

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        truth = {"true": True, "True": True, "1": True, "false": False, "False": False, "0": False}
        return truth.get(value)


def _empty_choice_says_all(field) -> None:
    """A filter's empty choice means “every record”: say 全部, not Django's “---------”
    (django-filter's and Django's model choice fields carry it as ``empty_label``)."""
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return
    if getattr(field, "empty_label", None) is not None:
        field.empty_label = _("All")
        if not isinstance(field, forms.ModelChoiceField):
            field.widget.choices = field.choices  # the widget copied them with the old label
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if choices and choices[0][0] == "" and str(choices[0][1]).strip("-") == "":
            field.choices = [("", _("All")), *choices[1:]]


def _in_words(value, labels: dict) -> str:
    if value is True or value is False:
        return str(_("Yes") if value else _("No"))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if not hasattr(value, "_meta"):
        try:
            return str(labels.get(value, value))
        except TypeError:  # an unhashable value (a range)
            return str(value)
    return str(value)


class ScopedFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple[str, ...] = ()
    #: filters kept for the API and for links (``?region=320921`` from a KPI card) but not
    #: shown on the page, where a friendlier field does the same (a region tree select)
    page_hidden: tuple[str, ...] = ()
    #: how many filter fields the page shows before "更多筛选" (the rest fold away), and
    #: the ones to show first (the others keep their declared order)
    page_visible = 5
    page_first: tuple[str, ...] = ()

    def __init__(self, data=None, queryset=None, *, request=None, user=None, **kwargs):
        # Code without a request (exports built later, tasks) passes the user directly.
        super().__init__(data, queryset, request=request, **kwargs)
        self.user = user if user is not None else getattr(request, "user", None)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__icontains": value})
        return queryset.filter(q)

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_uh_styled", False):
            bound_numeric_fields(form)
            if self.user is not None:
                restrict_form_fields(form, self.user)
            for name, field in form.fields.items():
                if name in self.page_hidden:
                    field.widget = forms.HiddenInput()
                    continue
                if isinstance(field, forms.NullBooleanField):
                    field.widget = AllYesNoSelect()
                elif type(field) is forms.DateField:
                    field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                else:
                    _empty_choice_says_all(field)
                w = field.widget
                css = "form-select" if isinstance(w, forms.Select) else "form-control"
                w.attrs.setdefault(
                    "class",
                    css + " form-control-sm" if css == "form-control" else css + " form-select-sm",
                )
            form._uh_styled = True
        return form

    def out_of_range_errors(self) -> list[str]:
        """Messages of filter values refused as out of range (the list page answers 400)."""
        if not self.is_bound:
            return []
        return [
            str(error.message % (error.params or {}))
            for errors in self.form.errors.as_data().values()
            for error in errors
            if error.code == "out_of_range"
        ]

    def page_fields(self) -> tuple[list, list]:
        """The filter form's visible fields split into (always shown, folded); a folded
        field with a value is shown, so an active filter is never hidden."""
        fields = self.form.visible_fields()
        rank = {name: i for i, name in enumerate(self.page_first)}
        fields.sort(key=lambda f: rank.get(f.name, len(rank)))
        shown = fields[: self.page_visible]
        folded = fields[self.page_visible :]
        return shown, folded

    @property
    def folded_active(self) -> bool:
        _shown, folded = self.page_fields()
        return any(self.data.get(f.name) not in (None, "") for f in folded) if self.data else False

    # the title row of an export (core/exporting.py) ---------------------------------
    def _valid_data(self) -> dict:
        if not self.is_bound or not self.form.is_valid():
            return {}
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "", [], ())}

    def title_place(self) -> str | None:
        """The place an export of this filter covers when the filter names one (a region or
        union organisation chosen in the tree or a select), else None (the user's own)."""
        for value in self._valid_data().values():
            if hasattr(value, "path") and hasattr(value, "_meta"):
                return str(value)
        return None

    def title_conditions(self) -> list[str]:
        """The filter in words for an export's title: ``建会状态：已建会``, ``关键字：光伏``
        (the place is said by ``title_place``)."""
        found = []
        for name, value in self._valid_data().items():
            if hasattr(value, "path") and hasattr(value, "_meta"):
                continue
            field = self.form.fields[name]
            if isinstance(field.widget, forms.HiddenInput):
                continue
            model_choice = isinstance(field, forms.ModelChoiceField)  # choices: a query
            labels = {} if model_choice else dict(getattr(field, "choices", None) or ())
            values = value if isinstance(value, list | tuple) else [value]
            shown = "、".join(_in_words(v, labels) for v in values)
            label = _("Keyword") if name == "q" else field.label
            found.append(f"{label}：{shown}")
        return found
