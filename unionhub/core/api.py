"""API base: pagination, permissions, error shape and the scoped viewset every module uses."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from unionhub.core.drf import (  # noqa: F401 — re-exported for modules
    DeleteRefused,
    ModelPermissions,
    PageNumberPagination,
    django_errors_to_drf,
)
from unionhub.core.scope import object_visible_to
from unionhub.core.services import ModelServices, deletion_refusal


class _OutOfScopeIs404:
    def http_method_not_allowed(self, request, *args, **kwargs):
        # A record outside the caller's scope is 404 whatever the method (contract), so a
        # wrong method does not tell an outsider that the record exists.
        if self.kwargs.get("pk") is not None:
            self.get_object()
        return super().http_method_not_allowed(request, *args, **kwargs)


class ScopedModelViewSet(_OutOfScopeIs404, viewsets.ModelViewSet):
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


class ScopedReadOnlyViewSet(_OutOfScopeIs404, viewsets.ReadOnlyModelViewSet):
    """List and retrieve only, scoped like ``ScopedModelViewSet`` (the same
    ``get_queryset``): no create/update/destroy action is routed, so there is no write path
    that could skip a service. The API of modules whose writes happen on their pages; such a
    module may still offer its pages' record actions (``service_action``)."""

    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    get_queryset = ScopedModelViewSet.get_queryset
    _write_in_scope = ScopedModelViewSet._write_in_scope


_FORM_TO_SERIALIZER = {
    # checked in order: a DateTimeField is not a DateField, a ChoiceField before CharField
    forms.DateField: serializers.DateField,
    forms.IntegerField: serializers.IntegerField,
    forms.DecimalField: serializers.DecimalField,
    forms.BooleanField: serializers.BooleanField,
    forms.ChoiceField: serializers.ChoiceField,
    forms.CharField: serializers.CharField,
}


def form_serializer(form_class: type[forms.Form], name: str) -> type[serializers.Serializer]:
    """A serializer with the fields of a page's action form, so a record action takes the
    same input by API as on its page (one declaration of what an action needs)."""
    fields: dict[str, serializers.Field] = {}
    for field_name, field in form_class.base_fields.items():
        kind = next((s for f, s in _FORM_TO_SERIALIZER.items() if isinstance(field, f)), None)
        if kind is None:
            raise TypeError(f"{form_class.__name__}.{field_name}: no serializer field for it")
        kwargs: dict = {"label": field.label, "help_text": field.help_text or None}
        if isinstance(field, forms.BooleanField):
            kwargs["default"] = bool(field.initial)
        else:
            kwargs["required"] = field.required
        if isinstance(field, forms.ChoiceField):
            kwargs["choices"] = field.choices
        elif isinstance(field, forms.CharField):
            kwargs.update(max_length=field.max_length, allow_blank=not field.required)
        elif isinstance(field, forms.IntegerField | forms.DecimalField):
            kwargs.update(min_value=field.min_value, max_value=field.max_value)
            if isinstance(field, forms.DecimalField):
                kwargs.update(max_digits=field.max_digits, decimal_places=field.decimal_places)
        if not field.required and not isinstance(field, forms.BooleanField | forms.CharField):
            kwargs["allow_null"] = True
        fields[field_name] = kind(**{k: v for k, v in kwargs.items() if v is not None})
    return type(f"{name}Serializer", (serializers.Serializer,), fields)


def service_action(
    name: str,
    service,
    *,
    form_class: type[forms.Form] | None = None,
    response=None,
    summary: str = "",
):
    """``POST /<records>/<id>/<name>/``: the page's record action by API. The record comes
    through ``visible_to`` (else 404), the caller needs the model's *change* permission, the
    body is the action form's fields, the module's service runs in a transaction (a
    ``ValidationError`` is a 400 field by field, nothing written) and the answer is the
    record as the list shows it::

        sign = service_action("sign", services.case_sign, form_class=forms.SignForm,
                              response=CaseSerializer)
    """
    from drf_spectacular.utils import extend_schema
    from rest_framework.decorators import action
    from rest_framework.response import Response

    prefix = "".join(part.title() for part in service.__name__.split("_"))
    body = form_serializer(form_class, f"{prefix}Input") if form_class else None

    def run(self, request, pk=None):
        obj = self.get_object()
        meta = obj._meta
        if not request.user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
            raise PermissionDenied
        data = {}
        if body is not None:
            given = body(data=request.data)
            given.is_valid(raise_exception=True)
            data = dict(given.validated_data)
        # the service takes the record by its model name, as on the page (ObjectActionView)
        arg = meta.model_name
        result = self._write_in_scope(lambda: service(actor=request.user, **{arg: obj}, **data))
        if not isinstance(result, type(obj)):
            result = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(result).data)

    run.__name__ = name
    run.__doc__ = summary or service.__doc__
    routed = action(detail=True, methods=["post"], url_path=name, url_name=name)(run)
    return extend_schema(request=body, responses=response)(routed)
