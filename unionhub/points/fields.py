"""Field lists, declared once per model: the edit form, the detail page, the Excel export
and the tests read them from here (the API's serializers keep their contract's own
subsets, built from the same tuples where they expose a model whole)."""

from __future__ import annotations

from django.db import models

from unionhub.core.exporting import ExportColumn

PROGRAMME_FIELDS = ("union", "name", "slogan", "is_active", "expiry_policy", "expiry_years")
POINTITEM_FIELDS = (
    "programme",
    "category",
    "code",
    "name",
    "points_min",
    "points_max",
    "cap_count",
    "cap_period",
    "evidence",
    "description",
    "is_active",
    "order",
)
REWARD_FIELDS = (
    "programme",
    "name",
    "description",
    "cost",
    "stock",
    "per_person_limit",
    "is_active",
)
DEPARTMENT_FIELDS = ("programme", "name")
POINTSACCOUNT_FIELDS = ("programme", "user", "department", "employee_no")
#: what the service maintains and forms never offer
POINTSACCOUNT_READONLY = ("balance",)
LEDGERENTRY_FIELDS = (
    "account",
    "kind",
    "points",
    "balance_after",
    "reason",
    "actor",
    "item",
    "reference",
    "occurred_at",
    "created_at",
    "idempotency_key",
    "reverses",
)
SUBMISSION_FIELDS = (
    "account",
    "item",
    "description",
    "occurred_at",
    "status",
    "points",
    "reviewed_by",
    "reviewed_at",
    "review_note",
)
REDEMPTION_FIELDS = (
    "account",
    "reward",
    "quantity",
    "points",
    "status",
    "handled_by",
    "handled_at",
    "note",
)
SUGGESTION_FIELDS = (
    "programme",
    "account",
    "title",
    "content",
    "submitted_on",
    "status",
    "estimated_benefit",
    "evaluation",
    "decided_on",
    "realized_benefit",
    "department",
    "implemented_on",
    "bonus_points",
)


def export_columns(
    model: type[models.Model], names: tuple[str, ...], *, totals: tuple[str, ...] = ()
) -> list[ExportColumn]:
    """Excel columns: the record itself (as the list names it), then ``names`` headed by the
    fields' verbose names; the ``totals`` are summed in the 合计 row."""
    return [
        ExportColumn(model._meta.verbose_name, str, 30),
        *(
            ExportColumn(model._meta.get_field(name).verbose_name, name, 18, total=name in totals)
            for name in names
        ),
    ]
