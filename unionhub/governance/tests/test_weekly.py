"""The weekly analysis (周分析): ISO weeks from Monday 00:00 Asia/Shanghai, figures by
indicator, level and town, warnings opened/escalated/closed/overdue, scope, the page and the
Excel download."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from unionhub.enterprises.tests.factories import make_enterprise
from unionhub.governance import services, weekly
from unionhub.governance.models import RiskIndicator, RiskReport, RiskWarning, WarningEvent

pytestmark = pytest.mark.django_db

UTC = dt.UTC
W45 = weekly.Week(2026, 45)  # Monday 2026-11-02 … Sunday 2026-11-08


def _file(admin, ent, people=35, code="W1", at=None, **extra):
    report = services.report_file(
        actor=admin,
        enterprise=ent,
        indicator=RiskIndicator.objects.get(code=code),
        source="staff",
        occurred_on=dt.date(2026, 11, 1),
        facts=f"{ent.name}：{people}人欠薪",
        people_affected=people,
        **extra,
    )
    if at is not None:
        RiskReport.objects.filter(pk=report.pk).update(created_at=at)
        if report.warning_id:
            WarningEvent.objects.filter(warning=report.warning_id).update(at=at)
    return report


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-W45", (2026, 45)),
        ("2026-W1", (2026, 1)),
        ("2026-W53", (2026, 53)),  # 2026 has 53 ISO weeks (1 January is a Thursday)
        ("2020-W53", (2020, 53)),
        ("2025-W53", None),  # no 53rd week in 2025
        ("2026-W00", None),
        ("2026-45", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_week(value, expected):
    week = weekly.parse_week(value)
    if expected is None:
        assert week == weekly.current_week()
    else:
        assert (week.year, week.number) == expected


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        # Sunday 2026-11-08 15:59:59 UTC is Sunday 23:59:59 in Shanghai: still week 45
        (dt.datetime(2026, 11, 8, 15, 59, 59, tzinfo=UTC), (2026, 45)),
        # one second later it is Monday 00:00 in Shanghai: week 46 (though Sunday in UTC)
        (dt.datetime(2026, 11, 8, 16, 0, 0, tzinfo=UTC), (2026, 46)),
        (dt.datetime(2026, 11, 1, 15, 59, 59, tzinfo=UTC), (2026, 44)),
        (dt.datetime(2026, 11, 1, 16, 0, 0, tzinfo=UTC), (2026, 45)),
        # the ISO year differs from the calendar year around New Year
        (dt.datetime(2026, 12, 31, 16, 0, 0, tzinfo=UTC), (2026, 53)),
        (dt.datetime(2027, 1, 3, 16, 0, 0, tzinfo=UTC), (2027, 1)),
    ],
)
def test_current_week_is_the_week_in_shanghai(monkeypatch, utc, expected):
    monkeypatch.setattr(weekly.timezone, "now", lambda: utc)
    week = weekly.current_week()
    assert (week.year, week.number) == expected


def test_week_bounds_are_monday_midnight_in_shanghai():
    assert W45.start == dt.datetime(2026, 11, 1, 16, 0, tzinfo=UTC)
    assert W45.end == dt.datetime(2026, 11, 8, 16, 0, tzinfo=UTC)
    assert (W45.monday, W45.sunday) == (dt.date(2026, 11, 2), dt.date(2026, 11, 8))
    assert W45.shifted(-1).code == "2026-W44"
    assert W45.shifted(8).code == "2026-W53" and W45.shifted(9).code == "2027-W01"


@pytest.mark.parametrize(
    ("filed_utc", "counted"),
    [
        (dt.datetime(2026, 11, 1, 15, 59, 59, tzinfo=UTC), False),  # Sun 23:59:59 before
        (dt.datetime(2026, 11, 1, 16, 0, 0, tzinfo=UTC), True),  # Mon 00:00:00
        (dt.datetime(2026, 11, 5, 4, 0, 0, tzinfo=UTC), True),  # mid-week
        (dt.datetime(2026, 11, 8, 15, 59, 59, tzinfo=UTC), True),  # Sun 23:59:59
        (dt.datetime(2026, 11, 8, 16, 0, 0, tzinfo=UTC), False),  # next Mon 00:00:00
    ],
)
def test_a_report_is_counted_in_the_week_it_was_filed(user_named, filed_utc, counted):
    admin = user_named("sheyang_admin")
    _file(admin, make_enterprise(county="320924"), at=filed_utc)
    total = weekly.weekly_summary(admin, W45, today=dt.date(2026, 12, 1))["total"]
    assert total["reports"] == int(counted)
    assert total["opened"] == int(counted)


def test_figures_by_indicator_level_and_town(user_named):
    admin = user_named("sheyang_admin")
    at = dt.datetime(2026, 11, 3, 2, 0, tzinfo=UTC)
    a = make_enterprise(county="320924")
    b = make_enterprise(county="320924")
    _file(admin, a, people=35, at=at)  # W1 orange: opens a.
    _file(admin, a, people=120, at=at)  # W1 red: raises a's warning
    _file(admin, b, people=12, at=at)  # W1 yellow
    _file(admin, b, people=2, code="G1", at=at)  # 2 petitioners: below every threshold
    summary = weekly.weekly_summary(admin, W45, today=dt.date(2026, 12, 1))
    total = summary["total"]
    assert total["reports"] == 4 and total["unrated"] == 1
    assert total["by_indicator"] == {"W1": 3, "G1": 1}
    assert total["by_level"] == {"orange": 1, "red": 1, "yellow": 1}
    assert total["opened"] == 2 and total["escalated"] == 1
    assert sum(summary["levels"][i]["code"] == "red" for i in range(len(summary["levels"]))) == 1
    (town,) = summary["towns"]
    assert town["code"] == a.region.code and town["name"] == a.region.name
    assert town["reports"] == 4
    rows = {r["code"]: r["reports"] for r in summary["indicator_rows"]}
    assert rows["W1"] == 3 and rows["G1"] == 1 and rows["S1"] == 0


def test_a_report_in_another_county_is_never_counted(user_named):
    sheyang = user_named("sheyang_admin")
    other = user_named("xiangshui_admin")
    at = dt.datetime(2026, 11, 3, 2, 0, tzinfo=UTC)
    _file(other, make_enterprise(county="320921"), at=at)
    _file(sheyang, make_enterprise(county="320924"), people=12, at=at)
    mine = weekly.weekly_summary(sheyang, W45, today=dt.date(2026, 12, 1))
    assert mine["total"]["reports"] == 1 and mine["total"]["opened"] == 1
    assert [t["code"][:6] for t in mine["towns"]] == ["320924"]
    theirs = weekly.weekly_summary(other, W45, today=dt.date(2026, 12, 1))
    assert theirs["total"]["reports"] == 1
    assert [t["code"][:6] for t in theirs["towns"]] == ["320921"]


def test_closed_escalated_and_overdue(user_named):
    admin = user_named("sheyang_admin")
    ent = make_enterprise(county="320924")
    report = _file(admin, ent, people=12)  # yellow, filed now
    warning = report.warning
    services.disposal_record(
        actor=admin,
        riskwarning=warning,
        acted_on=timezone.localdate(),
        action="约谈企业负责人",
        result="已发放",
        resolved_reports=[report],
    )
    services.warning_close(actor=admin, riskwarning=warning, closure_reason="工资已补发")
    late = _file(admin, make_enterprise(county="320924"), people=12).warning
    week = weekly.current_week()
    # the due day lies in this week and is over: overdue (the job has not run yet)
    RiskWarning.objects.filter(pk=late.pk).update(response_due=week.monday)
    today = week.monday + dt.timedelta(days=1)
    total = weekly.weekly_summary(admin, week, today=today)["total"]
    assert total["opened"] == 2 and total["closed"] == 1
    assert total["overdue"] == 1
    # on the due day itself it is not overdue yet
    assert weekly.weekly_summary(admin, week, today=week.monday)["total"]["overdue"] == 0
    # the overdue job escalates it: still one missed deadline, now also one escalation
    services.warnings_escalate_overdue(today=today)
    total = weekly.weekly_summary(admin, week, today=today)["total"]
    assert total["overdue"] == 1 and total["escalated"] == 1


def test_page_and_excel_download(client_as, user_named):
    from openpyxl import load_workbook

    admin = user_named("sheyang_admin")
    ent = make_enterprise(county="320924")
    _file(admin, ent, people=35)
    _file(user_named("xiangshui_admin"), make_enterprise(county="320921"), people=35)
    client = client_as("sheyang_admin")
    page = client.get("/governance/weekly/")
    assert page.status_code == 200
    body = page.content.decode()
    assert weekly.current_week().code in body and ent.region.name in body
    assert 'data-testid="weekly-reports">1<' in body
    past = client.get("/governance/weekly/?week=2026-W45").content.decode()
    assert "2026-11-02" in past and "2026-11-08" in past
    response = client.get("/governance/weekly/export/")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert weekly.current_week().code in rows[0][0]
    assert rows[1][0] == "镇（街道）" and rows[1][1] == "新上报"
    assert rows[2][0] == ent.region.name and rows[2][1] == 1
    assert rows[-1][0] == "合计" and rows[-1][1] == 1
    assert len(rows) == 4  # title, header, one town, total: 响水 not there
    assert client_as("xiangshui_admin").get("/governance/weekly/").status_code == 200
