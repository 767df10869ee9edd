from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from unionhub.members import selectors
from unionhub.members.choices import (
    ApplicationStatus,
    KeyGroup,
    MemberStatus,
    Occupation,
    PoliticalStatus,
    SkillLevel,
)
from unionhub.members.fields import (
    JOINAPPLICATION_API_FIELDS,
    MEMBER_API_FIELDS,
    MEMBER_DERIVED_FIELDS,
)
from unionhub.members.models import JoinApplication, Member, may_view_personal_data
from unionhub.org.models import OrgUnit


class NullableChoiceField(serializers.ChoiceField):
    """``null`` in the API for an empty choice (stored as "")."""

    def to_representation(self, value):
        return value or None

    def to_internal_value(self, data):
        if data in (None, ""):
            return ""
        return super().to_internal_value(data)


class MemberSerializer(serializers.ModelSerializer):
    """contract.md "Members". ID number and phone are accepted in clear on write (validated,
    encrypted) and returned masked unless the caller may view personal data."""

    id_number = serializers.CharField(max_length=20, help_text=_("18-character ID number"))
    phone = serializers.CharField(max_length=20)
    union = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.all())
    occupation = serializers.ChoiceField(
        choices=Occupation.choices, required=False, allow_blank=True
    )
    key_group = NullableChoiceField(
        choices=KeyGroup.choices, required=False, allow_null=True, allow_blank=True
    )
    status = serializers.ChoiceField(choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    political_status = NullableChoiceField(
        choices=PoliticalStatus.choices, required=False, allow_null=True, allow_blank=True
    )
    skill_level = NullableChoiceField(
        choices=SkillLevel.choices, required=False, allow_null=True, allow_blank=True
    )

    class Meta:
        model = Member
        fields = list(MEMBER_API_FIELDS)
        read_only_fields = ["id", *MEMBER_DERIVED_FIELDS]
        extra_kwargs = {"joined_on": {"required": False}, "left_on": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "union" in self.fields:
            self.fields["union"].queryset = OrgUnit.objects.visible_to(request.user)
        if selectors.has_employer_field():
            model = Member._meta.get_field("employer").related_model
            qs = model._default_manager.all()
            if hasattr(qs, "visible_to") and request is not None:
                qs = qs.visible_to(request.user)
            self.fields["employer"] = serializers.PrimaryKeyRelatedField(
                queryset=qs, required=False, allow_null=True
            )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        allowed = may_view_personal_data(getattr(request, "user", None))
        data["id_number"] = instance.id_number if allowed else instance.id_number_masked
        data["phone"] = instance.phone if allowed else instance.phone_masked
        if not allowed:
            data["birth_date"] = None  # part of the ID number
        return data

    def service_data(self) -> dict:
        """The validated data as the services take it: empty choices and texts as ""."""
        data = dict(self.validated_data)
        for key in (
            "key_group",
            "political_status",
            "skill_level",
            "occupation",
            "platform_name",
            "card_number",
        ):
            if key in data:
                data[key] = data[key] or ""
        return data


class VerifyCodeInput(serializers.Serializer):
    token = serializers.CharField(max_length=500)


class VerifyCodeOutput(serializers.Serializer):
    valid = serializers.BooleanField()
    state = serializers.ChoiceField(choices=["valid", "expired", "invalid"])
    member = serializers.DictField(allow_null=True)


# --- online joining (mini-programs) -----------------------------------------------------


class JoinApplicationCreateSerializer(serializers.Serializer):
    """The fields of the public join page. Shape checks only: every rule (ID check digit,
    mobile number, town in Yancheng, employer or "no fixed employer", key group, consent,
    duplicates) is the service's, so the page and the API answer with the same reasons."""

    name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    id_number = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", help_text=_("ID number")
    )
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    region = serializers.CharField(
        max_length=12,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Statistical code of the town or street where the applicant works."),
    )
    employer_name = serializers.CharField(
        max_length=150, required=False, allow_blank=True, default=""
    )
    no_fixed_employer = serializers.BooleanField(required=False, default=False)
    occupation = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    is_new_employment = serializers.BooleanField(required=False, default=False)
    key_group = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    platform_name = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    consent = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "I agree that the union collects my ID number and phone only for membership registration."
        ),
    )


class JoinApplicationStatusInput(serializers.Serializer):
    """Both the phone and the application code, as on the status page."""

    phone = serializers.CharField(max_length=20)
    code = serializers.CharField(max_length=12)


@extend_schema_field(
    {
        "type": "string",
        "description": "pending 待审核 · approved 已通过 · rejected 已驳回",
    }
)
class ApplicationStatusField(serializers.ChoiceField):
    """The application's status code. Described without an enum component: the points
    submissions' "status" has the same codes and labels, and drf-spectacular would name the
    shared enum by a hash (an ENUM_NAME_OVERRIDES entry in settings would fix that)."""

    def __init__(self, **kwargs):
        super().__init__(choices=ApplicationStatus.choices, **kwargs)


class JoinApplicationPublicSerializer(serializers.Serializer):
    """What the applicant sees of their own application (no personal data echoed)."""

    code = serializers.CharField()
    status = ApplicationStatusField()
    status_display = serializers.CharField(source="get_status_display")
    union_name = serializers.CharField(source="union.name")
    submitted_on = serializers.DateField()
    due_on = serializers.DateField()
    reject_reason = serializers.CharField()


class JoinApplicationSerializer(serializers.ModelSerializer):
    """An application in the review queue; ID number and phone masked unless the caller
    may view personal data (as on the web review page)."""

    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    birth_date = serializers.SerializerMethodField()
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    union_name = serializers.CharField(source="union.name", read_only=True)
    key_group = NullableChoiceField(choices=KeyGroup.choices, read_only=True)
    status = ApplicationStatusField(read_only=True)
    submitted_on = serializers.DateField(read_only=True)
    due_on = serializers.SerializerMethodField()
    days_waiting = serializers.SerializerMethodField()
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = JoinApplication
        fields = list(JOINAPPLICATION_API_FIELDS)
        read_only_fields = fields

    def _allowed(self) -> bool:
        request = self.context.get("request")
        return may_view_personal_data(getattr(request, "user", None))

    def get_id_number(self, obj) -> str:
        return obj.id_number if self._allowed() else obj.id_number_masked

    def get_phone(self, obj) -> str:
        return obj.phone if self._allowed() else obj.phone_masked

    def get_birth_date(self, obj) -> dt.date | None:
        return obj.birth_date if self._allowed() else None  # part of the ID number

    def get_due_on(self, obj) -> dt.date:
        return obj.due_on()

    def get_days_waiting(self, obj) -> int:
        return obj.days_waiting()

    def get_is_overdue(self, obj) -> bool:
        return obj.is_overdue()


class JoinApplicationApproveInput(serializers.Serializer):
    card_number = serializers.CharField(max_length=30, required=False, allow_blank=True)


class JoinApplicationRejectInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
