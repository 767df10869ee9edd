"""USCC warnings shown to users (accepted, flagged for review) and the administrator's
exception for genuine codes that fail the checksum (domain.md §10.1 policies 3 and 4)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from unionhub.core.testing.assertions import assert_invalid
from unionhub.core.validators.uscc import check_char, uscc_errors, uscc_warnings
from unionhub.enterprises import services
from unionhub.enterprises.models import Enterprise
from unionhub.enterprises.tests.factories import make_enterprise

pytestmark = pytest.mark.django_db


def with_check(first17: str) -> str:
    return first17 + check_char(first17)


def wrong_check(first17: str) -> str:
    right = check_char(first17)
    return first17 + ("0" if right != "0" else "1")


@pytest.mark.parametrize(
    ("code", "warned"),
    [
        (with_check("91320925MA1XY2345"), False),  # 江苏 (32): known province
        (with_check("91100000MA1XY2345"), False),  # national authorities: 100000
        (with_check("91990000MA1XY2345"), True),  # "99" is no province
        (with_check("91090000MA1XY2345"), True),
    ],
)
def test_unknown_division_is_a_warning_not_an_error(code, warned):
    assert uscc_errors(code) == []
    assert any("行政区划代码" in w for w in uscc_warnings(code)) is warned


@pytest.fixture
def pilot_code():
    return wrong_check("91320925MA1XY2345")


def values(uscc, **extra):
    ent = make_enterprise(county="320925")
    data = {f: getattr(ent, f) for f in services.ENTERPRISE_FIELDS}
    ent.delete()
    return {**data, "uscc": uscc, **extra}


def test_bad_check_character_needs_an_administrator_exception(demo, user_named, pilot_code):
    with pytest.raises(ValidationError) as exc:
        services.enterprise_create(actor=user_named("jianhu_admin"), **values(pilot_code))
    assert_invalid(exc, field="uscc", code="wrong_check_char")

    with pytest.raises(ValidationError) as exc:
        services.enterprise_create(
            actor=user_named("jianhu_town"),
            **values(pilot_code, uscc_override_reason="经市场监管局核实为早期试点赋码"),
        )
    assert_invalid(exc, field="uscc_override_reason", code="override_not_permitted")
    assert not Enterprise.objects.filter(uscc=pilot_code).exists()

    ent = services.enterprise_create(
        actor=user_named("jianhu_admin"),
        **values(pilot_code, uscc_override_reason="经市场监管局核实为早期试点赋码"),
    )
    assert Enterprise.objects.get(pk=ent.pk).uscc == pilot_code


def test_exception_never_waives_format_errors(demo, user_named):
    with pytest.raises(ValidationError) as exc:
        services.enterprise_create(
            actor=user_named("jianhu_admin"),
            **values("91320925MA1XY234", uscc_override_reason="试点"),  # 17 characters
        )
    assert_invalid(exc, field="uscc", code="invalid_uscc")


def test_exception_on_a_valid_code_is_dropped(demo, user_named):
    ent = services.enterprise_create(
        actor=user_named("jianhu_admin"),
        **values(with_check("91320925MA1XY2345"), uscc_override_reason="不需要"),
    )
    assert ent.uscc_override_reason == ""


def test_detail_page_and_api_show_the_warnings(demo, client_as, api_as):
    ent = make_enterprise(county="320925")
    Enterprise.objects.filter(pk=ent.pk).update(uscc=with_check("91990000MA1XY2345"))
    page = client_as("jianhu_admin").get(reverse("enterprises:enterprise", args=[ent.pk]))
    body = page.content.decode()
    assert 'data-testid="uscc-warnings"' in body and "不是已知的行政区划代码" in body
    data = api_as("jianhu_admin").get(f"/api/v1/enterprises/{ent.pk}/").json()
    assert any("行政区划代码" in w for w in data["uscc_warnings"])


def test_form_offers_the_exception_only_to_administrators(demo, client_as):
    admin = client_as("jianhu_admin").get(reverse("enterprises:enterprise_add"))
    town = client_as("jianhu_town").get(reverse("enterprises:enterprise_add"))
    assert "uscc_override_reason" in admin.context["form"].fields
    assert "uscc_override_reason" not in town.context["form"].fields
