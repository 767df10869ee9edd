"""API base: pagination, permissions, error shape and the scoped viewset every module uses."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied

from unionhub.core.drf import (  # noqa: F401 — re-exported for modules
    ModelPermissions,
    PageNumberPagination,
    django_errors_to_drf,
)
from unionhub.core.scope import object_visible_to


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A model viewset whose every query goes through ``visible_to(user)``: objects outside
    the caller's scope are 404, and writes that would land outside it are refused."""

    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        model = self.queryset.model
        qs = model._default_manager.visible_to(self.request.user)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by(*(self.queryset.query.order_by or model._meta.ordering or ["pk"]))

    def _save_in_scope(self, serializer, **extra):
        with transaction.atomic():
            try:
                obj = serializer.save(**extra)
            except DjangoValidationError as exc:
                raise django_errors_to_drf(exc) from exc
            if not object_visible_to(obj, self.request.user):
                raise PermissionDenied(_("The record would be outside your data scope."))
        return obj

    def perform_create(self, serializer):
        extra = {}
        if any(f.name == "created_by" for f in serializer.Meta.model._meta.fields):
            extra["created_by"] = self.request.user
        self._save_in_scope(serializer, **extra)

    def perform_update(self, serializer):
        self._save_in_scope(serializer)
