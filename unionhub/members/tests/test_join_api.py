"""Online joining through the API (mini-programs): the same service, rules and Chinese
reasons as the public join page; anonymous filing throttled; the applicant's status by phone
+ code; reviewers' scoped list with masking and approve / reject with the web queue's
permission."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from unionhub.core.testing.assertions import assert_invalid
from unionhub.members import services
from unionhub.members.demo import synthetic_id_number
from unionhub.members.models import JoinApplication, Member, id_number_hashes
from unionhub.org.demo import first_town_union

pytestmark = pytest.mark.django_db

URL = "/api/v1/members/applications/"
ID_A = synthetic_id_number("320924", dt.date(1992, 8, 8), 321)
PHONE_A = "15861234567"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # Throttle counters live in the cache; every test starts with none.
    cache.clear()
    yield
    cache.clear()


def payload(**overrides):
    data = {
        "name": "陈骑手",
        "id_number": ID_A,
        "phone": PHONE_A,
        "region": first_town_union("sheyang").region.code,
        "no_fixed_employer": True,
        "occupation": "delivery_rider",
        "is_new_employment": True,
        "key_group": "delivery_rider",
        "platform_name": "美团",
        "consent": True,
    }
    data.update(overrides)
    return data


def apply(**overrides):
    return APIClient().post(URL, payload(**overrides), format="json")


def test_anonymous_applicant_files_and_gets_the_code(demo):
    response = apply()
    assert response.status_code == 201, response.content
    body = response.json()
    app = JoinApplication.objects.get()
    assert body["code"] == app.code and len(app.code) == 8
    assert body["status"] == "pending" and body["status_display"] == "待审核"
    assert body["union_name"] == first_town_union("sheyang").name
    # No personal data is echoed back.
    assert ID_A not in response.content.decode() and PHONE_A not in response.content.decode()
    # Stored exactly like the web flow: ciphertext + keyed hash, the clear value only in memory.
    assert ID_A not in app.id_number_enc and PHONE_A not in app.phone_enc
    assert app.id_number == ID_A and app.phone == PHONE_A
    assert app.id_number_hash in id_number_hashes(ID_A)
    assert app.gender == "male" and app.birth_date == dt.date(1992, 8, 8)
    assert app.consent_version == services.CONSENT_VERSION and app.consented_at


def _service_errors(data: dict) -> dict:
    data = dict(data)
    data["region_code"] = data.pop("region")
    try:
        services.joinapplication_apply(actor=None, **data)
    except ValidationError as exc:
        return exc.message_dict
    raise AssertionError("the service accepted it")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "  "}, "name"),
        ({"id_number": ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")}, "id_number"),  # check digit
        ({"id_number": "320924199208083"}, "id_number"),  # 15 digits
        ({"id_number": ""}, "id_number"),
        ({"phone": "158612345"}, "phone"),  # 9 digits
        ({"phone": "1586123456789"}, "phone"),  # 13 digits
        ({"region": "110105001"}, "region"),  # Beijing
        ({"region": "320924"}, "region"),  # a county, not a town
        ({"region": ""}, "region"),
        ({"no_fixed_employer": False, "employer_name": ""}, "employer_name"),
        ({"consent": False}, "consent"),
        ({"is_new_employment": False}, "key_group"),
        ({"key_group": "astronaut"}, "key_group"),
        ({"occupation": "astronaut"}, "occupation"),
    ],
)
def test_refusals_are_the_web_forms_in_chinese_naming_the_field(demo, overrides, field):
    response = apply(**overrides)
    assert response.status_code == 400
    errors = response.json()
    assert field in errors and all(CJK.search(m) for m in errors[field])
    assert errors[field] == _service_errors(payload(**overrides))[field]
    assert JoinApplication.objects.count() == 0


def test_duplicates_are_caught_as_on_the_web(demo):
    assert apply().status_code == 201
    again = apply(phone="13900002222", name="另一人")
    assert again.status_code == 400
    # the service's reason for an application already waiting for review
    data = payload(phone="13900002222", name="另一人")
    data["region_code"] = data.pop("region")
    with pytest.raises(ValidationError) as exc:
        services.joinapplication_apply(actor=None, **data)
    assert_invalid(exc, field="id_number", code="already_pending")
    assert again.json()["id_number"] == exc.value.message_dict["id_number"]


@pytest.mark.parametrize(("rate", "allowed"), [("1/hour", 1), ("3/hour", 3)])
def test_anonymous_filing_is_throttled(demo, settings, user_named, rate, allowed):
    settings.MEMBERS_JOIN_THROTTLE_RATE = rate
    api = APIClient()
    # Refused (400) requests count as well: the limit is on attempts, not on successes.
    for _ in range(allowed):
        assert api.post(URL, payload(consent=False), format="json").status_code == 400
    over = api.post(URL, payload(), format="json")
    assert over.status_code == 429
    assert CJK.search(over.json()["detail"]) and "Retry-After" in over
    assert JoinApplication.objects.count() == 0
    # Staff filing on someone's behalf (authenticated) are not limited.
    staff = APIClient()
    staff.force_authenticate(user_named("sheyang_town"))
    assert staff.post(URL, payload(), format="json").status_code == 201


def test_default_rate_allows_ten_an_hour(demo):
    api = APIClient()
    codes = [api.post(URL, payload(consent=False), format="json").status_code for _ in range(11)]
    assert codes == [400] * 10 + [429]


def test_status_by_phone_and_code(demo, user_named):
    code = apply().json()["code"]
    api = APIClient()
    ok = api.post(URL + "status/", {"phone": PHONE_A, "code": code.lower()}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "pending"
    assert ok.json()["due_on"]
    wrong_phone = api.post(URL + "status/", {"phone": "13900000000", "code": code}, format="json")
    assert wrong_phone.status_code == 404 and CJK.search(wrong_phone.json()["detail"])
    assert api.post(URL + "status/", {"phone": PHONE_A}, format="json").status_code == 400
    services.joinapplication_reject(
        application=JoinApplication.objects.get(),
        actor=user_named("sheyang_town"),
        reason="材料不全",
    )
    rejected = api.post(URL + "status/", {"phone": PHONE_A, "code": code}, format="json").json()
    assert rejected["status"] == "rejected" and rejected["reject_reason"] == "材料不全"


def test_status_lookups_are_throttled(demo, settings):
    settings.MEMBERS_JOIN_STATUS_THROTTLE_RATE = "2/hour"
    api = APIClient()
    body = {"phone": PHONE_A, "code": "WRONG123"}
    assert [api.post(URL + "status/", body, format="json").status_code for _ in range(3)] == [
        404,
        404,
        429,
    ]


@pytest.mark.parametrize(
    ("username", "sees", "clear"),
    [
        ("sheyang_town", True, False),  # the reviewing town, personal data masked
        ("sheyang_admin", True, True),  # the county admin may view personal data
        ("city_admin", True, True),
        ("xiangshui_admin", False, None),  # another county
        ("xiangshui_town", False, None),
    ],
)
def test_reviewers_list_in_scope_with_masking(demo, api_as, username, sees, clear):
    assert apply().status_code == 201
    app_id = JoinApplication.objects.get().pk
    api = api_as(username)
    rows = api.get(URL, {"page_size": 500}).json()["results"]
    detail = api.get(f"{URL}{app_id}/")
    if not sees:
        assert app_id not in {r["id"] for r in rows}
        assert detail.status_code == 404
        return
    row = next(r for r in rows if r["id"] == app_id)
    assert detail.status_code == 200 and detail.json() == row
    if clear:
        assert row["id_number"] == ID_A and row["phone"] == PHONE_A
        assert row["birth_date"] == "1992-08-08"
    else:
        assert row["id_number"] == ID_A[:3] + "*" * 11 + ID_A[-4:]
        assert row["phone"] == "158****4567" and row["birth_date"] is None
    assert row["status"] == "pending" and row["days_waiting"] == 0 and not row["is_overdue"]


def test_anonymous_cannot_list_or_read(demo):
    apply()
    app = JoinApplication.objects.get()
    api = APIClient()
    assert api.get(URL).status_code in (401, 403)
    assert api.get(f"{URL}{app.pk}/").status_code in (401, 403)
    assert api.post(f"{URL}{app.pk}/approve/").status_code in (401, 403)


def test_approve_makes_a_member_and_only_once(demo, api_as):
    apply()
    app = JoinApplication.objects.get()
    api = api_as("sheyang_town")
    response = api.post(f"{URL}{app.pk}/approve/", {"card_number": "SY-0001"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    member = Member.objects.get()
    assert body["status"] == "approved" and body["member"] == member.pk
    assert member.union == first_town_union("sheyang") and member.card_number == "SY-0001"
    assert member.id_number == ID_A and member.key_group == "delivery_rider"
    again = api.post(f"{URL}{app.pk}/approve/", {}, format="json")
    assert again.status_code == 400 and CJK.search(str(again.json()))
    assert Member.objects.count() == 1


def test_reject_needs_a_reason(demo, api_as):
    apply()
    app = JoinApplication.objects.get()
    api = api_as("sheyang_town")
    missing = api.post(f"{URL}{app.pk}/reject/", {"reason": " "}, format="json")
    assert missing.status_code == 400 and CJK.search(missing.json()["reject_reason"][0])
    ok = api.post(f"{URL}{app.pk}/reject/", {"reason": "不在本辖区工作"}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "rejected"
    assert ok.json()["reject_reason"] == "不在本辖区工作"


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("sy_chair", 403),  # an enterprise union chair: no permission to review applications
        ("xiangshui_town", 404),  # may review, but not this town's applications
        ("xiangshui_admin", 404),
    ],
)
def test_review_actions_keep_permission_and_scope(demo, api_as, username, status):
    from unionhub.accounts.demo import ensure_user

    ensure_user("sy_chair", "某企业工会主席", first_town_union("sheyang"), ["union_chair"])
    apply()
    app = JoinApplication.objects.get()
    api = api_as(username)
    assert api.post(f"{URL}{app.pk}/approve/", {}, format="json").status_code == status
    assert api.post(f"{URL}{app.pk}/reject/", {"reason": "x"}, format="json").status_code == status
    app.refresh_from_db()
    assert app.status == "pending" and not Member.objects.exists()


def test_list_query_count_is_constant(demo, api_as, django_assert_max_num_queries):
    town = first_town_union("sheyang").region.code
    for n in range(12):
        services.joinapplication_apply(
            actor=None,
            name=f"申请人{n}",
            id_number=synthetic_id_number("320924", dt.date(1990, 1, 1 + n), 400 + n),
            phone=f"1586123{n:04d}",
            region_code=town,
            no_fixed_employer=True,
            consent=True,
        )
    api = api_as("sheyang_admin")
    with django_assert_max_num_queries(12):
        rows = api.get(URL, {"page_size": 100}).json()["results"]
    assert len(rows) == 12


def test_throttle_counts_per_client_address(demo, settings):
    # Behind nginx every request comes from 127.0.0.1; the client is in X-Forwarded-For.
    settings.MEMBERS_JOIN_THROTTLE_RATE = "1/hour"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    api = APIClient()
    bad = payload(consent=False)
    assert api.post(URL, bad, format="json", HTTP_X_FORWARDED_FOR="203.0.113.4").status_code == 400
    assert api.post(URL, bad, format="json", HTTP_X_FORWARDED_FOR="203.0.113.4").status_code == 429
    assert api.post(URL, bad, format="json", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 400


def test_openapi_describes_the_join_endpoints():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    create = paths["/api/v1/members/applications/"]["post"]
    assert set(create["responses"]) >= {"201", "400", "429"}
    assert not create.get("security")  # no login needed
    assert "post" in paths["/api/v1/members/applications/status/"]
    assert "get" in paths["/api/v1/members/applications/"]
    for action in ("approve", "reject"):
        assert "post" in paths[f"/api/v1/members/applications/{{id}}/{action}/"]
