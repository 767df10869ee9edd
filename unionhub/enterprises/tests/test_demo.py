"""The demo data: realistic, idempotent, quick, and with what other modules rely on."""

from __future__ import annotations

import time

import pytest

from unionhub.core.validators.uscc import uscc_errors, uscc_warnings
from unionhub.enterprises import demo as demo_module
from unionhub.enterprises.choices import TargetReason
from unionhub.enterprises.models import Campaign, ContactLog, Enterprise, EnterpriseUnion

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_every_kind_of_target(demo):
    started = time.monotonic()
    from unionhub.enterprises import demo as enterprises_demo

    enterprises_demo.load()
    elapsed = time.monotonic() - started
    count = Enterprise.objects.count()
    assert count >= 11 * enterprises_demo.PER_COUNTY
    assert elapsed < 120, elapsed  # gross-regression guard only
    enterprises_demo.load()  # idempotent
    assert Enterprise.objects.count() == count

    sample = list(Enterprise.objects.order_by("?")[:200])
    assert all(uscc_errors(e.uscc) == [] and uscc_warnings(e.uscc) == [] for e in sample)
    jianhu = Enterprise.objects.filter(region__path__contains="/320925/")
    for reason in TargetReason:
        assert jianhu.filter(target_reasons__contains=reason.value).exists(), reason
    statuses = set(jianhu.values_list("union_status", flat=True))
    assert statuses == {"built", "term_overdue", "dormant", "not_built"}
    assert set(Enterprise.objects.values_list("size_class", flat=True)) >= {
        "large",
        "medium",
        "small",
        "micro",
    }
    assert EnterpriseUnion.objects.filter(form="joint").exists()
    assert EnterpriseUnion.objects.filter(form="organiser").exists()
    xiexin = EnterpriseUnion.objects.get(enterprises__name=enterprises_demo.FUNING_XIEXIN)
    assert xiexin.org_unit.region.path.startswith("320900/320923/")
    assert Campaign.objects.filter(region__code="320925").exists()
    assert ContactLog.objects.exclude(obstacle="none").exists()
    delayed = EnterpriseUnion.objects.filter(org_unit__region__path__contains="/320925/")
    assert any(u.term_state() == "delay_approved" for u in delayed.exclude(delay_until=None))


def test_demo_module_constant():
    assert demo_module.FUNING_XIEXIN == "阜宁协鑫光伏科技有限公司"
