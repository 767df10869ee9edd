"""Writes of the members module, one module per area:

- ``members``: registering, editing and deleting members, revealing their personal data;
- ``joining``: online join applications (filing, approving, rejecting);
- ``transfers``: transfers between unions;
- ``retention``: anonymising former members' personal data when its period has passed.

Every service takes keyword arguments only, with the acting user first (``actor=None``
where the system acts: scheduled jobs, demo data), runs in a transaction and rechecks that
what it wrote is inside the actor's data scope. Problems are ``ValidationError``s with a
stable ``code`` on the field they concern. Reads live in ``unionhub.members.selectors``;
the few that other modules import from here (the member code) are re-exported.
"""

from unionhub.members.selectors import (
    DEFAULT_MEMBER_CODE_MAX_AGE,
    DEFAULT_MEMBER_RETENTION_YEARS,
    MEMBER_CODE_SALT,
    has_employer_field,
    member_code_check,
    member_code_max_age,
    member_code_token,
    member_code_verify,
)
from unionhub.members.services.joining import (
    CONSENT_VERSION,
    joinapplication_apply,
    joinapplication_approve,
    joinapplication_reject,
    joinapplication_submit,
)
from unionhub.members.services.members import (
    MEMBER_UPDATABLE,
    member_create,
    member_delete,
    member_form_printed,
    member_link_account,
    member_reveal,
    member_update,
)
from unionhub.members.services.retention import AnonymiseResult, members_anonymise
from unionhub.members.services.transfers import (
    membertransfer_confirm,
    membertransfer_reject,
    membertransfer_request,
)

__all__ = [
    "CONSENT_VERSION",
    "DEFAULT_MEMBER_CODE_MAX_AGE",
    "DEFAULT_MEMBER_RETENTION_YEARS",
    "MEMBER_CODE_SALT",
    "MEMBER_UPDATABLE",
    "AnonymiseResult",
    "has_employer_field",
    "joinapplication_apply",
    "joinapplication_approve",
    "joinapplication_reject",
    "joinapplication_submit",
    "member_code_check",
    "member_code_max_age",
    "member_code_token",
    "member_code_verify",
    "member_create",
    "member_delete",
    "member_link_account",
    "member_form_printed",
    "member_reveal",
    "member_update",
    "members_anonymise",
    "membertransfer_confirm",
    "membertransfer_reject",
    "membertransfer_request",
]
