"""Writes of the enterprises module, one module per area. Derived columns (size class,
union status, target reasons) are maintained in ``derived`` and nowhere else. Every
service takes a keyword-only ``actor`` (``None`` when the system acts)."""

from unionhub.enterprises.fields import ENTERPRISE_FIELDS
from unionhub.enterprises.services.campaigns import (
    campaign_create,
    campaign_delete,
    campaign_set_targets,
    campaign_update,
    contactlog_create,
    contactlog_delete,
    contactlog_update,
)
from unionhub.enterprises.services.derived import (
    DERIVED_FIELDS,
    _term_ends,
    derive,
    enterprises_refresh,
    term_ends,
)
from unionhub.enterprises.services.enterprises import (
    enterprise_create,
    enterprise_delete,
    enterprise_update,
    import_summary_record,
)
from unionhub.enterprises.services.unions import (
    max_delay_months,
    union_create,
    union_delay_approve,
    union_delete,
    union_reelect,
    union_update,
    validate_union,
)

__all__ = [
    "DERIVED_FIELDS",
    "ENTERPRISE_FIELDS",
    "campaign_create",
    "campaign_delete",
    "campaign_set_targets",
    "campaign_update",
    "contactlog_create",
    "contactlog_delete",
    "contactlog_update",
    "derive",
    "enterprise_create",
    "enterprise_delete",
    "enterprise_update",
    "enterprises_refresh",
    "import_summary_record",
    "max_delay_months",
    "_term_ends",
    "term_ends",
    "union_create",
    "union_delay_approve",
    "union_delete",
    "union_reelect",
    "union_update",
    "validate_union",
]
