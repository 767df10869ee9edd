"""Unique-value errors read as sentences naming the existing record (issue #21: "具有 统一
社会信用代码 的 企业 已存在。"), on the page, through the API, and never naming a record
outside the user's data scope."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from unionhub.accounts.models import User
from unionhub.core.uniqueness import explain_unique
from unionhub.enterprises.tests.factories import make_enterprise
from unionhub.enterprises.tests.samples import enterprise_api, enterprise_form

pytestmark = pytest.mark.django_db

XIANGSHUI, SHEYANG = "320921", "320924"


def test_form_names_and_links_the_existing_enterprise(client_as, demo):
    existing = make_enterprise(county=XIANGSHUI, name="响水测试重复有限公司")
    data = {**enterprise_form("xiangshui"), "uscc": existing.uscc}
    response = client_as("xiangshui_admin").post(reverse("enterprises:enterprise_add"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["uscc"]
    assert [e.code for e in errors] == ["unique"]
    page = response.content.decode()
    assert "该统一社会信用代码已登记：" in page
    url = reverse("enterprises:enterprise", args=[existing.pk])
    assert f'<a href="{url}">响水测试重复有限公司</a>' in page
    assert "具有" not in page


def test_a_record_outside_the_scope_is_not_named(client_as, demo):
    existing = make_enterprise(county=SHEYANG, name="射阳保密有限公司")
    data = {**enterprise_form("xiangshui"), "uscc": existing.uscc}
    response = client_as("xiangshui_admin").post(reverse("enterprises:enterprise_add"), data)
    page = response.content.decode()
    assert "该统一社会信用代码已被其他单位登记（不在您的数据范围内）" in page
    assert "射阳保密有限公司" not in page


def test_api_error_is_a_plain_sentence(api_as, demo):
    existing = make_enterprise(county=XIANGSHUI, name="响水接口重复有限公司")
    body = {**enterprise_api("xiangshui"), "uscc": existing.uscc}
    response = api_as("xiangshui_admin").post("/api/v1/enterprises/", body, format="json")
    assert response.status_code == 400
    assert response.json()["uscc"] == ["该统一社会信用代码已登记：响水接口重复有限公司"]


def test_service_errors_are_rewritten_too(demo):
    existing = make_enterprise(county=XIANGSHUI, name="响水服务重复有限公司")
    with pytest.raises(ValidationError) as raised:
        make_enterprise(county=XIANGSHUI, uscc=existing.uscc)
    user = User.objects.get(username="city_admin")
    explained = explain_unique(raised.value, user=user)
    assert explained.message_dict["uscc"] == ["该统一社会信用代码已登记：响水服务重复有限公司"]
    assert explained.error_dict["uscc"][0].code == "unique"
