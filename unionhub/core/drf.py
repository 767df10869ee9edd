"""DRF settings classes (kept free of ``rest_framework.views`` imports, which read these
settings at import time)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import pagination, permissions, status
from rest_framework.exceptions import APIException, NotFound, ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """``{"count", "next", "previous", "results"}``, ``?page=`` and ``?page_size=`` (≤ 500)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 500


class ModelPermissions(permissions.DjangoModelPermissions):
    """Django model permissions, including *view* for reads (the default lets any
    logged-in user read)."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class UnknownQueryParameter(APIException):
    """400 ``{"detail": "未知的查询参数：regoin。可用的参数：region, q, page, …"}``."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "unknown_query_parameter"


class DeleteRefused(APIException):
    """409: the record is still referenced by history (a ``ProtectedError``)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "protected"


PAGINATION_PARAMS = (
    "page_query_param",
    "page_size_query_param",
    "limit_query_param",
    "offset_query_param",
    "cursor_query_param",
)


def allowed_query_params(request, view, filterset=None) -> list[str]:
    """What a list endpoint reads from the query string: its filters, pagination, ordering,
    search, ``format``, and the view's own ``query_params`` (e.g. ``programme``)."""
    from rest_framework.settings import api_settings

    from unionhub.core.filtersets import param_names

    names: list[str] = []
    if filterset is not None:
        names.extend(param_names(filterset))
    paginator = getattr(view, "paginator", None)
    for attr in PAGINATION_PARAMS:
        value = getattr(paginator, attr, None)
        if value:
            names.append(value)
    for backend in getattr(view, "filter_backends", ()):
        for attr in ("ordering_param", "search_param"):
            value = getattr(backend, attr, None)
            if value:
                names.append(value)
    names.append(api_settings.URL_FORMAT_OVERRIDE or "format")
    names.extend(getattr(view, "query_params", ()))
    return list(dict.fromkeys(names))


def refuse_unknown_params(request, view, filterset=None) -> None:
    """Raise the 400 when the query string names a parameter the list does not read: a
    mistyped filter must never silently return every row."""
    from unionhub.core.filtersets import unknown_params, unknown_params_message

    allowed = allowed_query_params(request, view, filterset)
    unknown = unknown_params(request.query_params, allowed)
    if unknown:
        raise UnknownQueryParameter(unknown_params_message(unknown, allowed))


def _is_list(view) -> bool:
    action = getattr(view, "action", None)
    lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk")
    if action is not None:
        return action == "list" or (
            getattr(getattr(view, action, None), "detail", True) is False
            and view.request.method in ("GET", "HEAD")
        )
    return view.request.method in ("GET", "HEAD") and lookup not in getattr(view, "kwargs", {})


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, strict: on a list, an unknown query parameter is a 400
    naming the allowed ones, and integer/ID filter values beyond 64 bits are a 400 on the
    field (``unionhub.core.filtersets.bound_numeric_fields``)."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if _is_list(view):
            refuse_unknown_params(request, view, filterset)
        if filterset is None:
            return queryset
        from unionhub.core.filtersets import bound_numeric_fields

        bound_numeric_fields(filterset.form)
        if not filterset.is_valid() and self.raise_exception:
            from django_filters import utils

            raise utils.translate_validation(filterset.errors)
        return filterset.qs


def django_errors_to_drf(exc: DjangoValidationError) -> ValidationError:
    """A business-layer error as DRF's 400 body; unique errors as sentences naming the
    existing record when the requesting user may see it (core/uniqueness.py)."""
    from unionhub.core.middleware import current_context
    from unionhub.core.uniqueness import explain_unique

    context = current_context()
    exc = explain_unique(exc, user=context.current_actor() if context else None)
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {k: [str(m) for e in v for m in e] for k, v in exc.error_dict.items()}
        )
    return ValidationError({"non_field_errors": [str(m) for m in exc.messages]})


def _explained_unique(detail: dict, context: dict[str, Any]) -> dict:
    from unionhub.core.uniqueness import explain_api_unique

    view, request = context.get("view"), context.get("request")
    model = getattr(getattr(view, "queryset", None), "model", None)
    if model is None or request is None:
        return detail
    return explain_api_unique(
        detail,
        model=model,
        pk=getattr(view, "kwargs", {}).get("pk"),
        user=request.user,
        request_data=request.data,
    )


def exception_handler(exc: Exception, context: dict[str, Any]):
    """Business-layer ``ValidationError``s become HTTP 400 with ``{"field": ["说明"]}``; a
    404 says so in Chinese (Django's ``get_object_or_404`` message is English and names the
    model class: "No Station matches the given query.")."""
    from django.db.models import ProtectedError, RestrictedError
    from rest_framework.exceptions import Throttled

    from unionhub.core.identity import RateLimited

    if isinstance(exc, RateLimited):
        exc = Throttled(exc.wait)
    elif isinstance(exc, ProtectedError | RestrictedError):
        # A delete outside ScopedModelViewSet's services: still a sentence, never a 500.
        from unionhub.core.services import deletion_refusal

        view = context.get("view")
        instance = getattr(view, "_deleting", None)
        if instance is not None:
            exc = DeleteRefused(deletion_refusal(instance, exc))
        else:
            exc = DeleteRefused(_("Other records still depend on it."))
    elif isinstance(exc, DjangoValidationError) and getattr(exc, "code", None) == "protected":
        exc = DeleteRefused(exc.messages[0])
    elif isinstance(exc, DjangoValidationError):
        exc = django_errors_to_drf(exc)
    elif isinstance(exc, ValidationError) and isinstance(exc.detail, dict):
        exc = ValidationError(_explained_unique(exc.detail, context))
    if isinstance(exc, Http404):
        exc = NotFound(_("The record does not exist."))
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, context)
