"""The field lists of each model, declared once: forms, serializers, detail pages and
services (and the tests) use these tuples, so a field added here shows everywhere."""

from __future__ import annotations

#: What a person records about an enterprise (the rest is derived by the services).
ENTERPRISE_BASE_FIELDS = (
    "uscc",
    "name",
    "region",
    "industry_code",
    "ownership",
    "employees",
    "revenue_wan",
    "assets_wan",
    "founded_on",
    "operating_status",
    "has_party_org",
    "is_head_enterprise",
    "is_high_profile",
)
#: Why an administrator accepted a code failing its checksum (administrators only).
ENTERPRISE_OVERRIDE_FIELD = "uscc_override_reason"
#: Input of the enterprise services, form and API.
ENTERPRISE_FIELDS = (*ENTERPRISE_BASE_FIELDS, ENTERPRISE_OVERRIDE_FIELD)
#: Computed by ``services.derived`` and stored for filtering; read-only everywhere.
ENTERPRISE_DERIVED_FIELDS = ("size_class", "union_status", "target_reasons")
#: The detail page and the API representation.
ENTERPRISE_DETAIL_FIELDS = (
    *ENTERPRISE_BASE_FIELDS,
    *ENTERPRISE_DERIVED_FIELDS,
    ENTERPRISE_OVERRIDE_FIELD,
)

#: A grassroots union's own columns; ``term_end`` and ``delay_until`` are maintained by
#: the services (term arithmetic, approved delays).
UNION_FIELDS = (
    "form",
    "mode",
    "founded_on",
    "approved_on",
    "chair_name",
    "term_start",
    "term_years",
    "term_end",
    "delay_until",
    "member_count",
)
UNION_DERIVED_FIELDS = ("term_end", "delay_until")
#: Input of the union services and form: the name (of its organisation), the covered
#: enterprises and the editable columns.
UNION_INPUT_FIELDS = (
    "name",
    "enterprises",
    *(f for f in UNION_FIELDS if f not in UNION_DERIVED_FIELDS),
)
UNION_DETAIL_FIELDS = ("org_unit", *UNION_FIELDS)

#: A re-election (换届) as recorded.
REELECTION_FIELDS = ("elected_on", "term_years", "chair_name", "member_count", "note")
#: An approved delay of re-election (延期换届) as its approval document says.
DELAY_FIELDS = ("delay_until", "approved_by", "approved_on", "document_no", "reason")

CAMPAIGN_FIELDS = ("name", "year", "region", "starts_on", "ends_on")

#: What a person records about a visit (form, API and detail page show the same fields).
CONTACT_FIELDS = (
    "enterprise",
    "campaign",
    "contacted_on",
    "department",
    "obstacle",
    "next_step",
    "next_contact_on",
    "fallback",
    "recruited_members",
)
