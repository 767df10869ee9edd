"""Unique-value errors as natural sentences that name the existing record (issue #21:
Django's "具有 统一社会信用代码 的 企业 已存在。" glues field names together).

Django's unique errors (``unique`` and ``unique_together`` codes, from ``unique=True``
fields and ``UniqueConstraint``s) carry the record being saved and the fields checked. The
existing record is looked up **through the user's data scope**: one the user may open is
named (and linked on pages: "该统一社会信用代码已登记：XX公司"); one outside the scope is
only said to exist, never named."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from unionhub.core.scope import is_scoped_model

__all__ = ["explain_api_unique", "explain_unique", "unique_message"]

UNIQUE_CODES = ("unique", "unique_together")
#: unique fields whose "already registered" answer is an identity look-up
IDENTITY_FIELDS = {"uscc": "uscc_exists", "id_number_hash": "id_number_exists"}


def _existing(model: type[models.Model], lookup: dict[str, Any], pk: Any) -> models.Model | None:
    others = model._base_manager.filter(**lookup)
    if pk is not None:
        others = others.exclude(pk=pk)
    return others.first()


def _visible(record: models.Model, user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not is_scoped_model(type(record)):
        return True
    return type(record)._default_manager.visible_to(user).filter(pk=record.pk).exists()


def _detail_url(record: models.Model) -> str:
    meta = record._meta
    try:
        return reverse(f"{meta.app_label}:{meta.model_name}", args=[record.pk])
    except NoReverseMatch:
        return ""


def unique_message(
    model: type[models.Model],
    fields: tuple[str, ...],
    lookup: dict[str, Any],
    *,
    pk: Any = None,
    user: Any = None,
    html: bool = False,
) -> str:
    """ "该统一社会信用代码已登记：XX公司" — the record holding ``lookup`` (other than ``pk``),
    named when ``user`` may see it, linked to its page when ``html``."""
    meta = model._meta
    labels = "、".join(str(meta.get_field(f).verbose_name) for f in fields)
    if len(fields) == 1:
        subject = _("This %(field)s") % {"field": labels}
    else:
        subject = _("A %(model)s with the same %(fields)s") % {
            "model": meta.verbose_name,
            "fields": labels,
        }
    record = _existing(model, lookup, pk)
    hidden = record is not None and not _visible(record, user)
    oracle = next((IDENTITY_FIELDS[f] for f in fields if f in IDENTITY_FIELDS), None)
    if hidden and oracle:
        # "registered outside your scope" answers whether a number exists: counted and
        # audited like a search by it (core/identity.py)
        from unionhub.core.identity import identity_lookup

        identity_lookup(kind=oracle, model=model, user=user)
    if record is None or hidden:
        return _("%(subject)s is already registered (by a unit outside your data scope).") % {
            "subject": subject
        }
    url = _detail_url(record) if html else ""
    if url:
        lead = _("%(subject)s is already registered: ") % {"subject": subject}
        return format_html('{}<a href="{}">{}</a>', lead, url, str(record))
    return _("%(subject)s is already registered: %(record)s") % {
        "subject": subject,
        "record": record,
    }


def _sentence(error: ValidationError, user: Any, html: bool) -> ValidationError:
    params = error.params or {}
    instance = params.get("model")
    fields = tuple(params.get("unique_check") or ())
    if not isinstance(instance, models.Model) or not fields:
        return error
    lookup = {}
    for name in fields:
        attname = instance._meta.get_field(name).attname
        lookup[attname] = getattr(instance, attname)
    message = unique_message(type(instance), fields, lookup, pk=instance.pk, user=user, html=html)
    return ValidationError(message, code=error.code)


def explain_api_unique(
    data: Any, *, model: type[models.Model], pk: Any, user: Any, request_data: Any
) -> Any:
    """A DRF error body with the ``unique`` errors of its fields rewritten (the serializer's
    ``UniqueValidator`` message is Django's glued one)."""
    if not isinstance(data, dict):
        return data
    for name, errors in data.items():
        if not isinstance(errors, list) or not any(
            getattr(e, "code", "") == "unique" for e in errors
        ):
            continue
        field = next((f for f in model._meta.concrete_fields if f.name == name), None)
        if field is None:  # a serializer field that is no model field
            continue
        value = request_data.get(name) if hasattr(request_data, "get") else None
        message = unique_message(model, (name,), {field.attname: value}, pk=pk, user=user)
        data[name] = [message if getattr(e, "code", "") == "unique" else e for e in errors]
    return data


def explain_unique(exc: ValidationError, *, user: Any, html: bool = False) -> ValidationError:
    """``exc`` with every unique error rewritten; other errors unchanged. ``html``: link
    the existing record (for pages; the API gets plain text)."""
    if hasattr(exc, "error_dict"):
        result: dict[str, list[ValidationError]] = {}
        for field, errors in exc.error_dict.items():
            rewritten = [_sentence(e, user, html) if e.code in UNIQUE_CODES else e for e in errors]
            # A multi-field rule's error belongs to the record, not to its first field.
            result.setdefault(field or NON_FIELD_ERRORS, []).extend(rewritten)
        return ValidationError(result)
    return ValidationError(
        [_sentence(e, user, html) if e.code in UNIQUE_CODES else e for e in exc.error_list]
    )
