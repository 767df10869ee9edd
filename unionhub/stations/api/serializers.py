from __future__ import annotations

import uuid

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from unionhub.org.models import Region
from unionhub.stations import choices
from unionhub.stations.fields import (
    STATION_API_FIELDS,
    STATION_API_READ_ONLY,
    TICKET_FIELDS,
    TICKET_STATE_FIELDS,
)
from unionhub.stations.models import CheckIn, Station, Ticket


class StationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    is_open_now = serializers.BooleanField(read_only=True)
    mode_now = serializers.ChoiceField(choices=choices.ModeNow.choices, read_only=True)
    facilities = serializers.ListField(
        child=serializers.ChoiceField(choices=choices.Facility.choices), required=False
    )

    class Meta:
        model = Station
        fields = ["id", *STATION_API_FIELDS, *STATION_API_READ_ONLY]


class NearbyStationSerializer(serializers.ModelSerializer):
    distance_m = serializers.IntegerField(read_only=True)
    is_open_now = serializers.BooleanField(read_only=True)
    mode_now = serializers.CharField(read_only=True)
    facilities = serializers.SerializerMethodField()
    entry_url = serializers.SerializerMethodField()

    class Meta:
        model = Station
        fields = [
            "id",
            "name",
            "code",
            "kind",
            "address",
            "lat",
            "lng",
            "is_smart",
            "distance_m",
            "is_open_now",
            "mode_now",
            "facilities",
            "contact_phone",
            "entry_url",
        ]

    def get_facilities(self, obj) -> list[str]:
        return obj.facility_labels()

    def get_entry_url(self, obj) -> str:
        from django.urls import reverse

        return reverse("stations:phone_entry", args=[obj.code])


class NearbyQuerySerializer(serializers.Serializer):
    lat = serializers.FloatField(
        min_value=-90,
        max_value=90,
        error_messages={
            "required": _("Give the latitude lat."),
            "invalid": _("The latitude lat must be a number."),
            "min_value": _("The latitude lat must be between -90 and 90."),
            "max_value": _("The latitude lat must be between -90 and 90."),
        },
    )
    lng = serializers.FloatField(
        min_value=-180,
        max_value=180,
        error_messages={
            "required": _("Give the longitude lng."),
            "invalid": _("The longitude lng must be a number."),
            "min_value": _("The longitude lng must be between -180 and 180."),
            "max_value": _("The longitude lng must be between -180 and 180."),
        },
    )
    open_now = serializers.BooleanField(required=False, default=False)
    limit = serializers.IntegerField(
        required=False,
        default=20,
        min_value=1,
        max_value=100,
        error_messages={
            "invalid": _("limit must be a whole number."),
            "min_value": _("limit must be at least 1."),
            "max_value": _("limit must be at most 100."),
        },
    )


class CheckInInputSerializer(serializers.Serializer):
    event_id = serializers.UUIDField(
        error_messages={
            "required": _("Give the event_id."),
            "invalid": _("event_id must be a UUID."),
        }
    )
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20)
    member_code = serializers.CharField(required=False, allow_blank=True, max_length=200)
    occupation = serializers.ChoiceField(
        choices=choices.Occupation.choices,
        required=False,
        error_messages={"invalid_choice": _("Unknown occupation: {input}.")},
    )
    at = serializers.DateTimeField(
        required=False, error_messages={"invalid": _("The time must be in ISO 8601 format.")}
    )


class CheckInSerializer(serializers.ModelSerializer):
    class Meta:
        model = CheckIn
        fields = ["id", "event_id", "station", "at", "occupation", "source", "is_member"]


# --- the check-in hot path ------------------------------------------------------------------
# Building a ModelSerializer costs more than the rest of a check-in (≈1.4 ms, ≈0.5 ms for the
# input serializer). The helpers below give the same results for the common well-formed body;
# anything unusual goes through ``CheckInInputSerializer``, which also words every error.

_INPUT_FIELDS = CheckInInputSerializer._declared_fields
_AT = _INPUT_FIELDS["at"]  # stateless: parsing and time zone exactly as the serializer's
_TEXT_LIMITS = {"phone": 20, "member_code": 200}
_OCCUPATIONS = frozenset(choices.Occupation.values)
_AT_OUT = serializers.DateTimeField()


def checkin_input(data) -> dict:
    """``CheckInInputSerializer(data=data).validated_data``, or its ``ValidationError``."""
    fast = checkin_input_fast(data)
    if fast is not None:
        return fast
    checked = CheckInInputSerializer(data=data)
    checked.is_valid(raise_exception=True)
    return checked.validated_data


def checkin_input_fast(data) -> dict | None:
    """The validated input when every given field is plainly valid; None means "let the
    serializer decide" (it accepts a few more spellings and reports errors)."""
    if type(data) is not dict or type(data.get("event_id")) is not str:
        return None
    try:
        result = {"event_id": uuid.UUID(data["event_id"])}
    except ValueError:
        return None
    for name, limit in _TEXT_LIMITS.items():
        if name in data:
            value = data[name]
            # ASCII: no NUL or surrogate characters for the serializer to refuse.
            if type(value) is not str or not value.isascii() or "\x00" in value:
                return None
            value = value.strip()
            if len(value) > limit:
                return None
            result[name] = value
    if "occupation" in data:
        if type(data["occupation"]) is not str or data["occupation"] not in _OCCUPATIONS:
            return None
        result["occupation"] = data["occupation"]
    if "at" in data:
        if type(data["at"]) is not str:
            return None
        try:
            result["at"] = _AT.to_internal_value(data["at"])
        except serializers.ValidationError:
            return None
    return result


def checkin_body(checkin: CheckIn, *, counted: bool) -> dict:
    """``CheckInSerializer(checkin).data`` plus ``counted``, built directly."""
    return {
        "id": checkin.pk,
        "event_id": str(checkin.event_id),
        "station": checkin.station_id,
        "at": _AT_OUT.to_representation(checkin.at),
        "occupation": str(checkin.occupation),
        "source": str(checkin.source),
        "is_member": checkin.is_member,
        "counted": counted,
    }


class DeviceEventInputSerializer(serializers.Serializer):
    event_id = serializers.UUIDField(
        error_messages={
            "required": _("Give the event_id."),
            "invalid": _("event_id must be a UUID."),
        }
    )
    kind = serializers.ChoiceField(
        choices=choices.DeviceEventKind.choices,
        error_messages={"invalid_choice": _("Unknown event kind: {input}.")},
    )
    at = serializers.DateTimeField(required=False)
    payload = serializers.DictField(required=False)


class TicketSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ticket
        fields = ["id", *TICKET_FIELDS, *TICKET_STATE_FIELDS]
        read_only_fields = list(TICKET_STATE_FIELDS)
