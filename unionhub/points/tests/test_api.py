"""The points API per contract: the caller's balance, rewards, redemptions, submissions and
review actions; workers reach only their own rows."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from unionhub.core.testing.assertions import assert_api_invalid
from unionhub.points import services
from unionhub.points.models import LedgerEntry, Submission
from unionhub.points.tests.conftest import evidence

pytestmark = pytest.mark.django_db


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_me_returns_balance_and_programme(world):
    world.award(world.account, 42)
    data = _api(world.worker).get("/api/v1/points/accounts/me/").json()
    assert data["balance"] == 42 and data["programme"] == world.programme.pk


def test_me_without_account(api_as):
    data = api_as("city_admin").get("/api/v1/points/accounts/me/").json()
    assert data["balance"] == 0 and data["programme"] is None


def test_rewards_of_the_callers_programme(world):
    rows = _api(world.worker).get("/api/v1/points/rewards/").json()["results"]
    assert [(r["name"], r["cost"], r["stock"]) for r in rows] == [("保温杯", 30, 5)]


@pytest.mark.parametrize(
    ("balance", "quantity", "status", "reason"),
    [
        (30, 1, 201, None),
        (29, 1, 400, "积分不足"),
        (500, 6, 400, "库存不足"),
        (500, 3, 400, "超过限兑数量"),
    ],
)
def test_redemption_api(world, balance, quantity, status, reason):
    world.award(world.account, balance)
    response = _api(world.worker).post(
        "/api/v1/points/redemptions/",
        {"reward": world.reward.pk, "quantity": quantity},
        format="json",
    )
    assert response.status_code == status, response.content
    if reason:
        # The contract names these Chinese reasons for the redemption API.
        assert_api_invalid(response, field="quantity")
        assert reason in response.json()["quantity"][0]
    else:
        assert response.json()["points"] == 30
        world.reward.refresh_from_db()
        assert world.reward.stock == 4


def test_worker_submits_and_sees_only_own_submissions(world):
    api = _api(world.worker)
    item = world.items["safety_snapshot"]
    created = api.post(
        "/api/v1/points/submissions/",
        {"item": item.pk, "description": "消防通道堵塞", "photo": evidence()},
        format="multipart",
    )
    assert created.status_code == 201, created.content
    services.submission_create(
        actor=world.other,
        photo=evidence(),
        account=world.other_account,
        item=item,
        description="别人的",
    )
    rows = api.get("/api/v1/points/submissions/").json()["results"]
    assert [r["description"] for r in rows] == ["消防通道堵塞"]
    # workers cannot review
    assert (
        api.post(
            f"/api/v1/points/submissions/{created.json()['id']}/approve/", {"points": 3}
        ).status_code
        == 403
    )


def test_chair_reviews_through_the_api(world):
    sub = services.submission_create(
        actor=world.worker,
        photo=evidence(),
        account=world.account,
        item=world.items["safety_snapshot"],
        description="x",
    )
    api = _api(world.chair)
    bad = api.post(f"/api/v1/points/submissions/{sub.pk}/approve/", {"points": 9}, format="json")
    assert_api_invalid(bad, field="points")
    ok = api.post(f"/api/v1/points/submissions/{sub.pk}/approve/", {"points": 4}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "approved"
    assert _api(world.worker).get("/api/v1/points/accounts/me/").json()["balance"] == 4


def test_own_submission_cannot_be_approved_via_api(world):
    sub = services.submission_create(
        actor=world.chair,
        photo=evidence(),
        account=world.chair_account,
        item=world.items["safety_snapshot"],
        description="x",
    )
    response = _api(world.chair).post(
        f"/api/v1/points/submissions/{sub.pk}/approve/", {"points": 3}
    )
    assert_api_invalid(response, field="reviewer")


def test_second_appeal_via_api(world):
    sub = services.submission_create(
        actor=world.worker,
        photo=evidence(),
        account=world.account,
        item=world.items["safety_snapshot"],
        description="x",
    )
    services.submission_reject(submission=sub, actor=world.chair, reason="不清楚")
    api = _api(world.worker)
    assert (
        api.post(f"/api/v1/points/submissions/{sub.pk}/appeal/", {"reason": "补充"}).status_code
        == 201
    )
    second = api.post(f"/api/v1/points/submissions/{sub.pk}/appeal/", {"reason": "再来"})
    assert_api_invalid(second, field="submission")


def test_ledger_api_is_read_only(world):
    entry = world.award(world.account, 10)
    api = _api(world.chair)
    for method in ("put", "patch", "delete"):
        response = getattr(api, method)(
            f"/api/v1/points/ledger/{entry.pk}/", {"points": 99}, format="json"
        )
        assert response.status_code == 405
    entry.refresh_from_db()
    assert entry.points == 10


def test_worker_cannot_see_another_workers_ledger(world):
    entry = world.award(world.other_account, 10)
    assert _api(world.worker).get(f"/api/v1/points/ledger/{entry.pk}/").status_code == 404


def test_list_query_counts_are_constant(world, django_assert_max_num_queries):
    for n in range(15):
        services.submission_create(
            actor=world.worker,
            photo=evidence(),
            account=world.account,
            item=world.items["6s_snapshot"],
            description=f"{n}",
        )
        world.award(world.account, 1)
    api = _api(world.chair)
    for url in (
        "/api/v1/points/submissions/",
        "/api/v1/points/ledger/",
        "/api/v1/points/accounts/",
        "/api/v1/points/rewards/",
        "/api/v1/points/redemptions/",
    ):
        with django_assert_max_num_queries(12):
            assert api.get(url, {"page_size": 100}).status_code == 200
    assert Submission.objects.count() == 15 and LedgerEntry.objects.count() == 15
