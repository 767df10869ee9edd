"""Pages and API: scope, permissions, filters, constant query counts, export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from unionhub.core.testing.assertions import form_error_codes
from unionhub.enterprises.models import Enterprise
from unionhub.enterprises.tests.factories import make_enterprise, make_union

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(demo):
    for county in ("320925", "320921", "320924"):
        for i in range(6):
            ent = make_enterprise(
                county=county,
                employees=20 + i * 3,
                has_party_org=i == 0,
                is_high_profile=i == 1,
                founded_on=dt.date(2018, 1, 1),
            )
            if i == 5:
                make_union([ent])
    return Enterprise.objects.all()


def test_list_filters_and_scope(seeded, client_as):
    client = client_as("jianhu_admin")
    response = client.get(reverse("enterprises:enterprise_list"), {"page_size": 100})
    assert response.status_code == 200
    names = {e.name for e in Enterprise.objects.filter(region__path__contains="320925/")}
    others = {e.name for e in Enterprise.objects.exclude(region__path__contains="320925/")}
    body = response.content.decode()
    assert all(n in body for n in names) and not any(n in body for n in others)
    response = client.get(
        reverse("enterprises:enterprise_list"), {"target_reasons": "party_org_no_union"}
    )
    assert response.context["page_obj"].paginator.count == 1
    response = client.get(reverse("enterprises:enterprise_list"), {"union_status": "built"})
    assert response.context["page_obj"].paginator.count == 1
    response = client.get(reverse("enterprises:enterprise_list"), {"region": "320925"})
    assert response.context["page_obj"].paginator.count == 6


def test_list_query_count_is_constant(seeded, client_as, django_assert_max_num_queries):
    client = client_as("city_admin")
    url = reverse("enterprises:enterprise_list")
    client.get(url)  # warm caches (session, permissions)
    with django_assert_max_num_queries(16):
        small = client.get(url, {"page_size": 2})
    with django_assert_max_num_queries(16):
        big = client.get(url, {"page_size": 500})
    assert len(big.context["object_list"]) > len(small.context["object_list"])


def test_api_fields_filters_and_query_count(seeded, api_as, django_assert_max_num_queries):
    api = api_as("jianhu_admin")
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/enterprises/", {"page_size": 500})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 6
    row = data["results"][0]
    assert set(row) >= {
        "id",
        "uscc",
        "name",
        "region",
        "industry_code",
        "ownership",
        "employees",
        "revenue_wan",
        "assets_wan",
        "founded_on",
        "operating_status",
        "has_party_org",
        "is_head_enterprise",
        "is_high_profile",
        "size_class",
        "union_status",
        "target_reasons",
    }
    assert row["region"].startswith("320925")
    assert isinstance(row["target_reasons"], list)
    assert row["revenue_wan"] == "100.00"
    filtered = api.get("/api/v1/enterprises/", {"union_status": "built"}).json()
    assert filtered["count"] == 1
    filtered = api.get("/api/v1/enterprises/", {"target_reasons": "high_profile_no_union"}).json()
    assert filtered["count"] == 1


def test_api_create_validates_in_chinese_and_scope(seeded, api_as):
    api = api_as("sheyang_admin")
    town = Enterprise.objects.filter(region__path__contains="320924/").first().region.code
    payload = {
        "uscc": "91350100M000100Y44",
        "name": "射阳测试有限公司",
        "region": town,
        "industry_code": "C",
        "ownership": "private",
        "employees": 30,
        "founded_on": "2020-01-01",
        "revenue_wan": "350.00",
    }
    response = api.post("/api/v1/enterprises/", payload, format="json")
    assert response.status_code == 400 and "uscc" in response.json()
    assert set(response.json()) == {"uscc"}
    payload["uscc"] = "91350100M000100Y43"
    payload["size_class"] = "large"  # read-only: ignored
    response = api.post("/api/v1/enterprises/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["size_class"] == "small"
    assert response.json()["target_reasons"] == ["operating_1y_no_union", "nonpublic_25_no_union"]
    other = Enterprise.objects.filter(region__path__contains="320921/").first()
    payload["region"] = other.region.code
    payload["uscc"] = "91320924MA1000000" + "0"
    response = api.post("/api/v1/enterprises/", payload, format="json")
    assert response.status_code == 400
    assert api.get(f"/api/v1/enterprises/{other.pk}/").status_code == 404


def test_export_is_scoped(seeded, client_as):
    client = client_as("sheyang_admin")
    response = client.get(reverse("enterprises:enterprise_export", args=["xlsx"]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert rows[0][0].startswith("射阳县 企业名录（导出时间 ")  # the title row
    assert rows[1][:3] == ["统一社会信用代码", "企业名称", "所在地区代码"]
    assert rows[-1][0] == "合计"
    rows = rows[1:-1]
    names = [r[1] for r in rows[1:]]
    assert len(names) == 6
    xiangshui = set(
        Enterprise.objects.filter(region__path__contains="320921/").values_list("name", flat=True)
    )
    assert xiangshui and not (xiangshui & set(names))
    assert all(r[2].startswith("320924") for r in rows[1:])


def test_export_follows_filters(seeded, client_as):
    client = client_as("city_admin")
    response = client.get(
        reverse("enterprises:enterprise_export", args=["xlsx"]), {"union_status": "built"}
    )
    content = b"".join(response.streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert "建会状态：已建会" in rows[0][0] and rows[-1][0] == "合计"
    rows = rows[1:-1]  # the title and 合计 rows
    assert len(rows) == 1 + 3 and all(r[16] == "已建会" for r in rows[1:])
    assert all(r[6] == "私营" and r[11] == "在营" for r in rows[1:])  # labels, not codes


def test_town_cadre_cannot_export_or_delete(seeded, client_as):
    client = client_as("jianhu_town")
    assert client.get(reverse("enterprises:enterprise_list")).status_code == 200
    assert client.get(reverse("enterprises:enterprise_export", args=["xlsx"])).status_code == 403
    ent = Enterprise.objects.filter(region__path__contains="320925/").first()
    assert client.get(reverse("enterprises:enterprise_delete", args=[ent.pk])).status_code in (
        403,
        404,
    )


def test_pages_render(seeded, client_as):
    client = client_as("jianhu_admin")
    ent = Enterprise.objects.filter(region__path__contains="320925/").first()
    for url in [
        reverse("enterprises:enterprise", args=[ent.pk]),
        reverse("enterprises:enterprise_edit", args=[ent.pk]),
        reverse("enterprises:enterprise_add"),
        reverse("enterprises:target_list"),
        reverse("enterprises:overview"),
        reverse("enterprises:enterpriseunion_list"),
        reverse("enterprises:enterpriseunion_add") + f"?enterprise={ent.pk}",
        reverse("core:import", args=["enterprises"]),
        "/",
    ]:
        assert client.get(url).status_code == 200, url
    target = client.get(reverse("enterprises:target_list"))
    assert target.context["region"].code == "320925"
    assert "建湖" in target.content.decode()


def test_edit_form_shows_chinese_errors(seeded, client_as):
    client = client_as("jianhu_admin")
    ent = Enterprise.objects.filter(region__path__contains="320925/").first()
    response = client.post(
        reverse("enterprises:enterprise_edit", args=[ent.pk]),
        {
            "uscc": ent.uscc,
            "name": ent.name,
            "region": ent.region_id,
            "industry_code": "99",
            "ownership": "private",
            "employees": 5,
            "founded_on": "2020-01-01",
            "operating_status": "operating",
        },
    )
    assert response.status_code == 200
    assert form_error_codes(response.context["form"]) == {"industry_code": ["invalid_industry"]}


def test_union_pages_and_reelect(seeded, client_as):
    from unionhub.enterprises.models import EnterpriseUnion

    client = client_as("jianhu_admin")
    union = EnterpriseUnion.objects.filter(org_unit__region__path__contains="320925/").first()
    assert client.get(reverse("enterprises:enterpriseunion", args=[union.pk])).status_code == 200
    response = client.post(
        reverse("enterprises:enterpriseunion_reelect", args=[union.pk]),
        {
            "elected_on": dt.date.today().isoformat(),
            "term_years": 5,
            "chair_name": "钱进",
            "member_count": 33,
        },
    )
    assert response.status_code == 302
    union.refresh_from_db()
    assert union.chair_name == "钱进"


def test_column_chooser_keeps_the_name_and_ignores_unknown_columns(seeded, client_as):
    client = client_as("jianhu_admin")
    url = reverse("enterprises:enterprise_list")
    default = client.get(url)
    assert [c[0] for c in default.context["columns"]][:2] == ["name", "region"]
    assert 'data-testid="column-chooser"' in default.content.decode()
    chosen = client.get(url, {"cols": ["employees", "uscc", "nonsense"]})
    assert [c[0] for c in chosen.context["columns"]] == ["name", "uscc", "employees"]
    body = chosen.content.decode()
    ent = Enterprise.objects.filter(region__path__contains="320925/").first()
    assert ent.uscc in body  # the chosen column is shown
    # the target list has fixed columns: no chooser
    targets = client.get(reverse("enterprises:target_list"), {"cols": ["uscc"]})
    assert "uscc" not in [c[0] for c in targets.context["columns"]]
