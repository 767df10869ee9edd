"""API serializers. Enums are the stable lowercase codes; money is a string with two
decimals; a sign-in's phone is masked unless the caller may view personal data."""

from __future__ import annotations

from rest_framework import serializers

from unionhub.activities.models import (
    ACTIVITY_FIELDS,
    PERFORMER_FIELDS,
    PROGRAMME_FIELDS,
    SEASON_PLAN_FIELDS,
    SHOW_FIELDS,
    VISIT_TARGET_FIELDS,
    Activity,
    Performer,
    Programme,
    SeasonPlan,
    Show,
    SignIn,
    VisitTarget,
)


class ActivitySerializer(serializers.ModelSerializer):
    organiser_name = serializers.CharField(source="organiser.name", read_only=True)
    signin_count = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = ("id", *ACTIVITY_FIELDS, "organiser_name", "person_times", "signin_count")
        read_only_fields = ("person_times",)

    def get_signin_count(self, obj) -> int:
        annotated = getattr(obj, "signin_total", None)
        return annotated if annotated is not None else obj.signins.count()


class VisitTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = VisitTarget
        fields = ("id", *VISIT_TARGET_FIELDS)


class SignInSerializer(serializers.ModelSerializer):
    phone = serializers.SerializerMethodField()

    class Meta:
        model = SignIn
        fields = (
            "id",
            "activity",
            "name",
            "phone",
            "employer_name",
            "member",
            "source",
            "signed_at",
        )
        read_only_fields = fields

    def get_phone(self, obj) -> str:
        from unionhub.members.models import may_view_personal_data

        request = self.context.get("request")
        if not obj.phone_enc:
            return ""
        return (
            obj.phone
            if may_view_personal_data(getattr(request, "user", None))
            else obj.phone_masked
        )


class SeasonPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = SeasonPlan
        fields = ("id", *SEASON_PLAN_FIELDS)


class ShowSerializer(serializers.ModelSerializer):
    class Meta:
        model = Show
        fields = ("id", *SHOW_FIELDS)


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ("id", *PROGRAMME_FIELDS)


class PerformerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Performer
        fields = ("id", *PERFORMER_FIELDS)
