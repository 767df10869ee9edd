"""Loading holiday arrangements: every row checked first (第N行 [列名] 原因), nothing written
on any error, re-loading idempotent, every change audited; ``load_holidays`` and
``load_demo``; the cached calendar follows every change."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from unionhub.core.calendar import services
from unionhub.core.calendar.deadlines import deadline_for
from unionhub.core.calendar.demo import DATA_FILE
from unionhub.core.calendar.holiday_file import parse_holiday_file
from unionhub.core.calendar.models import Holiday
from unionhub.core.models import ChangeRecord

D = dt.date.fromisoformat
HEADER = "date,kind,name,year,source\n"
GOOD_2027 = (
    HEADER
    + "2027-01-01,holiday,元旦,2027,测试通知\n"
    + "2027-01-02,holiday,元旦,2027,测试通知\n"
    + "2027-01-03,holiday,元旦,2027,测试通知\n"
    + "2027-02-06,workday,春节调休上班,2027,测试通知\n"
)


def test_the_bundled_file_is_valid():
    rows, errors = parse_holiday_file(DATA_FILE.read_bytes())
    assert errors == []
    assert {r.year for r in rows} == {2024, 2025, 2026}
    assert len(rows) == 112


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        (HEADER + "2027-01-01,holiday,元旦,2027\n", 2, "行"),  # malformed row: 4 fields
        (HEADER + "2027-01-01,holiday,元旦,2027,x,extra\n", 2, "行"),
        (HEADER + "2027-01-01,vacation,元旦,2027,x\n", 2, "kind"),  # bad kind
        (HEADER + "2025-02-30,holiday,元旦,2025,x\n", 2, "date"),  # no such day
        (HEADER + "2027/01/01,holiday,元旦,2027,x\n", 2, "date"),
        (HEADER + "2027-01-01,holiday,,2027,x\n", 2, "name"),
        (HEADER + "2027-01-01,holiday,元旦,27,x\n", 2, "year"),
        (HEADER + "2029-01-01,holiday,元旦,2027,x\n", 2, "date"),  # outside the arrangement
        (HEADER + "2027-01-04,workday,调休,2027,x\n", 2, "kind"),  # a Monday cannot be 调休
        (GOOD_2027 + "2027-01-02,holiday,元旦,2027,x\n", 6, "date"),  # date twice
        ("date,kind,name,year\n2027-01-01,holiday,元旦,2027\n", 1, "表头"),
        ("", 1, "表头"),
        (HEADER, 2, "行"),
    ],
)
def test_bad_file_writes_nothing(holidays, body, line, column):
    before = Holiday.objects.count()
    records = ChangeRecord.objects.count()
    with pytest.raises(services.HolidayFileRejected) as caught:
        services.holidays_load_file(actor=None, content=body.encode())
    errors = caught.value.errors
    assert (errors[0].row, errors[0].column) == (line, column)
    assert str(errors[0]).startswith(f"第{line}行 [{column}] ")
    assert Holiday.objects.count() == before
    assert ChangeRecord.objects.count() == records


def test_every_problem_is_listed_and_good_rows_are_not_written(db):
    body = (
        GOOD_2027
        + "2027-02-30,holiday,春节,2027,x\n"
        + "2027-02-10,vacation,春节,2027,x\n"
        + "2027-01-01,holiday,元旦,2027,x\n"
    )
    with pytest.raises(services.HolidayFileRejected) as caught:
        services.holidays_load_file(actor=None, content=body.encode())
    assert [(e.row, e.column) for e in caught.value.errors] == [
        (6, "date"),
        (7, "kind"),
        (8, "date"),
    ]
    assert "第2行" in str(caught.value.errors[2])  # names the first occurrence
    assert not Holiday.objects.exists()


def test_not_utf8(db):
    with pytest.raises(services.HolidayFileRejected) as caught:
        services.holidays_load_file(actor=None, content=GOOD_2027.encode("gbk"))
    assert caught.value.errors[0].row == 1


def test_bom_and_column_order_are_accepted(db):
    body = "\ufeffkind,date,name,source,year\nholiday,2027-01-01,元旦,x,2027\n"
    result = services.holidays_load_file(actor=None, content=body.encode())
    assert result.created == 1
    assert Holiday.objects.get().date == D("2027-01-01")


def test_load_is_idempotent_and_audited(db):
    first = services.holidays_load_file(actor=None, content=DATA_FILE.read_bytes())
    assert (first.created, first.updated, first.unchanged) == (112, 0, 0)
    creates = ChangeRecord.objects.filter(app_label="calendar", action="create").count()
    assert creates == 112
    assert ChangeRecord.objects.filter(app_label="calendar", action="import").count() == 1
    records = ChangeRecord.objects.count()
    again = services.holidays_load_file(actor=None, content=DATA_FILE.read_bytes())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 112)
    assert ChangeRecord.objects.count() == records  # nothing changed, nothing recorded
    assert Holiday.objects.count() == 112


def test_a_changed_row_is_updated(holidays):
    body = HEADER + "2026-10-08,holiday,国庆节,2026,更正通知\n"
    result = services.holidays_load_file(actor=None, content=body.encode())
    assert (result.created, result.updated) == (1, 0)
    body = HEADER + "2026-10-08,holiday,国庆节（更正）,2026,更正通知\n"
    result = services.holidays_load_file(actor=None, content=body.encode())
    assert (result.created, result.updated) == (0, 1)
    assert Holiday.objects.get(date=D("2026-10-08")).name == "国庆节（更正）"
    assert ChangeRecord.objects.filter(app_label="calendar", action="update").exists()


def test_replace_deletes_dates_the_file_no_longer_lists(db):
    services.holidays_load_file(actor=None, content=GOOD_2027.encode())
    corrected = HEADER + "2027-01-01,holiday,元旦,2027,测试通知\n"
    result = services.holidays_load_file(actor=None, content=corrected.encode(), replace=True)
    assert (result.deleted, result.unchanged) == (3, 1)
    assert list(Holiday.objects.values_list("date", flat=True)) == [D("2027-01-01")]


def test_dry_run_writes_nothing(db):
    result = services.holidays_load_file(actor=None, content=GOOD_2027.encode(), dry_run=True)
    assert result.created == 4
    assert not Holiday.objects.exists()


def test_the_cached_calendar_follows_changes(holidays):
    # 2027 has no arrangement: 2027-03-01 + 21 = Mon 03-22, with a warning
    before = deadline_for("bargaining_response", D("2027-03-01"))
    assert before.due == D("2027-03-21") and before.warnings
    holiday = services.holiday_create(
        actor=None, date=D("2027-03-21"), kind="holiday", name="测试假日", year=2027
    )
    after = deadline_for("bargaining_response", D("2027-03-01"))
    assert (after.due, after.rolled_from) == (D("2027-03-22"), D("2027-03-21"))
    services.holiday_delete(actor=None, holiday=holiday)
    assert deadline_for("bargaining_response", D("2027-03-01")).due == D("2027-03-21")


def test_a_change_made_by_another_process_is_seen(holidays, settings):
    settings.HOLIDAY_CALENDAR_RECHECK_SECONDS = 0  # re-check on every use
    assert deadline_for("bargaining_response", D("2027-03-01")).due == D("2027-03-21")
    # bulk_create sends no signal, like a write from another worker process
    Holiday.objects.bulk_create(
        [Holiday(date=D("2027-03-21"), kind="holiday", name="测试", year=2027)]
    )
    assert deadline_for("bargaining_response", D("2027-03-01")).due == D("2027-03-22")


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"date": D("2027-01-04"), "kind": "workday"}, "kind", "workday_not_weekend"),
        ({"kind": "vacation"}, "kind", "invalid_kind"),
        ({"name": " "}, "name", "required"),
        ({"year": 1900}, "year", "invalid_year"),
        ({"date": D("2029-01-01")}, "date", "date_outside_year"),
        ({"date": D("2026-10-01")}, "date", "duplicate_date"),
    ],
)
def test_holiday_create_rules(holidays, kwargs, field, code):
    data = {"date": D("2027-01-01"), "kind": "holiday", "name": "元旦", "year": 2027}
    data.update(kwargs)
    before = Holiday.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.holiday_create(actor=None, **data)
    assert caught.value.error_dict[field][0].code == code
    assert Holiday.objects.count() == before


def test_holiday_create_and_update_are_audited(db, user_named):
    admin = user_named("city_admin")
    holiday = services.holiday_create(
        actor=admin, date=D("2027-01-01"), kind="holiday", name="元旦", year=2027
    )
    services.holiday_update(
        actor=admin,
        holiday=holiday,
        date=D("2027-01-01"),
        kind="holiday",
        name="元旦节",
        year=2027,
        source="国办发明电〔2026〕1号",
    )
    entries = ChangeRecord.objects.filter(
        app_label="calendar", model_name="holiday", object_id=str(holiday.pk)
    )
    assert sorted(entries.values_list("action", flat=True)) == ["create", "update"]
    update = entries.get(action="update")
    assert update.changes["name"] == ["元旦", "元旦节"]


def test_holiday_writes_need_the_permission(db, user_named):
    from django.core.exceptions import PermissionDenied

    county = user_named("funing_admin")  # may read the calendar, not change it
    with pytest.raises(PermissionDenied):
        services.holiday_create(
            actor=county, date=D("2027-01-01"), kind="holiday", name="元旦", year=2027
        )
    with pytest.raises(PermissionDenied):
        services.holidays_load_file(actor=county, content=GOOD_2027.encode())
    assert not Holiday.objects.exists()


# --- the commands ---------------------------------------------------------------------


def test_load_holidays_command(db, tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text(GOOD_2027, encoding="utf-8")
    out = io.StringIO()
    call_command("load_holidays", str(path), "--dry-run", stdout=out)
    assert not Holiday.objects.exists()
    call_command("load_holidays", str(path), stdout=out)
    assert Holiday.objects.filter(year=2027).count() == 4
    call_command("load_holidays", str(path), stdout=out)  # idempotent
    assert Holiday.objects.filter(year=2027).count() == 4


def test_load_holidays_command_rejects_a_bad_file(db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(GOOD_2027 + "2027-01-02,holiday,元旦,2027,x\n2027-13-01,holiday,x,2027,x\n")
    err = io.StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("load_holidays", str(path), stderr=err)
    assert caught.value.code == 1
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("第6行 [date] ")
    assert lines[1].startswith("第7行 [date] ")
    assert not Holiday.objects.exists()


def test_load_demo_loads_2024_to_2026(db, settings):
    settings.DEBUG = True
    call_command("load_demo", "--only", "calendar", stdout=io.StringIO())
    years = set(Holiday.objects.values_list("year", flat=True))
    assert years == {2024, 2025, 2026}
    call_command("load_demo", "--only", "calendar", stdout=io.StringIO())
    assert Holiday.objects.count() == 112
