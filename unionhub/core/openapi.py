"""The OpenAPI description in Chinese (issue #21: operations had no summary and showed the
English developer docstrings of the view classes).

Error answers are documented as well (issue #19: schemathesis checks every answer against the
schema): 400 with each field's Chinese messages, 401/403/404/409/429 with ``detail``.

Every operation gets a summary built from the model's verbose name and the action
("企业列表", "新增企业", "审核通过积分申报"); a module's own ``extend_schema(summary=…)``
still wins. Docstrings written for developers in English are not shown to API users: a
description is kept only when it is written in Chinese."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

__all__ = ["AutoSchema"]

CJK = re.compile(r"[\u4e00-\u9fff]")

STANDARD_ACTIONS = ("list", "retrieve", "create", "update", "partial_update", "destroy")


def _verbs() -> dict[str, str]:
    """Verbs of the modules' extra actions (``@action``), in the UI language."""
    return {
        "approve": pgettext("openapi", "Approve"),
        "reject": pgettext("openapi", "Reject"),
        "cancel": pgettext("openapi", "Cancel"),
        "fulfil": pgettext("openapi", "Hand over"),
        "appeal": pgettext("openapi", "Appeal"),
        "me": pgettext("openapi", "My own"),
        "status": pgettext("openapi", "Status"),
        "read": pgettext("openapi", "Mark as read"),
        "read_all": pgettext("openapi", "Mark all as read"),
        "checkins": pgettext("openapi", "Check-ins"),
        "heartbeat": pgettext("openapi", "Device heartbeat"),
        "events": pgettext("openapi", "Device events"),
        "nearby": pgettext("openapi", "Nearby stations"),
        "token": pgettext("openapi", "Get an API token"),
        "deadline": pgettext("openapi", "Compute a legal deadline"),
        "todos": pgettext("openapi", "My to-do items"),
    }


def _standard(action: str, model: str) -> str:
    formats = {
        "list": _("%(model)s list"),
        "retrieve": _("%(model)s detail"),
        "create": _("Add %(model)s"),
        "update": _("Edit %(model)s"),
        "partial_update": _("Partly edit %(model)s"),
        "destroy": _("Delete %(model)s"),
    }
    return formats[action] % {"model": model}


def _model_field(field):
    """The model field a serializer field reads (a plain ``source`` on a ModelSerializer)."""
    serializer = getattr(field, "parent", None)
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    source = getattr(field, "source", "") or ""
    if model is None or not source or "." in source or source == "*":
        return None
    try:
        return model._meta.get_field(source)
    except Exception:  # noqa: BLE001 — a property or a method: nothing to learn
        return None


DETAIL_COMPONENT = "ErrorDetail"
FIELD_ERRORS_COMPONENT = "FieldErrors"


def _error_components() -> dict[str, dict]:
    return {
        DETAIL_COMPONENT: {
            "type": "object",
            "description": _("An error explained in one Chinese sentence."),
            "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
            "required": ["detail"],
        },
        FIELD_ERRORS_COMPONENT: {
            "type": "object",
            "description": _(
                "What is wrong, by field: each field name maps to its messages in Chinese; "
                "problems of the record as a whole are under non_field_errors, a refusal of "
                "the whole request under detail."
            ),
            "additionalProperties": {
                "anyOf": [{"type": "array"}, {"type": "string"}, {"type": "object"}]
            },
        },
    }


class AutoSchema(SpectacularAutoSchema):
    def _error_answers(self) -> dict[str, tuple[str, str]]:
        """Status code → (description, component) of the errors this operation can answer."""
        answers = {
            "400": (
                _("The request was refused: the body says what is wrong and where."),
                FIELD_ERRORS_COMPONENT,
            ),
            "401": (_("Not signed in, or the token has expired."), DETAIL_COMPONENT),
            "403": (_("The account may not do this."), DETAIL_COMPONENT),
            "429": (_("Too many requests: try again later."), DETAIL_COMPONENT),
        }
        if "{" in self.path:
            answers["404"] = (
                _("No such record within the caller's data scope."),
                DETAIL_COMPONENT,
            )
        if self.method == "DELETE":
            answers["409"] = (
                _("Not deleted: other records still depend on it."),
                DETAIL_COMPONENT,
            )
        return answers

    def _get_response_bodies(self, direction="response"):
        from drf_spectacular.plumbing import ResolvedComponent

        responses = super()._get_response_bodies(direction)
        components = _error_components()
        for code, (description, name) in self._error_answers().items():
            component = ResolvedComponent(
                name=name, type=ResolvedComponent.SCHEMA, object=name, schema=components[name]
            )
            self.registry.register_on_missing(component)
            responses.setdefault(
                code,
                {
                    "description": description,
                    "content": {"application/json": {"schema": component.ref}},
                },
            )
        return responses

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        """Read-only fields lose ``allow_blank``/``allow_null`` in DRF, so the schema said a
        blank ``size_class`` or a null ``parent`` could not happen although responses carry
        them. Take both from the model field."""
        from rest_framework import serializers

        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if not getattr(field, "read_only", False) or not isinstance(schema, dict):
            return schema
        model_field = _model_field(field)
        if model_field is None:
            return schema
        null = bool(getattr(model_field, "null", False))
        blank = bool(getattr(model_field, "blank", False)) and not getattr(
            model_field, "is_relation", False
        )
        if isinstance(field, serializers.ChoiceField) and "enum" in schema:
            enum = list(schema["enum"])
            if blank and "" not in enum:
                enum.append("")
            if null and None not in enum:
                enum.append(None)
            schema["enum"] = enum
        elif null:
            schema["nullable"] = True
        return schema

    def _model_name(self) -> str:
        queryset = getattr(self.view, "queryset", None)
        model = getattr(queryset, "model", None) or getattr(self.view, "model", None)
        if model is None:
            serializer = getattr(self.view, "serializer_class", None)
            model = getattr(getattr(serializer, "Meta", None), "model", None)
        return str(model._meta.verbose_name) if model is not None else ""

    def get_summary(self) -> str | None:
        explicit = super().get_summary()
        if explicit:
            return str(explicit)
        action = getattr(self.view, "action", None) or (
            "list" if self.method == "GET" and self._is_list_view() else ""
        )
        model = self._model_name()
        if action in STANDARD_ACTIONS and model:
            return _standard(action, model)
        segments = [t for t in self.path.strip("/").split("/") if t and not t.startswith("{")]
        key = action if action and action != "list" else (segments[-1] if segments else "")
        verb = _verbs().get(key.replace("-", "_"))
        description = str(self.get_description() or "")
        if verb:
            return f"{model}：{verb}" if model else verb
        if description:
            return re.split(r"[。；（(:：]", description, maxsplit=1)[0][:40]
        return model or None

    def get_description(self) -> str:
        description = str(super().get_description() or "")
        # Kept when written for the API's users, in Chinese (more Chinese than Latin letters).
        latin = len(re.findall(r"[A-Za-z]", description))
        return description if len(CJK.findall(description)) > latin else ""
