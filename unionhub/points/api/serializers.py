from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from unionhub.points.choices import Evidence
from unionhub.points.models import (
    LedgerEntry,
    PointItem,
    PointsAccount,
    Redemption,
    Reward,
    Submission,
    Suggestion,
)


class PointsAccountSerializer(serializers.ModelSerializer):
    # ``accounts/me`` answers a caller without an account with ``id``/``programme`` null
    id = serializers.IntegerField(read_only=True, allow_null=True)
    programme = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    name = serializers.SerializerMethodField()
    programme_name = serializers.CharField(source="programme.name", read_only=True)
    department = serializers.CharField(source="department.name", default="", read_only=True)

    class Meta:
        model = PointsAccount
        fields = [
            "id",
            "balance",
            "programme",
            "programme_name",
            "name",
            "employee_no",
            "department",
        ]
        read_only_fields = fields

    def get_name(self, obj) -> str:
        return obj.user.full_name or obj.user.username


class PointItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PointItem
        fields = [
            "id",
            "code",
            "name",
            "points_min",
            "points_max",
            "cap_count",
            "cap_period",
            "evidence",
        ]


class RewardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reward
        fields = ["id", "programme", "name", "description", "cost", "stock", "per_person_limit"]
        read_only_fields = fields


class RedemptionSerializer(serializers.ModelSerializer):
    reward = serializers.PrimaryKeyRelatedField(queryset=Reward.objects.all())
    quantity = serializers.IntegerField(min_value=1, max_value=1000)
    reward_name = serializers.CharField(source="reward.name", read_only=True)

    class Meta:
        model = Redemption
        fields = [
            "id",
            "account",
            "reward",
            "reward_name",
            "quantity",
            "points",
            "status",
            "created_at",
            "handled_at",
            "note",
        ]
        read_only_fields = ["id", "account", "points", "status", "created_at", "handled_at", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            from unionhub.points.selectors import reward_list

            self.fields["reward"].queryset = reward_list(user=request.user)
            self.fields["reward"].error_messages["does_not_exist"] = _(
                "This reward is not available."
            )


class SubmissionSerializer(serializers.ModelSerializer):
    """A claim. Send it as ``multipart/form-data`` when the item requires evidence
    (``photo``: jpg, png, webp or pdf, ≤ 10 MB); read the file back from ``evidence_url``,
    which serves it only to those who may see the submission."""

    item = serializers.PrimaryKeyRelatedField(queryset=PointItem.objects.all())
    item_name = serializers.CharField(source="item.name", read_only=True)
    evidence_required = serializers.ChoiceField(
        source="item.evidence", choices=Evidence.choices, read_only=True
    )
    photo = serializers.FileField(
        required=False,
        allow_null=True,
        write_only=True,
        help_text=_("Evidence: a photo (jpg, png, webp) or a PDF, at most 10 MB."),
    )
    evidence_url = serializers.SerializerMethodField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            from unionhub.points.selectors import item_choices

            self.fields["item"].queryset = item_choices(user=request.user)

    def get_evidence_url(self, obj) -> str | None:
        if not obj.photo:
            return None
        # The API's own download: works with a token as well as a session (finding 8)
        url = reverse("points-submission-evidence", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url

    class Meta:
        model = Submission
        fields = [
            "id",
            "account",
            "item",
            "item_name",
            "description",
            "photo",
            "evidence_required",
            "evidence_url",
            "occurred_at",
            "status",
            "points",
            "reviewed_at",
            "review_note",
        ]
        read_only_fields = [
            "id",
            "account",
            "occurred_at",
            "status",
            "points",
            "reviewed_at",
            "review_note",
        ]


class ReviewSerializer(serializers.Serializer):
    points = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AppealSerializer(serializers.Serializer):
    reason = serializers.CharField()


# Explicit component name: another module has a serializer of the same name.
@extend_schema_serializer(component_name="PointsLedgerEntry")
class LedgerEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "account",
            "kind",
            "points",
            "balance_after",
            "reason",
            "item",
            "reference",
            "reverses",
            "occurred_at",
            "created_at",
        ]
        read_only_fields = fields


class SuggestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Suggestion
        fields = [
            "id",
            "programme",
            "account",
            "title",
            "content",
            "submitted_on",
            "status",
            "estimated_benefit",
            "realized_benefit",
            "department",
            "bonus_points",
        ]
        read_only_fields = [
            "id",
            "programme",
            "account",
            "submitted_on",
            "status",
            "estimated_benefit",
            "realized_benefit",
            "department",
            "bonus_points",
        ]
