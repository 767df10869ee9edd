"""Assertions on refusals: which field, which stable code (never the Chinese wording)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def error_codes(exc: ValidationError) -> dict[str | None, list[str | None]]:
    """``{field: [code, ...]}`` of a ValidationError (``None``: not tied to a field)."""
    if hasattr(exc, "error_dict"):
        return {
            (None if field == NON_FIELD_ERRORS else field): [e.code for e in errors]
            for field, errors in exc.error_dict.items()
        }
    return {None: [e.code for e in exc.error_list]}


def assert_invalid(exc_info: Any, *, field: str | None, code: str) -> None:
    """The refusal names ``field`` (``None``: a non-field error) with ``code``.

    ``exc_info`` is what ``pytest.raises(ValidationError)`` gave, or the exception itself."""
    exc = getattr(exc_info, "value", exc_info)
    codes = error_codes(exc)
    assert code in codes.get(field, []), f"expected {field!r}: {code!r}, got {codes!r}"


def assert_api_invalid(response: Any, *, field: str) -> None:
    """A 400 whose body names ``field`` (the contract's ``{"field": ["中文说明"]}``)."""
    assert response.status_code == 400, (response.status_code, response.content[:500])
    body = response.json()
    assert field in body and body[field], body


def assert_form_invalid(response: Any, *, field: str | None, code: str) -> None:
    """A page that refused a form: 400, the form again, ``field`` carrying ``code``."""
    assert response.status_code == 400, response.status_code
    errors = response.context["form"].errors.as_data()
    codes = [e.code for e in errors.get(field or NON_FIELD_ERRORS, [])]
    assert code in codes, f"expected {field!r}: {code!r}, got {errors!r}"


def message_levels(response: Any) -> list[str]:
    """The level tags of the messages a (followed) page showed."""
    return [m.level_tag for m in response.context["messages"]]
