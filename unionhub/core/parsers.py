"""Request-body parsers of the API. DRF's JSON parser lets a deeply nested document (2 KB of
``[[[[…`` is enough) reach Python's recursion limit, an unhandled 500 even on the anonymous
token endpoint (issue #19, probe finding 6). No form of ours nests more than a few levels,
so anything deeper than ``MAX_DEPTH`` is refused as a 400 before it is decoded."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json

MAX_DEPTH = 32


def nesting_depth(text: str) -> int:
    """The deepest bracket nesting of a JSON text (brackets inside strings ignored)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", "utf-8")
        raw = stream.read()
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError(_("The request body is not valid UTF-8 text.")) from exc
        if nesting_depth(text) > MAX_DEPTH:
            raise ParseError(
                _("The JSON is nested more than %(n)d levels deep.") % {"n": MAX_DEPTH}
            )
        parse_constant = json.strict_constant if self.strict else None
        try:
            return json.loads(text, parse_constant=parse_constant)
        except RecursionError as exc:  # belt and braces: the depth check comes first
            raise ParseError(_("The JSON is nested too deeply.")) from exc
        except ValueError as exc:
            where = {"line": getattr(exc, "lineno", 1), "column": getattr(exc, "colno", 1)}
            raise ParseError(
                _("The request body is not valid JSON (line %(line)s, column %(column)s).") % where
            ) from exc
