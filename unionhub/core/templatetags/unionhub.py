from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def cell(obj: Any, name: str) -> Any:
    """A table cell: attribute, method or ``get_x_display``; booleans as 是/否."""
    value: Any = obj
    for part in name.split("__"):
        value = getattr(value, part, None)
        if callable(value):
            value = value()
        if value is None:
            return ""
    if value is True:
        return format_html('<span class="badge bg-green-lt">{}</span>', _("Yes"))
    if value is False:
        return format_html('<span class="badge bg-secondary-lt">{}</span>', _("No"))
    return value


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
