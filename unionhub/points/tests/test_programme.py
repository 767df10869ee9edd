"""Programmes: created with the seed's catalogue by a grassroots union, rules versioned,
scoped to the union; employees see only their own rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from unionhub.core.testing.assertions import assert_invalid
from unionhub.org.demo import county_union
from unionhub.points import services
from unionhub.points.models import Programme, Submission
from unionhub.points.tests.conftest import evidence

pytestmark = pytest.mark.django_db

SEED_ITEMS = [
    "安全随手拍",
    "安全主题活动",
    "合理化建议",
    "技改项目",
    "OIT改善",
    "OCC改善",
    "6S随手拍",
    "6S改善",
    "改善周",
    "质量月",
    "文体活动",
]


def test_default_catalogue_is_the_seeds_list(world):
    names = list(world.programme.items.order_by("order").values_list("name", flat=True))
    assert names == SEED_ITEMS
    assert world.programme.benefit_tiers.count() == 4
    assert (
        services.catalogue_apply_default(actor=world.chair, programme=world.programme) == 0
    )  # idempotent


def test_only_grassroots_unions_run_programmes(demo):
    with pytest.raises(ValidationError) as exc:
        services.programme_create(actor=None, union=county_union("funing"), name="县总计划")
    assert_invalid(exc, field="union", code="not_grassroots")
    assert not Programme.objects.filter(name="县总计划").exists()


def test_rules_document_is_versioned(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    v1 = services.rules_version_add(
        actor=world.chair,
        programme=world.programme,
        title="积分管理制度",
        effective_from=dt.date(2025, 1, 1),
        document=SimpleUploadedFile("rules.pdf", b"%PDF-1.4"),
    )
    v2 = services.rules_version_add(
        actor=world.chair,
        programme=world.programme,
        title="积分管理制度（修订）",
        effective_from=dt.date(2026, 1, 1),
    )
    assert (v1.version, v2.version) == (1, 2)
    assert world.programme.current_rules == v2
    assert world.programme.rules_versions.count() == 2


def test_chair_creates_a_programme_on_the_page(world):
    c = Client()
    c.force_login(world.chair)
    Programme.objects.filter(pk=world.programme.pk).update(is_active=False)
    response = c.post(
        reverse("points:programme_add"),
        {
            "union": world.union.pk,
            "name": "第二个计划",
            "slogan": "",
            "is_active": "on",
            "expiry_policy": "never",
            "expiry_years": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Programme.objects.get(name="第二个计划")
    assert created.items.count() == len(SEED_ITEMS)


def test_worker_pages_show_only_own_rows(world):
    services.submission_create(
        actor=world.other,
        photo=evidence(),
        account=world.other_account,
        item=world.items["6s_snapshot"],
        description="别人的申报",
    )
    mine = services.submission_create(
        actor=world.worker,
        photo=evidence(),
        account=world.account,
        item=world.items["6s_snapshot"],
        description="我的申报",
    )
    c = Client()
    c.force_login(world.worker)
    body = c.get(reverse("points:mobile")).content.decode()
    assert "我的申报" in body and "别人的申报" not in body
    assert c.get(reverse("points:submission", args=[mine.pk])).status_code == 200
    other = Submission.objects.get(description="别人的申报")
    assert c.get(reverse("points:submission", args=[other.pk])).status_code == 404
    assert c.get(reverse("points:programme", args=[world.programme.pk])).status_code == 403
