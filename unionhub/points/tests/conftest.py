from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from unionhub.accounts.demo import ensure_user
from unionhub.accounts.models import User
from unionhub.points import services
from unionhub.points.tests.samples import enterprise_union_in

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
    b"\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def evidence(name: str = "snap.png", content: bytes | None = None) -> SimpleUploadedFile:
    """An uploaded evidence file (a 1×1 PNG unless told otherwise)."""
    if content is None:
        content = PDF if name.endswith(".pdf") else PNG
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Evidence files of the tests go to a temporary folder, never into var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


def at(y: int, m: int, d: int, h: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, h))


class World:
    """A small programme in 阜宁: a chair, a second reviewer, two employees."""

    def __init__(self):
        self.union = enterprise_union_in("funing")
        self.chair = ensure_user("pts_chair", "测试主席", self.union, ["union_chair"])
        self.vice = ensure_user("pts_vice", "测试副主席", self.union, ["union_chair"])
        self.programme = services.programme_create(
            union=self.union, name="测试积分计划", actor=self.chair
        )
        self.dept = services.department_create(
            actor=self.chair, programme=self.programme, name="组件车间"
        )
        self.worker = ensure_user("pts_worker", "测试职工", self.union, ["worker"])
        self.other = ensure_user("pts_other", "另一职工", self.union, ["worker"])
        self.account = services.account_open(
            actor=self.chair,
            programme=self.programme,
            user=self.worker,
            department=self.dept,
            employee_no="T001",
        )
        self.other_account = services.account_open(
            actor=self.chair, programme=self.programme, user=self.other, employee_no="T002"
        )
        self.chair_account = services.account_open(
            actor=self.chair, programme=self.programme, user=self.chair
        )
        self.items = {i.code: i for i in self.programme.items.all()}
        self.reward = services.reward_create(
            actor=self.chair,
            programme=self.programme,
            name="保温杯",
            cost=30,
            stock=5,
            per_person_limit=2,
        )

    def award(self, account, points: int, *, when=None, reason="测试奖励"):
        return services.entry_adjust(
            account=account, points=points, reason=reason, actor=self.chair, occurred_at=when
        )


@pytest.fixture
def world(demo) -> World:
    return World()


@pytest.fixture
def users(demo):
    return User.objects
