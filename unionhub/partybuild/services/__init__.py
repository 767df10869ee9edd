"""Every write of the module: keyword-only, the acting user named ``actor``, in a
transaction, rechecking that what was written stays inside the actor's data scope."""

from unionhub.partybuild.services.cultivation import (
    cultivation_create,
    cultivation_delete,
    cultivation_update,
    validate_stages,
)
from unionhub.partybuild.services.cycle import (
    cyclereport_review,
    cyclereport_submit,
    due_dates,
    participation_create,
    participation_delete,
    participation_update,
)
from unionhub.partybuild.services.facts import (
    partyfacts_create,
    partyfacts_delete,
    partyfacts_update,
    validate_facts,
)
from unionhub.partybuild.services.records import (
    demonstration_create,
    demonstration_delete,
    demonstration_update,
    deputy_create,
    deputy_delete,
    deputy_update,
    lecture_create,
    lecture_delete,
    lecture_update,
)

__all__ = [
    "cultivation_create",
    "cultivation_delete",
    "cultivation_update",
    "cyclereport_review",
    "cyclereport_submit",
    "demonstration_create",
    "demonstration_delete",
    "demonstration_update",
    "deputy_create",
    "deputy_delete",
    "deputy_update",
    "due_dates",
    "lecture_create",
    "lecture_delete",
    "lecture_update",
    "participation_create",
    "participation_delete",
    "participation_update",
    "partyfacts_create",
    "partyfacts_delete",
    "partyfacts_update",
    "validate_facts",
    "validate_stages",
]
