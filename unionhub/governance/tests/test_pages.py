"""Pages: the overview for 射阳's administrator, the board with levels and due times, the
enterprise tab, the monthly report (.docx, scoped), constant query counts."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from unionhub.enterprises.tests.factories import make_enterprise
from unionhub.enterprises.tests.samples import enterprise_in
from unionhub.governance import services
from unionhub.governance.models import RiskIndicator
from unionhub.governance.tests.samples import grid_in, gridworker_in, point_in

pytestmark = pytest.mark.django_db


def _report(admin, ent, people=35, code="W1"):
    return services.report_file(
        actor=admin,
        enterprise=ent,
        indicator=RiskIndicator.objects.get(code=code),
        source="staff",
        occurred_on=timezone.localdate(),
        facts=f"{ent.name}：{people}人欠薪",
        people_affected=people,
    )


def test_overview_and_board_show_levels_and_due_times(client_as, user_named):
    admin = user_named("sheyang_admin")
    _report(admin, enterprise_in("sheyang"))
    client = client_as("sheyang_admin")
    page = client.get("/governance/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "governance.enterprise_grids" in text and "levels-map" in text
    board = client.get("/governance/board/").content.decode()
    assert "范围样本sheyang企业有限公司" in board and "橙色" in board


def test_board_hides_other_counties(client_as, user_named):
    _report(user_named("xiangshui_admin"), enterprise_in("xiangshui"))
    board = client_as("sheyang_admin").get("/governance/board/").content.decode()
    assert "范围样本xiangshui企业有限公司" not in board


def test_board_queries_do_not_grow_with_warnings(
    client_as, user_named, django_assert_max_num_queries
):
    admin = user_named("sheyang_admin")
    client = client_as("sheyang_admin")
    _report(admin, make_enterprise(county="320924"))
    client.get("/governance/board/")
    with django_assert_max_num_queries(30) as first:
        client.get("/governance/board/")
    for _ in range(4):
        _report(admin, make_enterprise(county="320924"))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/governance/board/")


def test_enterprise_tab_shows_grid_level_reports_and_masks_phones(client_as, user_named):
    admin = user_named("sheyang_admin")
    ent = enterprise_in("sheyang")
    gridworker_in("sheyang")
    services.membership_create(actor=admin, grid=grid_in("sheyang"), enterprise=ent)
    _report(admin, ent, people=12)
    url = f"/tabs/enterprises.enterprise/{ent.pk}/governance/"
    body = client_as("sheyang_admin").get(url).content.decode()
    assert "sheyang样例网格" in body and "黄色" in body and "12人欠薪" in body
    assert "13912345678" in body  # the county admin may view personal data
    town_body = client_as("sheyang_town").get(url)
    if town_body.status_code == 200:  # when the town cadre's scope includes the enterprise
        assert "13912345678" not in town_body.content.decode()
    other = client_as("xiangshui_admin").get(url)
    assert other.status_code == 404


def test_monitoring_point_phone_is_masked_in_the_api_for_town_cadres(api_as):
    point = point_in("sheyang")
    rows = api_as("sheyang_admin").get("/api/v1/governance/monitoring-points/").json()["results"]
    assert next(r for r in rows if r["id"] == point.pk)["informant_phone"] == "13812345678"


def test_monthly_report_is_a_word_document_from_scoped_records(client_as, user_named):
    from docx import Document

    _report(user_named("sheyang_admin"), enterprise_in("sheyang"))
    _report(user_named("xiangshui_admin"), enterprise_in("xiangshui"))
    month = timezone.localdate().strftime("%Y-%m")
    response = client_as("sheyang_admin").get(f"/governance/monthly-report/?month={month}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert "工作月报" in text
    assert "范围样本sheyang企业有限公司" in text
    assert "范围样本xiangshui企业有限公司" not in text
