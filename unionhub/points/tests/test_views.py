"""Pages: the phone page (claim with a photo, redeem), review on the submission page, the
programme page with charts and leaderboards, batch award, roll-up; the demo's figures."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from unionhub.core.testing.assertions import assert_form_invalid, message_levels
from unionhub.points import selectors, services
from unionhub.points.models import Submission
from unionhub.points.tests.conftest import evidence

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
    b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_phone_page_claim_with_photo(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    c = _client(world.worker)
    page = c.get(reverse("points:mobile"))
    assert page.status_code == 200 and "安全随手拍" in page.content.decode()
    response = c.post(
        reverse("points:mobile"),
        {
            "action": "submit",
            "item": world.items["safety_snapshot"].pk,
            "description": "楼梯扶手松动",
            "photo": SimpleUploadedFile("snap.png", PNG, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    sub = Submission.objects.get(account=world.account)
    assert sub.photo.name.endswith(".png")


def test_phone_page_refuses_a_non_photo(world):
    c = _client(world.worker)
    response = c.post(
        reverse("points:mobile"),
        {
            "action": "submit",
            "item": world.items["safety_snapshot"].pk,
            "description": "x",
            "photo": SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream"),
        },
    )
    assert response.status_code == 200 and not Submission.objects.exists()


def test_phone_page_redeem_with_reason(world):
    c = _client(world.worker)
    response = c.post(
        reverse("points:mobile"),
        {"action": "redeem", "reward": world.reward.pk, "quantity": 1, "confirm": "1"},
        follow=True,
    )
    assert message_levels(response) == ["error"]  # 积分不足
    assert not world.account.redemptions.exists()
    world.award(world.account, 30)
    c.post(
        reverse("points:mobile"),
        {"action": "redeem", "reward": world.reward.pk, "quantity": 1, "confirm": "1"},
    )
    world.reward.refresh_from_db()
    assert world.reward.stock == 4


def test_redeem_asks_for_confirmation_before_deducting(world):
    """Issue #21: one tap deducted the points."""
    world.award(world.account, 30)
    c = _client(world.worker)
    first = c.post(
        reverse("points:mobile"), {"action": "redeem", "reward": world.reward.pk, "quantity": 1}
    )
    assert first.status_code == 200
    page = first.content.decode()
    assert 'data-testid="redeem-confirm"' in page
    world.account.refresh_from_db()
    assert not world.account.redemptions.exists()
    confirm = first.context["confirm_redeem"]
    assert confirm["balance_after"] == world.account.balance - world.reward.cost
    c.post(
        reverse("points:mobile"),
        {"action": "redeem", "reward": world.reward.pk, "quantity": 1, "confirm": "1"},
    )
    assert world.account.redemptions.count() == 1


def test_review_on_the_submission_page(world):
    sub = services.submission_create(
        actor=world.worker,
        photo=evidence(),
        account=world.account,
        item=world.items["safety_snapshot"],
        description="x",
    )
    c = _client(world.chair)
    page = c.get(reverse("points:submission", args=[sub.pk]))
    assert 'data-testid="approve"' in page.content.decode()
    approve = reverse("points:submission_approve", args=[sub.pk])
    assert f'action="{approve}"' in page.content.decode()
    assert_form_invalid(c.post(approve, {"points": 7}), field="points", code="out_of_range")
    r = c.post(approve, {"points": 4})
    assert r.status_code == 302 and r["Location"] == reverse("points:submission", args=[sub.pk])
    world.account.refresh_from_db()
    assert world.account.balance == 4


def test_worker_cannot_review_on_the_page(world):
    sub = services.submission_create(
        actor=world.worker,
        photo=evidence(),
        account=world.account,
        item=world.items["safety_snapshot"],
        description="x",
    )
    r = _client(world.worker).post(
        reverse("points:submission_approve", args=[sub.pk]), {"points": 4}
    )
    assert r.status_code == 403
    sub.refresh_from_db()
    assert sub.status == "pending"


def test_batch_award_page(world):
    c = _client(world.chair)
    url = reverse("points:award_batch", args=[world.programme.pk])
    assert c.get(url).status_code == 200
    data = {
        "item": world.items["culture_sports"].pk,
        "activity": "拔河比赛",
        "occurred_on": "2026-05-01",
        "points": 5,
        "participants": "pts_worker\nT002\nghost",
    }
    r = c.post(url, data)
    assert_form_invalid(r, field="participants", code="unknown_participant")
    assert "ghost" in r.content.decode()
    data["participants"] = "pts_worker\nT002"
    assert c.post(url, data).status_code == 302
    world.account.refresh_from_db()
    assert world.account.balance == 5


@pytest.mark.parametrize("username", ["pts_chair", "city_admin", "funing_admin"])
def test_programme_page_and_rollup_render(
    world, username, user_named, django_assert_max_num_queries
):
    services.award_batch(
        programme=world.programme,
        item=world.items["culture_sports"],
        participants=["pts_worker"],
        points=5,
        actor=world.chair,
        activity="篮球赛",
    )
    c = _client(user_named(username))
    with django_assert_max_num_queries(40):
        page = c.get(reverse("points:programme", args=[world.programme.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and 'data-chart="chart-monthly"' in body and "测试职工" in body
    rollup = c.get(reverse("points:rollup"))
    assert rollup.status_code == 200 and "阜宁县" in rollup.content.decode()


def test_other_county_cannot_open_the_programme(world, client_as):
    assert (
        client_as("sheyang_admin")
        .get(reverse("points:programme", args=[world.programme.pk]))
        .status_code
        == 404
    )


def test_dashboard_cards(world, user_named):
    c = _client(world.worker)
    world.award(world.account, 12)
    # a worker's home is 我的 (/me/), which shows their points card
    body = c.get("/", follow=True).content.decode()
    assert "我的积分" in body and 'data-testid="me-balance"' in body


def test_demo_reproduces_the_seed_and_is_consistent():
    from unionhub.points import demo
    from unionhub.points.models import Programme

    demo.load()
    demo.load()  # idempotent
    programme = Programme.objects.get(union__name=demo.FUNING_UNION)
    stats = selectors.programme_stats(programme=programme)
    assert stats["accounts"] >= 1000
    assert stats["person_times"] >= 1000  # 千余人次
    assert stats["suggestions"]["realized"] > 10_000_000  # 全年合理化建议总收益超千万元
    worker = programme.accounts.get(user__username="funing_worker")
    assert worker.balance > 0
    out = StringIO()
    call_command("points_check", stdout=out)
    assert "0 个差异" in out.getvalue()
    assert Programme.objects.count() == 2


@pytest.mark.parametrize(
    "name",
    [
        "points:programme_list",
        "points:pointitem_list",
        "points:reward_list",
        "points:pointsaccount_list",
        "points:ledgerentry_list",
        "points:submission_list",
        "points:review_queue",
        "points:redemption_list",
        "points:suggestion_list",
        "points:rollup",
        "points:mobile",
    ],
)
def test_list_pages_query_count_is_constant(world, name, django_assert_max_num_queries):
    for n in range(12):
        services.submission_create(
            actor=world.worker,
            photo=evidence(),
            account=world.account,
            item=world.items["6s_snapshot"],
            description=f"{n}",
        )
        world.award(world.account, 40)
        services.redemption_create(
            actor=world.worker, account=world.account, reward=world.reward, quantity=1
        ) if n < 2 else None
        services.suggestion_submit(
            actor=world.worker, account=world.account, title=f"建议{n}", content="c"
        )
    c = _client(world.chair)
    with django_assert_max_num_queries(30):
        assert c.get(reverse(name), {"page_size": 100}).status_code == 200


def test_adjustment_on_the_account_page(world):
    c = _client(world.chair)
    page = c.get(reverse("points:pointsaccount", args=[world.account.pk])).content.decode()
    assert 'data-testid="adjust-form"' in page
    url = reverse("points:pointsaccount_adjust", args=[world.account.pk])
    assert c.post(url, {"points": 15, "reason": "补记安全培训"}).status_code == 302
    r = c.post(url, {"points": -100, "reason": "扣减"})
    assert_form_invalid(r, field="points", code="insufficient_points")
    assert_form_invalid(c.post(url, {"points": 5}), field="reason", code="reason_required")
    world.account.refresh_from_db()
    assert world.account.balance == 15
    assert _client(world.worker).post(url, {"points": 5, "reason": "x"}).status_code == 403


def test_approving_a_fixed_item_reports_its_points(world):
    sub = services.submission_create(
        actor=world.worker,
        photo=evidence(),
        account=world.account,
        item=world.items["safety_activity"],
        description="x",
    )  # fixed 5
    c = _client(world.chair)
    r = c.post(reverse("points:submission_approve", args=[sub.pk]), {}, follow=True)
    assert message_levels(r) == ["success"]
    sub.refresh_from_db()
    assert sub.points == 5 and sub.status == "approved"
