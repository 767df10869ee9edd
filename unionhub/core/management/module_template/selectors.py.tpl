"""Reads of the module: always from ``visible_to(user)``."""

from __future__ import annotations

from typing import Any

from unionhub.{label}.models import {model}


def {model_lower}_list(*, user: Any):
    return {model}.objects.visible_to(user).select_related("region")
