"""Assertions on what a service refused (the code and the field, never the Chinese text).
Core has no such helper yet (``unionhub.core.testing``); the lead may move it there."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def error_codes(exc: ValidationError) -> dict[str, list[str | None]]:
    """``{field: [code, ...]}`` of a ``ValidationError`` (``__all__`` for record errors)."""
    if hasattr(exc, "error_dict"):
        return {field: [e.code for e in errors] for field, errors in exc.error_dict.items()}
    return {NON_FIELD_ERRORS: [e.code for e in exc.error_list]}


def assert_invalid(exc_info, *, field: str | None, code: str) -> None:
    """``exc_info`` (from ``pytest.raises(ValidationError)``) failed ``field`` (None: the
    record as a whole) with ``code``."""
    codes = error_codes(exc_info.value)
    key = NON_FIELD_ERRORS if field is None else field
    assert code in codes.get(key, []), f"expected {key}/{code}, got {codes}"
