"""API base: pagination, permissions, error shape and the scoped viewset every module uses."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied

from unionhub.core.drf import (  # noqa: F401 — re-exported for modules
    DeleteRefused,
    ModelPermissions,
    PageNumberPagination,
    django_errors_to_drf,
)
from unionhub.core.scope import object_visible_to
from unionhub.core.services import ModelServices, deletion_refusal


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A model viewset whose every query goes through ``visible_to(user)``: objects outside
    the caller's scope are 404, and writes that would land outside it are refused."""

    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    #: the module's write services: create/update/delete go through them, never through
    #: ``serializer.save()`` (a viewset that writes must declare them)
    services: ModelServices | None = None

    def get_queryset(self):
        model = self.queryset.model
        qs = model._default_manager.visible_to(self.request.user)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by(*(self.queryset.query.order_by or model._meta.ordering or ["pk"]))

    def service_data(self, serializer) -> dict:
        """What the service receives: the validated data (override to rename or add)."""
        return dict(serializer.validated_data)

    def _write_in_scope(self, write):
        with transaction.atomic():
            try:
                obj = write()
            except DjangoValidationError as exc:
                if getattr(exc, "code", None) == "protected":
                    raise DeleteRefused(exc.messages[0]) from exc  # 409 with the reason
                raise django_errors_to_drf(exc) from exc
            if obj is not None and not object_visible_to(obj, self.request.user):
                raise PermissionDenied(_("The record would be outside your data scope."))
        return obj

    def _legacy_save(self, serializer, **extra):
        # Platform models without a service; domain viewsets declare ``services`` (see
        # test_every_write_view_declares_services).
        return serializer.save(**extra)

    def _save_in_scope(self, serializer, **extra):
        """Transitional: viewsets not yet converted to ``services`` save this way."""
        return self._write_in_scope(lambda: self._legacy_save(serializer, **extra))

    def perform_create(self, serializer):
        actor = self.request.user
        if self.services is not None:
            data = self.service_data(serializer)
            serializer.instance = self._write_in_scope(
                lambda: self.services.call_create(actor=actor, data=data)
            )
            return
        extra = {}
        if any(f.name == "created_by" for f in serializer.Meta.model._meta.fields):
            extra["created_by"] = actor
        self._write_in_scope(lambda: self._legacy_save(serializer, **extra))

    def perform_update(self, serializer):
        actor = self.request.user
        if self.services is not None:
            data = self.service_data(serializer)
            instance = serializer.instance
            serializer.instance = self._write_in_scope(
                lambda: self.services.call_update(actor=actor, instance=instance, data=data)
            )
            return
        self._write_in_scope(lambda: self._legacy_save(serializer))

    def perform_destroy(self, instance):
        self._deleting = instance  # for the exception handler's sentence
        if self.services is not None:
            self._write_in_scope(
                lambda: self.services.call_delete(actor=self.request.user, instance=instance)
            )
            return
        try:
            instance.delete()
        except (models.ProtectedError, models.RestrictedError) as exc:
            raise DeleteRefused(deletion_refusal(instance, exc)) from exc


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """List and retrieve only, scoped like ``ScopedModelViewSet`` (the same
    ``get_queryset``): no create/update/destroy action is routed, so there is no write path
    that could skip a service. The API of modules whose writes happen on their pages."""

    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    get_queryset = ScopedModelViewSet.get_queryset
