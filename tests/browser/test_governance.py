"""Grid governance in a real browser: 射阳's administrator sees the governance page (figures,
warning levels, the board with due times, the town treemap, coverage by town), opens a
warning with its contributing reports and history, records a disposal, and finds the grid
and risk tab on the enterprise page; the board fits a phone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    from django.utils import timezone

    from unionhub.accounts.models import User
    from unionhub.core.middleware import acting_as
    from unionhub.enterprises.tests.factories import make_enterprise, make_union
    from unionhub.governance import services
    from unionhub.governance.models import RiskIndicator
    from unionhub.governance.tests.samples import _town

    admin = User.objects.get(username="sheyang_admin")
    today = timezone.localdate()
    with acting_as(None):
        town = _town("sheyang")
        ents = [
            make_enterprise(county="320924", name=name, employees=employees, revenue_wan=rev)
            for name, employees, rev in (
                ("射阳县海丰纺织有限公司", 420, 6000),
                ("射阳县鑫盛机械有限公司", 160, 2600),
                ("射阳县润泽食品有限公司", 45, 800),
                ("射阳县恒达电子有限公司", 12, 150),
            )
        ]
        make_union([ents[0]])
        grid = services.grid_create(
            actor=None, code="SY-B-01", name="合德镇城东网格", kind="territorial", region=town
        )
        exclusive = services.grid_create(
            actor=None, code="SY-B-QY1", name="海丰纺织专属网格", kind="enterprise", region=town
        )
        services.gridworker_create(actor=None, grid=exclusive, name="陈海燕", phone="13905150001")
        services.membership_create(actor=None, grid=exclusive, enterprise=ents[0])
        for e in ents[1:3]:
            services.membership_create(actor=None, grid=grid, enterprise=e)
        ents[0].refresh_from_db()
        services.monitoringpoint_create(
            actor=None, enterprise=ents[0], informant_name="王卫东", phone="13905150002"
        )
        from django.apps import apps

        from unionhub.governance.defaults import load_default_rules

        load_default_rules(apps.get_model)  # a flushed database has lost the migration's rows
        indicator = {i.code: i for i in RiskIndicator.objects.all()}

        def report(ent, code, days, **values):
            return services.report_file(
                actor=None,
                owner=admin,
                received_at=timezone.now() - dt.timedelta(days=days),
                enterprise=ent,
                indicator=indicator[code],
                source="monitoring_point",
                occurred_on=today - dt.timedelta(days=days),
                **values,
            )

        report(
            ents[0],
            "W1",
            0,
            facts="织造车间110名职工两个月工资未发放。",
            people_affected=110,
            months=Decimal("2"),
            amount=Decimal("1860000.00"),
        )
        report(ents[0], "G1", 0, facts="约30名职工在厂门口聚集讨薪。", people_affected=30)
        report(
            ents[1],
            "W1",
            6,
            facts="35名职工欠薪一个半月。",
            people_affected=35,
            months=Decimal("1.5"),
        )
        report(ents[2], "S1", 1, facts="社保费连续欠缴3个月。", months=Decimal("3"))
        report(ents[3], "W2", 2, facts="工资推迟18天发放。", days_late=18)
        services.warnings_escalate_overdue(actor=None)
    return ents


def test_sheyang_admin_sees_governance_and_disposes_a_warning(page, phone):
    ents = _world()
    login(page, "sheyang_admin")
    page.goto(page.base + "/governance/")
    page.wait_for_selector("[data-testid=governance-figures]")
    assert page.inner_text("[data-testid='figure-governance.enterprise_grids']").startswith("1")
    assert page.inner_text("[data-testid='figure-governance.monitoring_points']").startswith("1")
    assert page.inner_text("[data-testid='figure-governance.open_warnings']").startswith("4")
    board = page.locator("[data-testid=warning-board]")
    assert "射阳县海丰纺织有限公司" in board.inner_text()
    assert "红色" in board.inner_text()
    page.wait_for_selector("[data-testid=levels-map] canvas")
    assert (
        "合德镇" in page.inner_text("[data-testid=coverage-table]")
        or page.locator("[data-testid=coverage-table] tbody tr").count() >= 1
    )
    shot(page, "governance-01-overview")

    # the orange warning (overdue, escalated to red) explains itself and takes a disposal
    page.click("text=射阳县鑫盛机械有限公司")
    page.wait_for_selector("[data-testid=warning-reports]")
    assert "欠薪涉及30人以上" in page.inner_text("[data-testid=warning-reports]")
    assert "逾期升级" in page.inner_text("[data-testid=warning-history]")
    shot(page, "governance-02-warning")
    page.click("[data-testid=dispose]")
    page.fill("textarea[name=action]", "县总工会约谈企业负责人，督促补发工资。")
    page.fill("input[name=acted_on]", dt.date.today().isoformat())
    page.check("input[name=resolved_reports]")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("[data-testid=warning-reports]")
    assert "约谈企业负责人" in page.inner_text("body")

    # the one enterprise file: the grid and risk tab
    page.goto(page.base + f"/enterprises/{ents[0].pk}/")
    page.click("[data-testid=detail-tab-link-governance]")
    page.wait_for_selector("[data-testid=governance-tab]")
    tab = page.inner_text("[data-testid=governance-tab]")
    assert "海丰纺织专属网格" in tab and "红色" in tab and "110名职工" in tab
    shot(page, "governance-03-enterprise-tab")

    # the board on a phone
    login(phone, "sheyang_admin")
    phone.goto(phone.base + "/governance/board/")
    phone.wait_for_selector("[data-testid=warning-board]")
    shot(phone, "governance-04-board-phone")


def test_weekly_analysis_with_charts_and_download(page, phone):
    ents = _world()
    login(page, "sheyang_admin")
    page.goto(page.base + "/governance/weekly/")
    page.wait_for_selector("[data-testid=weekly-towns-chart] canvas")
    page.wait_for_selector("[data-testid=weekly-indicators-chart] canvas")
    # the world's five reports were filed now (their warnings' clocks started earlier)
    assert page.inner_text("[data-testid=weekly-reports]") == "5"
    # the orange warning received six days ago was escalated by the overdue job just now
    assert int(page.inner_text("[data-testid=weekly-escalated]")) >= 1
    assert int(page.inner_text("[data-testid=weekly-overdue]")) >= 1
    assert "合计" in page.inner_text("[data-testid=weekly-table]")
    assert ents[0].region.name in page.inner_text("[data-testid=weekly-table]")
    shot(page, "governance-05-weekly")
    with page.expect_download() as info:
        page.click("[data-testid=weekly-export]")
    assert info.value.suggested_filename.startswith("governance-weekly-")
    assert info.value.suggested_filename.endswith(".xlsx")
    # the previous week: nothing happened
    page.click("[data-testid=week-previous]")
    page.wait_for_selector("[data-testid=weekly-table]")
    assert page.inner_text("[data-testid=weekly-reports]") == "0"

    login(phone, "sheyang_admin")
    phone.goto(phone.base + "/governance/weekly/")
    phone.wait_for_selector("[data-testid=weekly-towns-chart] canvas")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, width
    shot(phone, "governance-06-weekly-phone")


def test_joint_meeting_page_with_a_task(page, phone):
    """A "1+1+N" meeting on the world's warnings: the administrator opens it, sees the three
    sides, the warnings discussed and the tasks, and adds a task."""
    from django.utils import timezone

    from unionhub.accounts.models import User
    from unionhub.core.middleware import acting_as
    from unionhub.governance import services
    from unionhub.governance.models import RiskWarning

    _world()
    admin = User.objects.get(username="sheyang_admin")
    with acting_as(None):
        meeting = services.meeting_create(
            actor=None,
            held_on=timezone.localdate(),
            convener=admin.org_unit,
            hrss_side="射阳县人力资源和社会保障局（劳动保障监察大队）",
            participants="县法院\n县住房和城乡建设局\n合德镇人民政府",
            topics="本月红色、橙色预警企业欠薪处置",
            decisions="限期补发；人社局立案监察；工会法律援助律师介入。",
            warnings=list(RiskWarning.objects.filter(status="open")),
        )
        services.meetingtask_add(
            actor=None,
            jointmeeting=meeting,
            title="约谈欠薪企业负责人",
            owner=admin,
            period="meeting_task_5wd",
        )
    row = "tr:has-text('本月红色、橙色预警企业欠薪处置') a >> nth=0"
    login(page, "sheyang_admin")
    page.goto(page.base + "/governance/meetings/")
    page.click(row)
    page.wait_for_selector("[data-testid=meeting-sides]")
    sides = page.inner_text("[data-testid=meeting-sides]")
    assert "射阳县人力资源和社会保障局" in sides and "县法院" in sides
    assert page.locator("[data-testid=meeting-warnings] li a").count() >= 1
    page.click("[data-testid=add-task]")
    page.fill("input[name=title]", "回访职工，核实工资到账")
    page.select_option("select[name=owner]", label="射阳县管理员")
    page.select_option("select[name=period]", "meeting_task_5wd")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("[data-testid=meeting-tasks]")
    assert "回访职工，核实工资到账" in page.inner_text("[data-testid=meeting-tasks]")
    shot(page, "governance-07-meeting")

    login(phone, "sheyang_admin")
    phone.goto(phone.base + "/governance/meetings/")
    phone.click(row)
    phone.wait_for_selector("[data-testid=meeting-tasks]")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, width
    shot(phone, "governance-08-meeting-phone")
