"""Station API: scoped registry, public nearby search, check-ins (devices, desk staff and
the public phone page), device events and heartbeats, tickets (read-only)."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, Throttled
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from unionhub.accounts.authentication import ExpiringTokenAuthentication
from unionhub.core.api import ScopedModelViewSet
from unionhub.core.services import ModelServices
from unionhub.stations import choices, services
from unionhub.stations.api.auth import DeviceKeyAuthentication
from unionhub.stations.api.serializers import (
    CheckInInputSerializer,
    CheckInSerializer,
    DeviceEventInputSerializer,
    NearbyQuerySerializer,
    NearbyStationSerializer,
    StationSerializer,
    TicketSerializer,
    checkin_body,
    checkin_input,
    checkin_input_fast,
)
from unionhub.stations.filtersets import StationApiFilterSet
from unionhub.stations.models import CheckIn, Device, Station, Ticket
from unionhub.stations.selectors import stations_nearby, with_schedule
from unionhub.stations.services import OUT_OF_SCOPE

PHONE_SESSION_KEY = "stations_phone_entry"
FAST_ACCEPT = ("*/*", "application/json", "")  # what DRF answers with JSON


def conflict_message() -> str:
    return gettext("This event_id was already recorded with different content.")


def _refuse_constant(name):
    raise ValueError(name)  # NaN / Infinity: DRF's strict JSON parser refuses them


class CheckInPermission(permissions.BasePermission):
    """Reads need ``stations.view_checkin``; writes are checked per caller in the view
    (a device key, a staff account with ``stations.add_checkin``, or a phone-page session)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return bool(request.user and request.user.has_perm("stations.view_checkin"))
        return True


class StationViewSet(ScopedModelViewSet):
    queryset = Station.objects.all()
    serializer_class = StationSerializer
    select_related = ("region",)
    filterset_class = StationApiFilterSet

    def get_queryset(self):
        return with_schedule(super().get_queryset())

    lookup_value_regex = r"[0-9]+"  # /stations/nearby/ and /stations/devices/… are not ids
    services = ModelServices(
        create=services.station_create,
        update=services.station_update,
        delete=services.station_delete,
    )

    def _write_in_scope(self, write):
        # A station written into another county is a permission error (403), as the
        # platform's own recheck answers, not a validation error.
        try:
            return super()._write_in_scope(write)
        except DRFValidationError as exc:
            cause = exc.__cause__
            if isinstance(cause, DjangoValidationError) and any(
                e.code == OUT_OF_SCOPE for e in _flat(cause)
            ):
                raise PermissionDenied(cause.messages[0]) from cause
            raise


def _flat(exc: DjangoValidationError) -> list[DjangoValidationError]:
    if hasattr(exc, "error_dict"):
        return [e for errors in exc.error_dict.values() for e in errors]
    return list(exc.error_list)


class StationCheckInView(APIView):
    """``/api/v1/stations/{id}/checkins/``: GET lists a station's check-ins (scoped, needs
    ``stations.view_checkin``); POST records one (contract.md "Stations").

    The POST is the busiest request of the platform (every scan at every station), so it is a
    lean APIView: input checked by ``checkin_input``, the answer built by ``checkin_body`` (both
    equal to the serializers, which stay the documented shapes). A device's new visit goes
    through ``_device_fast_path`` before the DRF request cycle; everything else, and every
    answer other than 201, comes from the DRF cycle below."""

    queryset = Station.objects.all()  # the scope matrix finds the model here
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS
    permission_classes = [CheckInPermission]
    authentication_classes = [
        DeviceKeyAuthentication,
        SessionAuthentication,
        ExpiringTokenAuthentication,
    ]

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and DeviceKeyAuthentication.header in request.META:
            response = self._device_fast_path(request, kwargs["pk"])
            if response is not None:
                return response
        return super().dispatch(request, *args, **kwargs)

    def _device_fast_path(self, request, pk) -> HttpResponse | None:
        """A device's new visit without DRF's request cycle: the key from this process's cache,
        confirmed by the database in the insert itself (services._devices), a plain JSON body,
        the 201 answer as DRF would render it. ``None`` — nothing written — whenever the answer
        might be anything else (an error, a repeat, a body the serializer should judge, a
        stale cache); the DRF cycle then decides from fresh reads."""
        if request.GET or request.META.get("HTTP_ACCEPT", "*/*") not in FAST_ACCEPT:
            return None
        if request.content_type != "application/json" or request.encoding not in (None, "utf-8"):
            return None
        try:
            body = json.loads(request.body.decode("utf-8"), parse_constant=_refuse_constant)
        except ValueError:  # also UnicodeDecodeError; DRF words the parse error
            return None
        data = checkin_input_fast(body)
        if data is None:
            return None
        raw = request.META[DeviceKeyAuthentication.header]
        for refresh in (False, True):
            device = services.device_authenticate(raw, cached=True, refresh=refresh)
            if device is None:
                return None
            if device.station_id != pk:
                if device.from_cache:
                    continue  # moved to this station since it was cached?
                return None
            try:
                result = services.checkin_record(
                    station=device.station,
                    event_id=data["event_id"],
                    occupation=data.get("occupation"),
                    phone=data.get("phone") or None,
                    member_code=data.get("member_code") or None,
                    at=data.get("at"),
                    source=choices.CheckInSource.DEVICE,
                    device=device,
                    actor=None,
                )
            except services.StaleCache:
                continue  # read the device and its station afresh (and re-cache), try again
            except (DjangoValidationError, services.Conflict):
                return None
            if not result.created:
                return None
            response = HttpResponse(
                JSONRenderer().render(checkin_body(result.checkin, counted=True)),
                status=status.HTTP_201_CREATED,
                content_type="application/json",
            )
            for name, value in self.default_response_headers.items():
                response[name] = value
            return response
        return None

    @extend_schema(
        responses=CheckInSerializer(many=True),
        description=gettext_lazy(
            "The station's check-ins (newest first, paginated); needs the permission to view "
            "check-ins; a station outside the caller's scope is 404."
        ),
    )
    def get(self, request, pk):
        station = get_object_or_404(Station.objects.visible_to(request.user), pk=pk)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            CheckIn.objects.filter(station=station).order_by("-at", "-pk"), request, view=self
        )
        return paginator.get_paginated_response(CheckInSerializer(page, many=True).data)

    @extend_schema(
        request=CheckInInputSerializer,
        responses={201: CheckInSerializer, 200: CheckInSerializer},
        parameters=[OpenApiParameter("X-Device-Key", str, OpenApiParameter.HEADER, required=False)],
        description=gettext_lazy(
            "Record one visit: 201 a new record; 200 the same event_id already recorded with the "
            "same content, or the same person again within 10 minutes; 409 the same event_id "
            "with other content; 400 the station is closed (with the next opening time) and "
            "other input errors."
        ),
    )
    def post(self, request, pk):
        return self._record(request, pk)

    def _record(self, request, pk):
        station, source, device, visitor = self._caller(request, pk)
        data = checkin_input(request.data)
        if not visitor or data.get("phone") or data.get("member_code"):
            visitor = None
        try:
            result = services.checkin_record(
                station=station,
                event_id=data["event_id"],
                occupation=data.get("occupation"),
                phone=data.get("phone") or None,
                member_code=data.get("member_code") or None,
                visitor=visitor,
                at=data.get("at"),
                source=source,
                device=device,
                actor=request.user if request.user.is_authenticated else None,
            )
        except services.Conflict:
            return Response({"event_id": [conflict_message()]}, status=status.HTTP_409_CONFLICT)
        return Response(
            checkin_body(result.checkin, counted=result.created),
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )

    def _caller(self, request, pk):
        """(station, source, device, remembered visitor token) for the caller, or an error."""
        if isinstance(request.auth, Device):
            device = request.auth
            if device.station_id != pk:
                raise PermissionDenied(gettext("This device does not belong to this station."))
            return device.station, choices.CheckInSource.DEVICE, device, None
        user = request.user
        if user and user.is_authenticated:
            if not user.has_perm("stations.add_checkin"):
                raise PermissionDenied(
                    gettext("You do not have permission to register visits for others.")
                )
            station = get_object_or_404(Station.objects.visible_to(user), pk=pk)
            return station, choices.CheckInSource.DESK, None, None
        from unionhub.stations.views_public import opened_stations

        # The station page's signed cookie (earlier phones: their session entry)
        entry = opened_stations(request) or request.session.get(PHONE_SESSION_KEY) or {}
        if str(pk) not in entry:
            raise NotAuthenticated(
                gettext("Scan the station's QR code and check in on the station's page.")
            )
        SessionAuthentication().enforce_csrf(request)
        from unionhub.core.throttling import PublicCheckInThrottle, allow

        wait = allow(PublicCheckInThrottle, request)  # anonymous phones only, per address
        if wait is not None:
            raise Throttled(wait)
        station = get_object_or_404(Station.objects.filter(is_active=True), pk=pk)
        from unionhub.stations.views_public import remembered_visitor

        remembered = remembered_visitor(request)
        return station, choices.CheckInSource.PHONE, None, remembered[0] if remembered else None


class TicketViewSet(ScopedModelViewSet):
    """Service tickets (read-only through the API; handled on the ticket pages)."""

    lookup_value_regex = r"[0-9]+"
    queryset = Ticket.objects.all()
    serializer_class = TicketSerializer
    select_related = ("station",)
    filterset_fields = ["station", "category", "status", "escalation"]
    http_method_names = ["get", "head", "options"]


class NearbyView(APIView):
    """Public (no login): active stations sorted by straight-line distance, with
    ``distance_m``. Stations are public information (“六有”: findable on a map)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    scope_exempt = (
        "public station finder: stations are public information (六有: findable on a map)"
    )

    @extend_schema(
        parameters=[NearbyQuerySerializer],
        responses=NearbyStationSerializer(many=True),
        description=gettext_lazy(
            "Public (no login): stations sorted by straight-line distance, with distance_m "
            "(metres). Malformed coordinates are 400."
        ),
    )
    def get(self, request):
        query = NearbyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        rows = stations_nearby(
            lat=data["lat"], lng=data["lng"], open_now=data["open_now"], limit=data["limit"]
        )
        return Response(NearbyStationSerializer(rows, many=True).data)


class DeviceOnlyPermission(permissions.BasePermission):
    def has_permission(self, request, view):
        if not isinstance(request.auth, Device):
            raise NotAuthenticated(gettext("Give the device key in the X-Device-Key header."))
        return True


class DeviceEventView(APIView):
    """A device posts an event; idempotent by ``event_id`` (201 new, 200 duplicate, 409
    same id with other content). Alarms and faults raise service tickets."""

    authentication_classes = [DeviceKeyAuthentication]
    permission_classes = [DeviceOnlyPermission]
    scope_exempt = (
        "device-key write endpoint: a device writes only to its own station, reads nothing"
    )

    @extend_schema(request=DeviceEventInputSerializer, responses={201: None, 200: None})
    def post(self, request):
        data_in = DeviceEventInputSerializer(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = data_in.validated_data
        try:
            event, created = services.device_event_record(
                actor=None,
                device=request.auth,
                event_id=data["event_id"],
                kind=data["kind"],
                at=data.get("at"),
                payload=data.get("payload") or {},
            )
        except services.Conflict:
            return Response({"event_id": [conflict_message()]}, status=status.HTTP_409_CONFLICT)
        body = {"id": event.pk, "event_id": str(event.event_id), "kind": event.kind, "at": event.at}
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class DeviceHeartbeatView(APIView):
    authentication_classes = [DeviceKeyAuthentication]
    permission_classes = [DeviceOnlyPermission]
    scope_exempt = "device-key heartbeat: updates the calling device only, reads nothing"

    @extend_schema(request=None, responses={200: None})
    def post(self, request):
        device = services.device_heartbeat(actor=None, device=request.auth)
        return Response({"device": device.pk, "last_seen_at": device.last_seen_at})


__all__ = [
    "DeviceEventView",
    "DeviceHeartbeatView",
    "NearbyView",
    "StationCheckInView",
    "StationViewSet",
    "TicketViewSet",
    "viewsets",
]
