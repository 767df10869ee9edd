from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from unionhub.members import services
from unionhub.members.choices import KeyGroup, MemberStatus, Occupation, PoliticalStatus, SkillLevel
from unionhub.members.models import Member, may_view_personal_data
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
        fields = [
            "id",
            "name",
            "id_number",
            "phone",
            "union",
            "employer",
            "occupation",
            "is_new_employment",
            "key_group",
            "platform_name",
            "joined_on",
            "status",
            "card_number",
            "political_status",
            "skill_level",
            "gender",
            "birth_date",
        ]
        read_only_fields = ["id", "gender", "birth_date"]
        extra_kwargs = {"joined_on": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "union" in self.fields:
            self.fields["union"].queryset = OrgUnit.objects.visible_to(request.user)
        if services.has_employer_field():
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

    def _clean(self, validated):
        for key in (
            "key_group",
            "political_status",
            "skill_level",
            "occupation",
            "platform_name",
            "card_number",
        ):
            if key in validated:
                validated[key] = validated[key] or ""
        return validated

    def create(self, validated_data):
        data = self._clean(dict(validated_data))
        return services.member_create(**data)

    def update(self, instance, validated_data):
        data = self._clean(dict(validated_data))
        data.pop("created_by", None)
        return services.member_update(member=instance, **data)


class VerifyCodeInput(serializers.Serializer):
    token = serializers.CharField(max_length=500)


class VerifyCodeOutput(serializers.Serializer):
    valid = serializers.BooleanField()
    state = serializers.ChoiceField(choices=["valid", "expired", "invalid"])
    member = serializers.DictField(allow_null=True)
