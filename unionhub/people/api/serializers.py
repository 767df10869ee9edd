"""Read shapes of the registry's API lists (writes go through the pages' services)."""

from rest_framework import serializers

from unionhub.people.models import (
    HONOUR_FIELDS,
    MENTORSHIP_FIELDS,
    MODEL_WORKER_FIELDS,
    NOMINATION_FIELDS,
    Honour,
    Mentorship,
    ModelWorker,
    Nomination,
)


class ModelWorkerSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ModelWorker
        fields = ("id", *MODEL_WORKER_FIELDS)
        read_only_fields = fields


class HonourSerializer(serializers.ModelSerializer):
    class Meta:
        model = Honour
        fields = ("id", *HONOUR_FIELDS)
        read_only_fields = fields


class NominationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Nomination
        fields = ("id", *NOMINATION_FIELDS, "status", "notice_from", "notice_to", "awarded_on")
        read_only_fields = fields


class MentorshipSerializer(serializers.ModelSerializer):
    mentor_name = serializers.CharField(source="mentor.name", read_only=True)

    class Meta:
        model = Mentorship
        fields = ("id", *MENTORSHIP_FIELDS, "mentor_name")
        read_only_fields = fields
