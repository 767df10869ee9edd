"""The bargaining demo on top of the enterprises demo: 盐南's meetings and draft versions
(the rider industry contract's three rounds, a domestic-service negotiation under way);
loading twice adds nothing."""

from __future__ import annotations

import pytest

from unionhub.bargaining import demo as bargaining_demo
from unionhub.bargaining.models import BargainingCase, BargainingSession, ContractDraft
from unionhub.bargaining.selectors import draft_comparison

pytestmark = pytest.mark.django_db


def test_demo_meetings_and_drafts(demo):
    from unionhub.enterprises import demo as enterprises_demo

    enterprises_demo.load()
    bargaining_demo.load()
    riders = BargainingCase.objects.get(title="盐南高新区网约送餐行业集体合同")
    chairs = [s.chair.side for s in riders.sessions.order_by("number")]
    assert chairs == ["workers", "employer", "workers"]
    assert riders.drafts.count() == 3
    third = riders.drafts.get(version=3)
    kinds = [c.kind for c in draft_comparison(third).changes]
    assert kinds.count("changed") == 1 and kinds.count("added") == 1
    domestic = BargainingCase.objects.get(title=bargaining_demo.DOMESTIC)
    assert domestic.status == "negotiating" and domestic.sessions.count() == 2
    counts = BargainingSession.objects.count(), ContractDraft.objects.count()
    bargaining_demo.load()
    assert (BargainingSession.objects.count(), ContractDraft.objects.count()) == counts
