"""Assertions on service errors: which field failed and why (its stable ``code``), never
the wording of the Chinese message."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def error_codes(error: ValidationError) -> dict[str, list[str | None]]:
    """``{field: [code, …]}`` of a ``ValidationError``; errors not tied to a field are
    under ``NON_FIELD_ERRORS`` ("__all__")."""
    if hasattr(error, "error_dict"):
        return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}
    return {NON_FIELD_ERRORS: [e.code for e in error.error_list]}


def assert_invalid(exc_info: Any, *, code: str, field: str | None = None) -> None:
    """The raised ``ValidationError`` (a ``pytest.raises`` result or the error itself)
    carries ``code`` on ``field`` (``None``: on the record as a whole)."""
    error = getattr(exc_info, "value", exc_info)
    assert isinstance(error, ValidationError), f"not a ValidationError: {error!r}"
    codes = error_codes(error)
    key = field or NON_FIELD_ERRORS
    assert code in codes.get(key, []), f"expected {key}={code!r}, got {codes}"


def form_error_codes(form) -> dict[str, list[str | None]]:
    """``{field: [code, …]}`` of a bound form's errors."""
    return {field: [e.code for e in errors] for field, errors in form.errors.as_data().items()}
