"""The ledger is append-only, idempotent, and the cached balance always equals the sum."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from unionhub.core.testing.assertions import assert_invalid
from unionhub.points import services
from unionhub.points.choices import EntryKind, ExpiryPolicy
from unionhub.points.models import AppendOnlyError, LedgerEntry, PointsAccount
from unionhub.points.tests.conftest import at

pytestmark = pytest.mark.django_db


def test_balance_is_the_sum_of_entries(world):
    world.award(world.account, 40)
    world.award(world.account, -15, reason="扣减")
    world.account.refresh_from_db()
    assert world.account.balance == 25
    assert sum(world.account.entries.values_list("points", flat=True)) == 25
    assert list(world.account.entries.order_by("pk").values_list("balance_after", flat=True)) == [
        40,
        25,
    ]


def test_debit_below_zero_is_refused_and_nothing_changes(world):
    world.award(world.account, 10)
    with pytest.raises(ValidationError) as exc:
        world.award(world.account, -11)
    assert_invalid(exc, field="points", code="insufficient_points")
    world.account.refresh_from_db()
    assert world.account.balance == 10
    assert world.account.entries.count() == 1


@pytest.mark.parametrize(
    "attempt",
    [
        lambda e: (setattr(e, "points", 999), e.save()),
        lambda e: e.delete(),
        lambda e: LedgerEntry.objects.filter(pk=e.pk).update(points=999),
        lambda e: LedgerEntry.objects.filter(pk=e.pk).delete(),
    ],
    ids=["save", "delete", "queryset-update", "queryset-delete"],
)
def test_posted_entries_cannot_be_edited_or_deleted(world, attempt):
    entry = world.award(world.account, 10)
    with pytest.raises(AppendOnlyError):
        attempt(entry)
    entry.refresh_from_db()
    assert entry.points == 10


def test_same_idempotency_key_posts_once(world):
    first = services.entry_adjust(
        account=world.account, points=5, reason="x", actor=None, key="k:1:1"
    )
    again = services.entry_adjust(
        account=world.account, points=5, reason="x", actor=None, key="k:1:1"
    )
    assert first.pk == again.pk
    world.account.refresh_from_db()
    assert world.account.balance == 5


def test_reversal_is_a_new_opposite_entry_once_only(world):
    entry = world.award(world.account, 12)
    reversal = services.entry_reverse(entry=entry, reason="录入错误", actor=world.chair)
    assert (
        reversal.kind == EntryKind.REVERSAL
        and reversal.points == -12
        and reversal.reverses == entry
    )
    world.account.refresh_from_db()
    assert world.account.balance == 0
    with pytest.raises(ValidationError) as exc:
        services.entry_reverse(entry=entry, reason="再次", actor=world.chair)
    assert_invalid(exc, field="entry", code="already_reversed")
    with pytest.raises(ValidationError) as exc:
        services.entry_reverse(entry=reversal, reason="冲正的冲正", actor=world.chair)
    assert_invalid(exc, field="entry", code="reversal_not_reversible")
    world.account.refresh_from_db()
    assert world.account.balance == 0 and world.account.entries.count() == 2


def test_points_check_reports_differences(world):
    world.award(world.account, 20)
    out = StringIO()
    call_command("points_check", stdout=out)
    assert "0 个差异" in out.getvalue()
    PointsAccount.objects.filter(pk=world.account.pk).update(balance=7)  # corrupt the cache
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("points_check", stdout=out, stderr=err)
    assert exc.value.code == 1
    assert "缓存余额 7，流水合计 20" in out.getvalue()


# --- expiry: points of year Y expire at the end of year Y + N (FIFO against spending) -----


@pytest.mark.parametrize(
    ("years", "today", "expected"),
    [
        (1, dt.date(2026, 12, 31), 0),  # still valid on the last day of the next year
        (1, dt.date(2027, 1, 1), 70),  # 100 earned in 2025, 30 spent in 2026 → 70 expire
        (2, dt.date(2027, 1, 1), 0),
        (2, dt.date(2028, 1, 1), 70),
    ],
)
def test_expiry_end_of_later_year(world, years, today, expected):
    world.programme.expiry_years = years
    world.programme.save()
    world.award(world.account, 100, when=at(2025, 3, 1))
    world.award(world.account, -30, when=at(2026, 2, 1), reason="兑换")
    world.award(world.account, 20, when=at(2026, 5, 1))
    created = services.expiry_run(actor=None, today=today, programme=world.programme)
    world.account.refresh_from_db()
    assert world.account.balance == 90 - expected
    assert created == (1 if expected else 0)
    # idempotent
    assert services.expiry_run(actor=None, today=today, programme=world.programme) == 0


def test_expiry_never_policy(world):
    world.programme.expiry_policy = ExpiryPolicy.NEVER
    world.programme.save()
    world.award(world.account, 100, when=at(2020, 3, 1))
    assert services.expiry_run(actor=None, today=dt.date(2027, 1, 1)) == 0


def test_expiry_command_is_idempotent(world):
    world.award(world.account, 50, when=at(2024, 6, 1))
    out = StringIO()
    call_command("points_expire", "--today", "2026-01-01", stdout=out)
    call_command("points_expire", "--today", "2026-01-01", stdout=out)
    assert world.account.entries.filter(kind=EntryKind.EXPIRY).count() == 1
    world.account.refresh_from_db()
    assert world.account.balance == 0
