"""The field lists of the members module, declared once per model and used by the edit
form, the API serializer, the detail page and the export (issue #12)."""

from __future__ import annotations

#: A member's data as entered on the form and through the API (besides the ID number and
#: the phone, which are entered in clear and stored encrypted, so handled apart).
MEMBER_FIELDS = (
    "name",
    "union",
    "employer",
    "occupation",
    "is_new_employment",
    "key_group",
    "platform_name",
    "joined_on",
    "status",
    "left_on",
    "card_number",
    "political_status",
    "skill_level",
)
#: Derived from the ID number or set by the platform: shown, never entered.
MEMBER_DERIVED_FIELDS = ("gender", "birth_date", "anonymised_at")
#: The API's fields (contract.md "Members").
MEMBER_API_FIELDS = ("id", "name", "id_number", "phone", *MEMBER_FIELDS[1:], *MEMBER_DERIVED_FIELDS)
#: The detail page (the numbers are shown masked in their own panel).
MEMBER_DETAIL_FIELDS = ("name", "gender", "birth_date", *MEMBER_FIELDS[1:], "anonymised_at")
#: The Excel export, in this order (ID number and phone masked unless approved).
MEMBER_EXPORT_FIELDS = (
    "name",
    "id_number",
    "phone",
    "gender",
    "union",
    "employer",
    "occupation",
    "is_new_employment",
    "key_group",
    "joined_on",
    "status",
    "card_number",
)

#: A join application as the worker files it (the public page and the mini-program API).
JOINAPPLICATION_INPUT_FIELDS = (
    "name",
    "id_number",
    "phone",
    "region",
    "employer_name",
    "no_fixed_employer",
    "occupation",
    "is_new_employment",
    "key_group",
    "platform_name",
    "consent",
)
#: The reviewer's detail page.
JOINAPPLICATION_DETAIL_FIELDS = (
    "code",
    "name",
    "gender",
    "region",
    "union",
    "no_fixed_employer",
    "employer",
    "employer_name",
    "occupation",
    "is_new_employment",
    "key_group",
    "platform_name",
    "status",
    "decided_at",
    "decided_by",
    "reject_reason",
    "member",
    "consent_version",
    "consented_at",
)
#: The review queue's API (contract.md): the detail fields plus the queue's figures.
JOINAPPLICATION_API_FIELDS = (
    "id",
    "code",
    "name",
    "id_number",
    "phone",
    "gender",
    "birth_date",
    "region",
    "region_name",
    "union",
    "union_name",
    "no_fixed_employer",
    "employer",
    "employer_name",
    "occupation",
    "is_new_employment",
    "key_group",
    "platform_name",
    "status",
    "submitted_on",
    "due_on",
    "days_waiting",
    "is_overdue",
    "decided_at",
    "decided_by",
    "reject_reason",
    "member",
    "consent_version",
    "consented_at",
)

#: A transfer as requested.
MEMBERTRANSFER_FIELDS = ("member", "to_union", "reason")
#: The transfer's detail page.
MEMBERTRANSFER_DETAIL_FIELDS = (
    "member",
    "from_union",
    "to_union",
    "reason",
    "status",
    "from_confirmed_at",
    "from_confirmed_by",
    "to_confirmed_at",
    "to_confirmed_by",
    "decision_note",
)
