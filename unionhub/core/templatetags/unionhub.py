from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from unionhub.core import formatting

register = template.Library()


@register.simple_tag
def cell(obj: Any, name: str) -> Any:
    """A table cell: attribute, method or ``get_x_display``; booleans as 是/否, dates and
    times in Asia/Shanghai (``YYYY-MM-DD HH:MM``, never the stored UTC value)."""
    value: Any = obj
    for part in name.split("__"):
        value = getattr(value, part, None)
        if callable(value):
            value = value()
        if value is None:
            return ""
    if value is True:
        # a column named "…overdue…" (超期/已超时) is a warning: red, not green
        colour = "bg-red-lt" if "overdue" in name else "bg-green-lt"
        return format_html('<span class="badge {}">{}</span>', colour, _("Yes"))
    if value is False:
        return format_html('<span class="badge bg-secondary-lt">{}</span>', _("No"))
    return formatting.local_value(value)


@register.filter
def local(value: Any) -> Any:
    """A date or time as local text: ``{{ ticket.raised_at|local }}`` → 2026-12-02 04:22."""
    return formatting.local_value(value)


@register.filter
def num(value: Any, places: int = 0) -> str:
    """A count with thousands separators: ``{{ 12345|num }}`` → 12,345."""
    return formatting.number(value, int(places))


@register.filter
def yuan(value: Any) -> str:
    """Money in 元, two decimals: ``{{ amount|yuan }}`` → 12,345.60."""
    return formatting.yuan(value)


@register.filter
def wanyuan(value: Any) -> str:
    """Money in 万元, one decimal: ``{{ amount|wanyuan }}`` → 1.2."""
    return formatting.wanyuan(value)


@register.simple_tag
def object_url(url_name: str, obj: Any) -> str:
    try:
        return reverse(url_name, args=[obj.pk])
    except NoReverseMatch:
        return ""


@register.simple_tag
def url_or_empty(url_name: str) -> str:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def sort_url(context, field: str) -> str:
    query = context["request"].GET.copy()
    current = query.get("sort", "")
    query["sort"] = f"-{field}" if current == field else field
    query.pop("page", None)
    return "?" + query.urlencode()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


#: keys of audit entries that are not model fields (exports, imports, bulk actions)
AUDIT_KEYS = {
    "rows": pgettext_lazy("audit", "rows exported"),
    "unmasked": pgettext_lazy("audit", "unmasked"),
    "created": pgettext_lazy("audit", "created"),
    "updated": pgettext_lazy("audit", "updated"),
    "skipped": pgettext_lazy("audit", "skipped"),
    "count": pgettext_lazy("audit", "count"),
    "file": pgettext_lazy("audit", "file"),
    "fields": pgettext_lazy("audit", "fields"),
    "rotated": pgettext_lazy("audit", "records re-encrypted"),
    "key_id": pgettext_lazy("audit", "key"),
    "town_targets": pgettext_lazy("audit", "town targets"),
    "schedule": pgettext_lazy("audit", "opening hours"),
}


def _audit_value(field: Any, value: Any) -> Any:
    """One stored audit value as a reader expects it: choice labels, 是/否, local times."""
    import datetime as dt

    from django.db import models as dj_models
    from django.utils.dateparse import parse_datetime

    if value is None or value == "":
        return "∅"
    if value is True or value == "True":
        return _("Yes")
    if value is False or value == "False":
        return _("No")
    if field is not None and getattr(field, "choices", None):
        labels = {str(k): v for k, v in field.flatchoices}
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(value, str) and (
        isinstance(field, dj_models.DateTimeField) or (field is None and "T" in value)
    ):
        moment = parse_datetime(value)
        if isinstance(moment, dt.datetime):
            return formatting.local_datetime(moment)
    if isinstance(value, list):
        return "、".join(str(_audit_value(field, v)) for v in value) or "∅"
    if isinstance(value, dict):  # a JSON field (a checklist's results…): 项目：值；…
        return "；".join(f"{k}：{_audit_value(None, v)}" for k, v in value.items()) or "∅"
    return value


@register.simple_tag
def audit_changes(record: Any) -> list[dict[str, Any]]:
    """The rows of an audit entry: ``label``, and ``before`` → ``after`` for a changed field
    (``[before, after]`` pairs) or a single ``value`` (summaries such as rows exported)."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        model = apps.get_model(record.app_label, record.model_name)
    except (LookupError, ValueError):
        model = None
    rows = []
    for name, stored in (record.changes or {}).items():
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
        label = field.verbose_name if field is not None else AUDIT_KEYS.get(name, name)
        if isinstance(stored, list | tuple) and len(stored) == 2:
            rows.append(
                {
                    "label": label,
                    "before": _audit_value(field, stored[0]),
                    "after": _audit_value(field, stored[1]),
                }
            )
        else:
            rows.append({"label": label, "value": _audit_value(field, stored)})
    return rows


@register.simple_tag
def field_label(record: Any, name: str) -> Any:
    """The verbose name of a changed field in an audit entry (falls back to the name)."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        model = apps.get_model(record.app_label, record.model_name)
        return model._meta.get_field(name).verbose_name
    except (LookupError, FieldDoesNotExist, ValueError):
        return name


@register.simple_tag
def filter_fields(filterset: Any) -> dict[str, Any]:
    """The list's filter fields: ``shown`` first, ``folded`` under "更多筛选" (open when one
    of them is in use), ``hidden`` inputs that carry API-style parameters along."""
    form = filterset.form
    if hasattr(filterset, "page_fields"):
        shown, folded = filterset.page_fields()
        active = filterset.folded_active
    else:
        shown, folded, active = form.visible_fields(), [], False
    return {"shown": shown, "folded": folded, "active": active, "hidden": form.hidden_fields()}


@register.filter
def sum_of(rows: Any, key: str) -> Any:
    """The 合计 of one column of a summary table: ``{{ rows|sum_of:"visits"|num }}``."""
    total = 0
    for row in rows or ():
        value = row.get(key) if hasattr(row, "get") else getattr(row, key, 0)
        total += value or 0
    return total
