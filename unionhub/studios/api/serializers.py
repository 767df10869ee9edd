"""Read shapes of the studios' API lists (writes go through the pages' services)."""

from rest_framework import serializers

from unionhub.studios.models import (
    ACHIEVEMENT_FIELDS,
    ALLIANCE_FIELDS,
    ALLIANCEMEMBERSHIP_FIELDS,
    FUNDING_FIELDS,
    JOINTPROJECT_FIELDS,
    STUDIO_FIELDS,
    STUDIOMEMBER_FIELDS,
    Achievement,
    Alliance,
    AllianceMembership,
    Funding,
    JointProject,
    Studio,
    StudioMember,
)


def _read_only(model, fields, **extra):
    meta = type(
        "Meta", (), {"model": model, "fields": ("id", *fields), "read_only_fields": ("id", *fields)}
    )
    return type(
        f"{model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta, **extra}
    )


def _region():
    return serializers.SlugRelatedField(slug_field="code", read_only=True)


StudioSerializer = _read_only(
    Studio,
    (*STUDIO_FIELDS, "region", "reevaluation_due", "last_reevaluated_on"),
    region=_region(),
)
StudioMemberSerializer = _read_only(StudioMember, STUDIOMEMBER_FIELDS)
AchievementSerializer = _read_only(Achievement, ACHIEVEMENT_FIELDS)
FundingSerializer = _read_only(Funding, FUNDING_FIELDS)
AllianceSerializer = _read_only(Alliance, (*ALLIANCE_FIELDS, "lead_since"), region=_region())
AllianceMembershipSerializer = _read_only(AllianceMembership, ALLIANCEMEMBERSHIP_FIELDS)
JointProjectSerializer = _read_only(
    JointProject,
    (
        *JOINTPROJECT_FIELDS,
        "status",
        "taken_by",
        "taken_on",
        "completed_on",
        "outcome",
        "economic_benefit",
    ),
)
