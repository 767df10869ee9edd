"""The OpenAPI description matches what the API answers (probe finding 7): no two
components share a name, and values the API really returns (a blank ``size_class``, a town
without ``category``, the city without ``parent``, ``accounts/me`` without an account) are
allowed by the schema."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    target = tmp_path_factory.mktemp("schema") / "schema.yml"
    # --fail-on-warn: a component-name collision or an unresolved enum name fails here
    call_command("spectacular", "--fail-on-warn", "--file", str(target))
    return yaml.safe_load(target.read_text(encoding="utf-8"))["components"]["schemas"]


def _allows(prop: dict, value, components: dict) -> bool:
    if value is None and prop.get("nullable"):
        return True
    for ref in prop.get("oneOf", []) + prop.get("allOf", []):
        target = components[ref["$ref"].rsplit("/", 1)[-1]]
        if value in target.get("enum", []):
            return True
    return value in prop.get("enum", [])


@pytest.mark.parametrize(
    ("component", "prop", "value"),
    [
        ("Enterprise", "size_class", ""),
        ("Region", "category", ""),
        ("Region", "parent", None),
        ("PointsAccount", "id", None),
        ("PointsAccount", "programme", None),
    ],
)
def test_values_the_api_returns_are_in_the_schema(schema, component, prop, value):
    assert _allows(schema[component]["properties"][prop], value, schema)


@pytest.mark.parametrize(
    "name",
    [
        "CongressRepresentative",
        "BargainingRepresentative",
        "EnterpriseCampaign",
        "BargainingCampaign",
        "PointsLedgerEntry",
        "FundsLedgerEntry",
    ],
)
def test_same_named_serializers_have_their_own_components(schema, name):
    assert name in schema
