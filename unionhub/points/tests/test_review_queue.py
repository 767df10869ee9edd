"""The review queue as reviewers use it (issue #21): what was claimed, the review deadline
and a 超期 flag, 下一条 after a decision, batch approval, and redemption with confirmation
(tests/test_views.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from unionhub.points import services
from unionhub.points.models import Submission
from unionhub.points.tests.conftest import evidence

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _claim(world, code="safety_activity", text="参加安全主题活动", account=None):
    return services.submission_create(
        actor=world.worker,
        photo=evidence(),
        account=account or world.account,
        item=world.items[code],
        description=text,
    )


def test_queue_shows_description_deadline_and_overdue_flag(world):
    old = _claim(world, text="上周的安全活动")
    Submission.objects.filter(pk=old.pk).update(created_at=old.created_at - dt.timedelta(days=20))
    _claim(world, text="今天的安全活动")
    response = _client(world.chair).get(reverse("points:review_queue"))
    page = response.content.decode()
    assert "上周的安全活动" in page and "今天的安全活动" in page
    rows = list(response.context["object_list"])
    assert [r.description for r in rows] == ["上周的安全活动", "今天的安全活动"]  # oldest first
    assert rows[0].review_overdue is True and rows[1].review_overdue is False
    assert '<span class="badge bg-red-lt">是</span>' in page
    for header in ("说明", "审核截止", "超期"):
        assert f">{header}<" in page


def test_approve_and_next_goes_to_the_next_waiting_claim(world):
    first = _claim(world, text="第一条")
    second = _claim(world, text="第二条")
    c = _client(world.chair)
    form = c.get(reverse("points:submission_approve", args=[first.pk])).content.decode()
    assert 'data-testid="submit-and-next"' in form
    r = c.post(reverse("points:submission_approve", args=[first.pk]), {"then": "next"})
    assert r.status_code == 302
    assert r["Location"] == reverse("points:submission", args=[second.pk])
    r = c.post(reverse("points:submission_approve", args=[second.pk]), {"then": "next"})
    assert r["Location"] == reverse("points:review_queue")  # nothing left


def test_batch_approve_the_ticked_claims(world):
    fixed = [_claim(world, text=f"活动{i}") for i in range(2)]
    ranged = _claim(world, code="safety_snapshot", text="需要定分值")
    c = _client(world.chair)
    url = reverse("points:review_queue")
    data = {"action": "approve", "pk": [s.pk for s in [*fixed, ranged]]}
    confirm = c.post(url, data)
    assert confirm.status_code == 200  # the confirmation with the count
    c.post(url, {**data, "confirm": "1"})
    statuses = dict(Submission.objects.values_list("pk", "status"))
    assert [statuses[s.pk] for s in fixed] == ["approved", "approved"]
    assert statuses[ranged.pk] == "pending"  # a range item needs its points: refused, reported
    world.account.refresh_from_db()
    assert world.account.balance == 2 * world.items["safety_activity"].points_min
