"""``/api/v1/notifications/``: the caller's own notifications; mark one or all read."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from unionhub.core.notifications import selectors, services
from unionhub.core.notifications.api.serializers import NotificationSerializer, ReadAllSerializer


@extend_schema(tags=["notifications"])
class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The caller's own notifications, newest first (``?unread=1`` for the unread ones)."""

    scope_exempt = "shows only the caller's own notifications"
    serializer_class = NotificationSerializer
    permission_classes = [permissions.IsAuthenticated]
    query_params = ("unread",)  # read by get_queryset; any other unknown parameter is a 400

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return selectors.notification_list(user=None)
        unread = self.request.query_params.get("unread") in {"1", "true"}
        return selectors.notification_list(user=self.request.user, unread_only=unread)

    @extend_schema(
        parameters=[OpenApiParameter("unread", bool, description="only the unread ones")]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        notification = services.notification_mark_read(
            actor=request.user, notification=notification
        )
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=ReadAllSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        count = services.notifications_mark_all_read(actor=request.user)
        return Response({"marked": count})
