"""Assertions on refusals, for every module's tests: which field failed and why (its
stable ``code``), never the wording of the Chinese message."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

__all__ = [
    "assert_api_invalid",
    "assert_form_invalid",
    "assert_invalid",
    "error_codes",
    "form_error_codes",
    "message_levels",
]


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


def form_error_codes(form: Any) -> dict[str, list[str | None]]:
    """``{field: [code, …]}`` of a bound form's errors."""
    return {field: [e.code for e in errors] for field, errors in form.errors.as_data().items()}


def assert_api_invalid(response: Any, *, field: str) -> None:
    """A 400 whose body names ``field`` (the contract's ``{"field": ["中文说明"]}``)."""
    assert response.status_code == 400, (response.status_code, response.content[:500])
    body = response.json()
    assert field in body and body[field], body


def assert_form_invalid(response: Any, *, field: str | None, code: str) -> None:
    """A page that refused a form: 400, the form again, ``field`` carrying ``code``."""
    assert response.status_code == 400, response.status_code
    codes = form_error_codes(response.context["form"]).get(field or NON_FIELD_ERRORS, [])
    assert code in codes, f"expected {field!r}: {code!r}, got {codes!r}"


def message_levels(response: Any) -> list[str]:
    """The level tags of the messages a (followed) page showed."""
    return [m.level_tag for m in response.context["messages"]]
