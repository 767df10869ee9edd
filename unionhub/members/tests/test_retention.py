"""Retention (domain.md §11.3.5): the personal data of members who left is anonymised once
the configured period (default 3 years) after the leaving day has passed, counted by the
Civil Code rule (art. 202, ``add_years``); aggregates stay; one audit record per run;
rerunning changes nothing."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from unionhub.core import crypto
from unionhub.core.models import ChangeRecord
from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises.dates import add_years
from unionhub.members import selectors, services
from unionhub.members.demo import synthetic_id_number
from unionhub.members.models import JoinApplication, Member
from unionhub.org.demo import first_town_union

pytestmark = pytest.mark.django_db

_N = {"n": 0}


def former_member(left_on: dt.date | None, *, name: str = "陈骑手", status: str = "left"):
    _N["n"] += 1
    n = _N["n"]
    return services.member_create(
        actor=None,
        name=name,
        id_number=synthetic_id_number("320924", dt.date(1990, 3, 1 + n % 28), 500 + n),
        phone=f"1595123{n:04d}",
        union=first_town_union("sheyang"),
        occupation="courier",
        joined_on=dt.date(2015, 1, 1),
        status=status,
        left_on=left_on,
        card_number=f"SY-{n:04d}",
    )


def _anonymised(member: Member) -> bool:
    member.refresh_from_db()
    return member.anonymised_at is not None


@pytest.mark.parametrize(
    ("left_on", "today", "years", "due"),
    [
        # exactly N years ago today: the period has ended
        (dt.date(2023, 6, 15), dt.date(2026, 6, 15), 3, True),
        # one day less than N years
        (dt.date(2023, 6, 16), dt.date(2026, 6, 15), 3, False),
        (dt.date(2023, 6, 14), dt.date(2026, 6, 15), 3, True),
        # 29 February: the corresponding day of a common year is 28 February (art. 202)
        (dt.date(2024, 2, 29), dt.date(2027, 2, 28), 3, True),
        (dt.date(2024, 2, 29), dt.date(2027, 2, 27), 3, False),
        (dt.date(2023, 2, 28), dt.date(2026, 2, 28), 3, True),
        (dt.date(2023, 3, 1), dt.date(2026, 2, 28), 3, False),
        # a leap target year keeps 29 February
        (dt.date(2024, 2, 29), dt.date(2028, 2, 29), 4, True),
        (dt.date(2024, 2, 29), dt.date(2028, 2, 28), 4, False),
        # another configured period
        (dt.date(2021, 6, 15), dt.date(2026, 6, 15), 5, True),
        (dt.date(2021, 6, 16), dt.date(2026, 6, 15), 5, False),
        (dt.date(2023, 6, 15), dt.date(2026, 6, 15), 5, False),
    ],
)
def test_boundary_of_the_retention_period(demo, settings, left_on, today, years, due):
    if years != 3:
        settings.MEMBER_RETENTION_YEARS = years
    member = former_member(left_on)
    result = services.members_anonymise(actor=None, today=today)
    assert result.due == int(due) and result.retention_years == years
    assert _anonymised(member) is due


def test_default_is_three_years_and_the_setting_is_read(demo, settings):
    assert selectors.member_retention_years() == 3
    settings.MEMBER_RETENTION_YEARS = 5
    assert selectors.member_retention_years() == 5


@pytest.mark.parametrize(
    "status, due", [("left", True), ("active", False), ("transferred", False), ("deceased", False)]
)
def test_only_members_who_left_are_anonymised(demo, status, due):
    member = former_member(dt.date(2020, 1, 1), status=status)
    services.members_anonymise(actor=None, today=dt.date(2026, 6, 1))
    assert _anonymised(member) is due


def test_what_is_cleared_and_what_is_kept(demo):
    member = former_member(dt.date(2022, 5, 4), name="欧阳建国")
    before = Member.objects.get(pk=member.pk)
    id_number, phone = before.id_number, before.phone
    app = JoinApplication.objects.create(
        code="RETAIN01",
        name="欧阳建国",
        region=first_town_union("sheyang").region,
        union=first_town_union("sheyang"),
        status="approved",
        member=member,
    )
    app.id_number = id_number
    app.phone = phone
    app.save()
    bystander = former_member(None, status="active", name="王在会")

    result = services.members_anonymise(actor=None, today=dt.date(2026, 1, 1))
    assert (result.due, result.applications) == (1, 1)

    m = Member.objects.get(pk=member.pk)
    assert m.name == "欧***"
    assert (m.id_number_enc, m.id_number_hash, m.phone_enc, m.phone_hash) == ("", "", "", "")
    assert m.id_number == "" and m.phone == "" and m.card_number == ""
    assert m.birth_date == dt.date(before.birth_date.year, 1, 1)
    assert m.anonymised_at is not None
    # kept for statistics
    assert (m.gender, m.union_id, m.occupation, m.joined_on, m.left_on, m.status) == (
        before.gender,
        before.union_id,
        "courier",
        dt.date(2015, 1, 1),
        dt.date(2022, 5, 4),
        "left",
    )
    a = JoinApplication.objects.get(pk=app.pk)
    assert a.name == "欧***" and (a.id_number_enc, a.phone_enc, a.id_number_hash) == ("", "", "")
    # nobody finds the person by number any more; the bystander is untouched
    assert not Member.objects.search_identity(id_number).exists()
    assert not Member.objects.search_identity(phone).exists()
    bystander.refresh_from_db()
    assert bystander.name == "王在会" and bystander.id_number_enc


def test_one_summary_audit_record_without_names_and_idempotent(demo):
    members = [former_member(dt.date(2020, 1, d), name=f"张三{d}") for d in (1, 2, 3)]
    start = ChangeRecord.objects.count()
    first = services.members_anonymise(actor=None, today=dt.date(2026, 1, 1))
    assert first.due == 3
    records = list(ChangeRecord.objects.order_by("pk")[start:])
    assert len(records) == 1
    record = records[0]
    assert record.model_name == "member" and record.changes["anonymised"] == 3
    assert "张三" not in repr(record.changes) + record.note + record.object_repr
    # several anonymised members coexist (no ID hash left to be unique)
    assert Member.objects.filter(id_number_hash="").count() == 3
    names = [Member.objects.get(pk=m.pk).name for m in members]
    second = services.members_anonymise(actor=None, today=dt.date(2026, 1, 1))
    assert second.due == 0 and ChangeRecord.objects.count() == start + 1
    assert [Member.objects.get(pk=m.pk).name for m in members] == names == ["张**"] * 3


def test_dry_run_changes_nothing(demo):
    member = former_member(dt.date(2020, 1, 1))
    start = ChangeRecord.objects.count()
    result = services.members_anonymise(actor=None, today=dt.date(2026, 1, 1), dry_run=True)
    assert result.due == 1 and result.dry_run
    assert not _anonymised(member) and member.name == "陈骑手"
    assert ChangeRecord.objects.count() == start


def test_members_without_a_leaving_date_are_reported_not_touched(demo):
    member = former_member(dt.date(2020, 1, 1))
    Member.objects.filter(pk=member.pk).update(left_on=None)
    result = services.members_anonymise(actor=None, today=dt.date(2026, 1, 1))
    assert (result.due, result.without_date) == (0, 1)
    assert not _anonymised(member)


def test_command_at_today_boundary(demo):
    today = timezone.localdate()
    exactly = former_member(add_years(today, -3))
    one_day_less = former_member(add_years(today, -3) + dt.timedelta(days=1))
    out = StringIO()
    call_command("anonymise_members", "--dry-run", stdout=out)
    assert "将匿名化 1 名会员" in out.getvalue() and "未做任何修改" in out.getvalue()
    assert not _anonymised(exactly)
    out = StringIO()
    call_command("anonymise_members", stdout=out)
    assert "已匿名化 1 名会员" in out.getvalue()
    assert _anonymised(exactly) and not _anonymised(one_day_less)
    record = ChangeRecord.objects.order_by("-pk").first()
    assert record.actor is None and record.changes["anonymised"] == 1 and record.note
    out = StringIO()
    call_command("anonymise_members", stdout=out)
    assert "已匿名化 0 名会员" in out.getvalue()


# --- the leaving date -----------------------------------------------------------------------


def test_leaving_date_defaults_to_today_and_is_kept_only_while_left(demo):
    member = former_member(None, status="active")
    assert member.left_on is None
    services.member_update(actor=None, member=member, status="left")
    assert member.left_on == timezone.localdate()
    services.member_update(actor=None, member=member, name="陈骑手")  # still left: the day is kept
    assert member.left_on == timezone.localdate()
    services.member_update(actor=None, member=member, status="active")
    assert member.left_on is None


@pytest.mark.parametrize(
    "left_on, code",
    [
        (dt.date(2014, 12, 31), "before_join"),  # before joining (2015-01-01)
        (dt.date(2015, 1, 1), None),
        ("today", None),
        ("tomorrow", "future"),
    ],
)
def test_leaving_date_bounds(demo, left_on, code):
    today = timezone.localdate()
    left_on = {"today": today, "tomorrow": today + dt.timedelta(days=1)}.get(left_on, left_on)
    member = former_member(None, status="active")
    if code:
        with pytest.raises(ValidationError) as exc:
            services.member_update(actor=None, member=member, status="left", left_on=left_on)
        assert_invalid(exc, field="left_on", code=code)
    else:
        services.member_update(actor=None, member=member, status="left", left_on=left_on)
        assert member.left_on == left_on


def test_anonymised_member_cannot_be_edited(demo):
    member = former_member(dt.date(2020, 1, 1))
    services.members_anonymise(actor=None, today=dt.date(2026, 1, 1))
    member.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.member_update(actor=None, member=member, name="新名字")
    assert_invalid(exc, code="anonymised")


def test_key_rotation_skips_anonymised_rows(demo, settings):
    settings.PII_KEY, settings.PII_OLD_KEYS = "retention-key-one", []
    crypto.clear_key_cache()
    try:
        gone = former_member(dt.date(2020, 1, 1))
        kept = former_member(None, status="active")
        services.members_anonymise(actor=None, today=dt.date(2026, 1, 1))
        settings.PII_KEY, settings.PII_OLD_KEYS = "retention-key-two", ["retention-key-one"]
        crypto.clear_key_cache()
        call_command("rotate_pii_key", stdout=StringIO())
        gone.refresh_from_db()
        kept.refresh_from_db()
        assert (gone.id_number_enc, gone.id_number_hash, gone.phone_enc) == ("", "", "")
        assert kept.id_number_enc.startswith(crypto.current_key().key_id)
    finally:
        crypto.clear_key_cache()


def test_demo_former_members_have_leaving_dates_the_dry_run_counts(demo):
    from unionhub.members import demo as members_demo

    members_demo.load(total=400)
    left = Member.objects.filter(status="left")
    assert left.exists() and not left.filter(left_on__isnull=True).exists()
    assert all(m.joined_on <= m.left_on <= timezone.localdate() for m in left)
    result = services.members_anonymise(actor=None, dry_run=True)
    assert result.without_date == 0
    assert result.due == len(
        selectors.members_due_for_anonymising(today=timezone.localdate(), years=3)
    )


@pytest.mark.parametrize("name", ["李", "张三", "王建国", "欧阳建国", "阿依古丽·买买提"])
def test_names_are_masked_like_everywhere_else(demo, name):
    from unionhub.core.pii import mask_name

    member = former_member(dt.date(2020, 1, 1), name=name)
    services.members_anonymise(actor=None, today=dt.date(2026, 1, 1))
    member.refresh_from_db()
    assert member.name == mask_name(name)
