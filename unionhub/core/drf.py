"""DRF settings classes (kept free of ``rest_framework.views`` imports, which read these
settings at import time)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import pagination, permissions
from rest_framework.exceptions import NotFound, ValidationError


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
    if isinstance(exc, DjangoValidationError):
        exc = django_errors_to_drf(exc)
    elif isinstance(exc, ValidationError) and isinstance(exc.detail, dict):
        exc = ValidationError(_explained_unique(exc.detail, context))
    if isinstance(exc, Http404):
        exc = NotFound(_("The record does not exist."))
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, context)
