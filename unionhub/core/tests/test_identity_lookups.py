"""Probe findings 1 and 9: finding a member by a full 身份证号 or phone works only for callers
who may see personal data unmasked, is throttled per user (IDENTITY_LOOKUP_RATE) and leaves
one audit entry per look-up without the number; "already registered outside your scope"
answers for an ID number or USCC are counted and audited the same way."""

from __future__ import annotations

import json

import pytest

from unionhub.core.models import ChangeRecord
from unionhub.enterprises.tests.samples import enterprise_api, enterprise_in
from unionhub.members.tests.samples import member_in

pytestmark = pytest.mark.django_db


def _reveals():
    return ChangeRecord.objects.filter(action="reveal").order_by("pk")


@pytest.fixture
def member(demo):
    return member_in("xiangshui")


@pytest.mark.parametrize("field", ["id_number", "phone"])
def test_an_identity_search_is_audited_without_the_number(member, api_as, field):
    number = getattr(member, field)
    before = _reveals().count()
    response = api_as("xiangshui_admin").get("/api/v1/members/", {"q": number})
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [member.pk]
    entries = list(_reveals()[before:])
    assert len(entries) == 1
    entry = entries[0]
    assert entry.actor.username == "xiangshui_admin"
    assert entry.changes["lookup"] == field
    assert entry.note.startswith("按")
    stored = json.dumps([entry.note, entry.changes, entry.object_repr], ensure_ascii=False)
    assert number not in stored and number[-8:] not in stored


def test_without_the_personal_data_permission_a_number_finds_nobody(member, api_as, client_as):
    assert (
        not api_as("xiangshui_town")
        .get("/api/v1/members/", {"q": member.id_number})
        .json()["results"]
    )
    page = client_as("xiangshui_town").get("/members/", {"q": member.phone})
    assert page.status_code == 200 and member.name not in page.content.decode()
    # a name still works for them
    found = api_as("xiangshui_town").get("/api/v1/members/", {"q": member.name}).json()
    assert [r["id"] for r in found["results"]] == [member.pk]


def test_identity_searches_are_throttled_per_user(member, api_as, client_as, settings):
    settings.IDENTITY_LOOKUP_RATE = "2/hour"
    api = api_as("xiangshui_admin")
    for _ in range(2):
        assert api.get("/api/v1/members/", {"q": member.id_number}).status_code == 200
    refused = api.get("/api/v1/members/", {"q": member.id_number})
    assert refused.status_code == 429
    page = client_as("xiangshui_admin").get("/members/", {"q": member.phone})
    assert page.status_code == 429
    assert "操作过于频繁" in page.content.decode()
    # another user has their own allowance; plain searches are not counted
    assert api.get("/api/v1/members/", {"q": member.name}).status_code == 200
    assert api_as("city_admin").get("/api/v1/members/", {"q": member.id_number}).status_code == 200


def test_a_uscc_registered_outside_the_scope_is_a_counted_look_up(demo, api_as, settings):
    settings.IDENTITY_LOOKUP_RATE = "1/hour"
    other = enterprise_in("xiangshui")
    api = api_as("sheyang_admin")
    payload = {**enterprise_api("sheyang"), "uscc": other.uscc}
    first = api.post("/api/v1/enterprises/", payload, format="json")
    assert first.status_code == 400
    assert "数据范围以外" in json.dumps(first.json(), ensure_ascii=False) or first.json()["uscc"]
    entry = _reveals().last()
    assert entry.changes == {"lookup": "uscc_exists"} and other.uscc not in entry.note
    assert api.post("/api/v1/enterprises/", payload, format="json").status_code == 429
