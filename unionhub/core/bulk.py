"""Bulk actions on record lists (NetBox's bulk edit / bulk delete, the Django admin's actions).

A list view declares what can be done to many records at once::

    class EnterpriseListView(ObjectListView):
        bulk_actions = [
            bulk.edit_action(EnterpriseBulkEditForm, update_one=services.enterprise_update_fields),
            bulk.export_action(export_selected, permission="enterprises.export_enterprise"),
            bulk.delete_action(delete_one=services.enterprise_delete_one),
        ]

The user ticks rows (or "all N records matching the filter"), chooses an action, sees a
confirmation with the count and, for edits, a form; the action then runs record by record
through the module's service — so every rule, scope check and audit entry of a single edit
applies — and reports which records were refused and why. The records always come from the
list's own scoped, filtered queryset: a posted id outside the user's scope is simply not there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

__all__ = [
    "BulkAction",
    "BulkOutcome",
    "delete_action",
    "edit_action",
    "export_action",
    "run_each",
]

#: One bulk action touches at most this many records (a county's whole registry fits).
MAX_RECORDS = 5000


@dataclass
class BulkOutcome:
    done: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (record, reason)
    response: HttpResponse | None = None  # a download instead of a redirect


@dataclass(frozen=True)
class BulkAction:
    key: str
    label: Any
    #: "app.codename"; "{app}" and "{model}" are filled in from the list's model
    permission: str
    run: Callable[[Any, models.QuerySet, dict[str, Any]], BulkOutcome]
    form_class: type[forms.Form] | None = None
    #: ask for confirmation first (always, when there is a form)
    confirm: bool = True
    danger: bool = False
    done_message: Any = _("%(n)d records updated.")

    def permission_for(self, model: type[models.Model]) -> str:
        meta = model._meta
        return self.permission.format(app=meta.app_label, model=meta.model_name)


def _reason(exc: Exception, obj: Any = None) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    if obj is not None:
        from unionhub.core.services import deletion_refusal

        return deletion_refusal(obj, exc)
    return str(_("Other records still depend on it."))


def run_each(queryset: models.QuerySet, one: Callable[[Any], Any]) -> BulkOutcome:
    """Apply ``one`` to every record, each in its own savepoint: a refused record is rolled
    back and reported, the others stay done."""
    outcome = BulkOutcome()
    for obj in queryset.iterator(chunk_size=500):
        try:
            with transaction.atomic():
                one(obj)
        except (ValidationError, models.ProtectedError, models.RestrictedError) as exc:
            outcome.refused.append((str(obj), _reason(exc, obj)))
        else:
            outcome.done += 1
    return outcome


def delete_action(delete_one: Callable[..., Any] | None = None, *, label: Any = None) -> BulkAction:
    """Delete the chosen records through ``delete_one(actor, obj)`` (a service that may
    refuse with a reason), or plain ``obj.delete()``."""

    def run(request, queryset, _data):
        def one(obj):
            if delete_one is None:
                obj.delete()
            else:
                delete_one(request.user, obj)

        return run_each(queryset, one)

    return BulkAction(
        key="delete",
        label=label or _("Delete the selected records"),
        permission="{app}.delete_{model}",
        run=run,
        danger=True,
        done_message=_("%(n)d records deleted."),
    )


def edit_action(
    form_class: type[forms.Form],
    *,
    update_one: Callable[..., Any],
    label: Any = None,
) -> BulkAction:
    """Set the fields filled in on ``form_class`` (blank = leave as is) on every chosen
    record through ``update_one(actor, obj, changes)``."""

    def run(request, queryset, data):
        changes = {k: v for k, v in data.items() if v not in (None, "")}
        if not changes:
            raise ValidationError(_("Fill in at least one field to change."))
        return run_each(queryset, lambda obj: update_one(request.user, obj, changes))

    return BulkAction(
        key="edit",
        label=label or _("Bulk edit"),
        permission="{app}.change_{model}",
        run=run,
        form_class=form_class,
    )


def export_action(
    export: Callable[[Any, models.QuerySet], HttpResponse], *, permission: str, label: Any = None
) -> BulkAction:
    """Download the chosen records (the same file as the list's export)."""

    def run(request, queryset, _data):
        return BulkOutcome(done=queryset.count(), response=export(request, queryset))

    return BulkAction(
        key="export",
        label=label or _("Export the selected records"),
        permission=permission,
        run=run,
        confirm=False,
    )


class TriState(forms.TypedChoiceField):
    """A yes/no field of a bulk edit form whose blank choice means "leave unchanged"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            choices=[("", _("(unchanged)")), ("1", _("Yes")), ("0", _("No"))],
            coerce=lambda v: v == "1",
            empty_value=None,
            **kwargs,
        )
