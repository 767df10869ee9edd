"""Redemption: balance, stock and per-person limit (with boundaries); cancellation refunds;
50 concurrent redemptions on PostgreSQL never overdraw, oversell or unbalance the ledger."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

from unionhub.core.testing.assertions import assert_invalid
from unionhub.points import services
from unionhub.points.choices import EntryKind, RedemptionStatus
from unionhub.points.models import LedgerEntry, PointsAccount, Redemption, Reward


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("balance", "stock", "limit", "quantity", "error"),
    [
        (30, 5, 2, 1, None),  # balance exactly the cost
        (29, 5, 2, 1, "insufficient_points"),
        (90, 3, None, 3, None),  # stock exactly the quantity
        (120, 3, None, 4, "insufficient_stock"),
        (90, 5, 2, 2, None),  # limit exactly
        (90, 5, 2, 3, "limit_exceeded"),
    ],
)
def test_redemption_rules(world, balance, stock, limit, quantity, error):
    Reward.objects.filter(pk=world.reward.pk).update(stock=stock, per_person_limit=limit)
    world.award(world.account, balance)
    if error:
        with pytest.raises(ValidationError) as exc:
            services.redemption_create(
                actor=world.worker, account=world.account, reward=world.reward, quantity=quantity
            )
        assert_invalid(exc, field="quantity", code=error)
        world.account.refresh_from_db()
        world.reward.refresh_from_db()
        assert (world.account.balance, world.reward.stock) == (balance, stock)
        assert not Redemption.objects.exists()
    else:
        order = services.redemption_create(
            actor=world.worker, account=world.account, reward=world.reward, quantity=quantity
        )
        world.account.refresh_from_db()
        world.reward.refresh_from_db()
        assert world.account.balance == balance - 30 * quantity
        assert world.reward.stock == stock - quantity
        assert order.points == 30 * quantity


@pytest.mark.django_db
def test_limit_counts_earlier_orders_but_not_cancelled_ones(world):
    world.award(world.account, 200)
    first = services.redemption_create(
        actor=world.worker, account=world.account, reward=world.reward, quantity=2
    )
    with pytest.raises(ValidationError) as exc:
        services.redemption_create(
            actor=world.worker, account=world.account, reward=world.reward, quantity=1
        )
    assert_invalid(exc, field="quantity", code="limit_exceeded")
    services.redemption_cancel(order=first, actor=world.worker)
    again = services.redemption_create(
        actor=world.worker, account=world.account, reward=world.reward, quantity=1
    )
    assert again.status == RedemptionStatus.PENDING and again.quantity == 1


@pytest.mark.django_db
def test_cancel_refunds_by_entry_and_returns_stock(world):
    world.award(world.account, 100)
    order = services.redemption_create(
        actor=world.worker, account=world.account, reward=world.reward, quantity=2
    )
    services.redemption_cancel(order=order, actor=world.chair, note="缺货")
    order.refresh_from_db()
    world.account.refresh_from_db()
    world.reward.refresh_from_db()
    assert order.status == RedemptionStatus.CANCELLED
    assert world.account.balance == 100 and world.reward.stock == 5
    kinds = list(world.account.entries.order_by("pk").values_list("kind", "points"))
    assert kinds == [("adjustment", 100), ("redemption", -60), ("refund", 60)]
    with pytest.raises(ValidationError) as exc:
        services.redemption_cancel(order=order, actor=world.chair)
    assert_invalid(exc, field="status", code="not_pending")
    with pytest.raises(ValidationError) as exc:
        services.redemption_fulfil(order=order, actor=world.chair)
    assert_invalid(exc, field="status", code="not_pending")


@pytest.mark.django_db
def test_reward_of_another_programme_is_refused(world):
    from unionhub.points.tests.samples import reward_in

    world.award(world.account, 100)
    with pytest.raises(ValidationError) as exc:
        services.redemption_create(
            actor=world.worker, account=world.account, reward=reward_in("xiangshui"), quantity=1
        )
    assert_invalid(exc, field="reward", code="reward_unavailable")
    assert not Redemption.objects.filter(account=world.account).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("stock", "expected_ok", "refusal"),
    [(20, 20, "insufficient_stock"), (100, 30, "insufficient_points")],
    ids=["stock-binds", "balance-binds"],
)
def test_fifty_concurrent_redemptions_on_postgres(demo, stock, expected_ok, refusal):
    from unionhub.points.tests.conftest import World

    world = World()
    # 10 employees with 100 points each (3 orders of 30 affordable each), 20 in stock.
    accounts = [world.account, world.other_account]
    from unionhub.accounts.demo import ensure_user

    for n in range(8):
        user = ensure_user(f"pts_conc_{n}", f"并发职工{n}", world.union, ["worker"])
        accounts.append(
            services.account_open(actor=world.chair, programme=world.programme, user=user)
        )
    for account in accounts:
        world.award(account, 100)
    Reward.objects.filter(pk=world.reward.pk).update(stock=stock, per_person_limit=None)
    results: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(50)

    def redeem(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            services.redemption_create(
                actor=None, account=accounts[i % len(accounts)], reward=world.reward, quantity=1
            )
            outcome = "ok"
        except ValidationError as exc:
            outcome = exc.error_dict["quantity"][0].code
        except Exception as exc:  # noqa: BLE001
            outcome = f"error {exc!r}"
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=redeem, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == 50
    assert not [r for r in results if r.startswith("error")], results
    ok = results.count("ok")
    world.reward.refresh_from_db()
    # 10 accounts × 3 affordable orders = 30: either the stock (20) or the balances bind.
    assert ok == expected_ok and world.reward.stock == stock - expected_ok
    assert refusal in results and set(results) <= {
        "ok",
        "insufficient_points",
        "insufficient_stock",
    }
    for account in PointsAccount.objects.filter(programme=world.programme):
        total = LedgerEntry.objects.filter(account=account).aggregate(s=Sum("points"))["s"] or 0
        assert account.balance == total >= 0
    assert Redemption.objects.filter(reward=world.reward).count() == expected_ok
    spent = -LedgerEntry.objects.filter(kind=EntryKind.REDEMPTION).aggregate(s=Sum("points"))["s"]
    assert spent == expected_ok * 30
    assert services.ledger_check() == []
