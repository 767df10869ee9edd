"""Members: registration rules, protection of personal data at rest and on screen, search
through the keyed hash, API contract, member codes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from unionhub.core.models import ChangeRecord
from unionhub.core.testing.assertions import assert_invalid
from unionhub.members import services
from unionhub.members.demo import synthetic_id_number
from unionhub.members.models import Member
from unionhub.org.demo import county_union, first_town_union

pytestmark = pytest.mark.django_db

ID1 = synthetic_id_number("320924", dt.date(1988, 5, 17), 123)  # male (3 odd)
PHONE1 = "13851234567"


@pytest.fixture
def member(demo):
    return services.member_create(
        actor=None,
        name="王建国",
        id_number=ID1,
        phone=PHONE1,
        union=first_town_union("sheyang"),
        occupation="courier",
        is_new_employment=True,
        key_group="courier",
    )


def test_derived_gender_and_birth_date(member):
    assert member.gender == "male"
    assert member.birth_date == dt.date(1988, 5, 17)
    assert member.id_number == ID1
    assert member.phone == PHONE1


def test_clear_values_are_not_in_the_database(member):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Member._meta.db_table}")  # noqa: S608 — fixed table name
        dump = repr(cursor.fetchall())
        cursor.execute("SELECT * FROM core_changerecord")
        dump += repr(cursor.fetchall())
    assert ID1 not in dump
    assert PHONE1 not in dump
    assert ID1[6:14] not in dump  # not even the birth-date part of the number
    raw = Member.objects.values_list("id_number_enc", "phone_enc").get(pk=member.pk)
    assert all("$" in v for v in raw)


def test_audit_trail_masks_personal_data(member):
    record = ChangeRecord.objects.filter(model_name="member", object_id=str(member.pk)).get()
    assert record.changes["id_number_enc"][1] == "320***********" + ID1[-4:]
    assert record.changes["phone_enc"][1] == "138****4567"
    assert "id_number_hash" not in record.changes
    assert record.changes["birth_date"][1] == "1988-**-**"


@pytest.mark.parametrize(
    "field, code, kwargs",
    [
        ("id_number", "check_digit", {"id_number": ID1[:-1] + ("0" if ID1[-1] != "0" else "1")}),
        ("id_number", "first_generation", {"id_number": "320924880517123"}),  # 15 digits
        ("phone", "phone", {"phone": "1385123456"}),  # 10 digits
        ("phone", "phone", {"phone": "12851234567"}),
        ("name", "required", {"name": "  "}),
        ("name", "too_long", {"name": "长" * 51}),
        ("key_group", "not_new_employment", {"key_group": "courier", "is_new_employment": False}),
        ("key_group", "invalid_choice", {"key_group": "astronaut", "is_new_employment": True}),
        ("occupation", "invalid_choice", {"occupation": "astronaut"}),
        ("union", "required", {"union": None}),
        ("joined_on", "future", {"joined_on": timezone.localdate() + dt.timedelta(days=1)}),
        ("joined_on", "before_birth", {"joined_on": dt.date(1989, 12, 31)}),
    ],
)
def test_create_rejects_bad_input(demo, field, code, kwargs):
    data = {
        "name": "李四",
        "id_number": synthetic_id_number("320924", dt.date(1990, 1, 2), 456),
        "phone": "13900001111",
        "union": first_town_union("sheyang"),
    }
    data.update(kwargs)
    with pytest.raises(ValidationError) as exc:
        services.member_create(actor=None, **data)
    assert_invalid(exc, field=field, code=code)
    assert Member.objects.count() == 0


def test_county_federation_cannot_hold_members(demo):
    with pytest.raises(ValidationError) as exc:
        services.member_create(
            actor=None,
            name="李四",
            id_number=synthetic_id_number("320924", dt.date(1990, 1, 2), 456),
            phone="13900001111",
            union=county_union("sheyang"),
        )
    assert_invalid(exc, field="union", code="federation")


def test_duplicate_id_number_and_card_are_caught(member):
    services.member_update(actor=None, member=member, card_number="YC-0001")
    with pytest.raises(ValidationError) as exc:
        services.member_create(
            actor=None,
            name="另一个人",
            id_number=ID1.lower(),
            phone="13900001111",
            union=member.union,
            card_number="YC-0001",
        )
    assert_invalid(exc, field="id_number", code="duplicate")
    assert_invalid(exc, field="card_number", code="duplicate")


def test_all_problems_are_reported_at_once_in_chinese(demo):
    with pytest.raises(ValidationError) as exc:
        services.member_create(actor=None, name="", id_number="123", phone="1", union=None)
    for field, code in (
        ("name", "required"),
        ("id_number", "format"),
        ("phone", "phone"),
        ("union", "required"),
    ):
        assert_invalid(exc, field=field, code=code)
    # the messages are translated (the wording itself is the catalogue's business)
    for message in exc.value.messages:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


# --- the actor's data scope on every write ------------------------------------------------


def test_create_refuses_a_union_outside_the_scope(demo, user_named):
    with pytest.raises(ValidationError) as exc:
        services.member_create(
            actor=user_named("sheyang_admin"),
            name="李四",
            id_number=synthetic_id_number("320921", dt.date(1990, 1, 2), 456),
            phone="13900001111",
            union=first_town_union("xiangshui"),
        )
    assert_invalid(exc, field="union", code="out_of_scope")
    assert not Member.objects.exists()


def test_create_by_a_user_records_the_creator(demo, user_named):
    admin = user_named("sheyang_admin")
    member = services.member_create(
        actor=admin,
        name="李四",
        id_number=synthetic_id_number("320924", dt.date(1990, 1, 2), 456),
        phone="13900001111",
        union=first_town_union("sheyang"),
    )
    assert member.created_by == admin


def test_update_refuses_a_member_or_a_union_outside_the_scope(member, user_named):
    with pytest.raises(ValidationError) as exc:
        services.member_update(actor=user_named("xiangshui_admin"), member=member, name="改名")
    assert_invalid(exc, code="out_of_scope")
    with pytest.raises(ValidationError) as exc:
        services.member_update(
            actor=user_named("sheyang_admin"), member=member, union=first_town_union("xiangshui")
        )
    assert_invalid(exc, field="union", code="out_of_scope")
    member.refresh_from_db()
    assert member.name == "王建国" and member.union == first_town_union("sheyang")


def test_delete_is_scoped_and_keeps_transfer_history(member, user_named):
    with pytest.raises(ValidationError) as exc:
        services.member_delete(actor=user_named("xiangshui_admin"), member=member)
    assert_invalid(exc, code="out_of_scope")
    admin = user_named("sheyang_admin")
    other_town = (
        county_union("sheyang")
        .children.filter(kind="town_federation")
        .exclude(pk=member.union_id)
        .first()
    )
    services.membertransfer_request(actor=admin, member=member, to_union=other_town)
    with pytest.raises(ValidationError) as exc:
        services.member_delete(actor=admin, member=member)
    assert_invalid(exc, code="has_transfers")
    assert Member.objects.filter(pk=member.pk).exists()


def test_delete_through_the_page(member, client_as):
    client = client_as("sheyang_admin")
    response = client.post(reverse("members:member_delete", args=[member.pk]))
    assert response.status_code == 302
    assert not Member.objects.filter(pk=member.pk).exists()


# --- pages: masking, reveal, search ---------------------------------------------------------


def test_list_masks_for_town_cadre_and_search_by_hash(member, client_as):
    client = client_as("sheyang_town")
    page = client.get(reverse("members:member_list"))
    body = page.content.decode()
    assert page.status_code == 200
    assert "王建国" in body
    assert ID1 not in body and PHONE1 not in body
    assert "320***********" + ID1[-4:] in body
    # a full number finds nobody for a caller without the personal-data permission (probe
    # finding 1: the search would be an oracle of ID numbers)
    body = client.get(reverse("members:member_list"), {"q": ID1}).content.decode()
    assert "王建国" not in body
    # full ID number and full phone find the member although both are encrypted
    admin = client_as("sheyang_admin")
    for query in (ID1, ID1.lower(), PHONE1, "138 5123 4567"):
        body = admin.get(reverse("members:member_list"), {"q": query}).content.decode()
        assert "王建国" in body, query
    body = admin.get(reverse("members:member_list"), {"q": "13800000000"}).content.decode()
    assert "王建国" not in body


def test_detail_unmasked_only_on_audited_reveal(member, client_as):
    admin = client_as("sheyang_admin")
    body = admin.get(reverse("members:member", args=[member.pk])).content.decode()
    assert ID1 not in body  # masked until the button is pressed
    assert 'data-testid="reveal"' in body
    before = ChangeRecord.objects.filter(action="reveal").count()
    body = admin.post(reverse("members:member_reveal", args=[member.pk])).content.decode()
    assert ID1 in body and PHONE1 in body
    reveal = ChangeRecord.objects.filter(action="reveal").latest("at")
    assert ChangeRecord.objects.filter(action="reveal").count() == before + 1
    assert reveal.actor.username == "sheyang_admin"
    assert reveal.object_id == str(member.pk)
    assert ID1 not in repr(reveal.changes) + reveal.note


def test_town_cadre_cannot_reveal(member, client_as):
    town = client_as("sheyang_town")
    body = town.get(reverse("members:member", args=[member.pk])).content.decode()
    assert 'data-testid="reveal"' not in body
    assert ID1 not in body
    assert town.post(reverse("members:member_reveal", args=[member.pk])).status_code == 403


def test_create_and_edit_through_pages(demo, client_as):
    client = client_as("sheyang_town")
    union = first_town_union("sheyang")
    number = synthetic_id_number("320982", dt.date(1979, 3, 8), 222)
    response = client.post(
        reverse("members:member_add"),
        {
            "name": "赵敏",
            "id_number": number,
            "phone": "15005150515",
            "union": union.pk,
            "joined_on": "2026-01-05",
            "status": "active",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member = Member.objects.get(name="赵敏")
    assert member.gender == "female" and member.id_number == number
    # edit without re-entering numbers keeps them
    response = client.post(
        reverse("members:member_edit", args=[member.pk]),
        {
            "name": "赵敏",
            "id_number": "",
            "phone": "",
            "union": union.pk,
            "joined_on": "2026-01-05",
            "status": "left",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == "left" and member.id_number == number
    # a wrong check digit is shown in Chinese and nothing changes
    bad = number[:-1] + ("0" if number[-1] != "0" else "1")
    response = client.post(
        reverse("members:member_add"),
        {
            "name": "钱多",
            "id_number": bad,
            "phone": "15005150516",
            "union": union.pk,
            "joined_on": "2026-01-05",
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert "校验" in response.content.decode()
    assert not Member.objects.filter(name="钱多").exists()


def test_list_query_count_constant(demo, client_as, django_assert_max_num_queries):
    union = first_town_union("sheyang")
    client = client_as("sheyang_admin")
    for i in range(3):
        services.member_create(
            actor=None,
            name=f"甲{i}",
            id_number=synthetic_id_number("320924", dt.date(1990, 1, 1 + i), 10 + i),
            phone=f"1390000000{i}",
            union=union,
        )
    client.get(reverse("members:member_list"))
    with django_assert_max_num_queries(25) as small:
        client.get(reverse("members:member_list"))
    for i in range(3, 20):
        services.member_create(
            actor=None,
            name=f"甲{i}",
            id_number=synthetic_id_number("320924", dt.date(1990, 2, 1 + i), 10 + i),
            phone=f"139000000{i:02d}",
            union=union,
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("members:member_list"))


# --- API --------------------------------------------------------------------------------------


def test_api_masks_unless_permitted(member, api_as):
    town = api_as("sheyang_town").get("/api/v1/members/").json()
    row = town["results"][0]
    assert row["id_number"] == "320***********" + ID1[-4:]
    assert row["phone"] == "138****4567"
    assert row["birth_date"] is None
    assert row["key_group"] == "courier" and row["gender"] == "male"
    admin = api_as("sheyang_admin").get(f"/api/v1/members/{member.pk}/").json()
    assert admin["id_number"] == ID1 and admin["phone"] == PHONE1
    assert admin["birth_date"] == "1988-05-17"
    assert api_as("xiangshui_admin").get(f"/api/v1/members/{member.pk}/").status_code == 404


def test_api_search_by_hash(member, api_as):
    assert api_as("sheyang_town").get("/api/v1/members/", {"q": PHONE1}).json()["count"] == 0
    api = api_as("sheyang_admin")
    assert api.get("/api/v1/members/", {"q": PHONE1}).json()["count"] == 1
    assert api.get("/api/v1/members/", {"q": ID1}).json()["count"] == 1
    assert api.get("/api/v1/members/", {"q": "13999999999"}).json()["count"] == 0


def test_api_create_validates_and_encrypts(demo, api_as):
    api = api_as("sheyang_admin")
    union = first_town_union("sheyang")
    number = synthetic_id_number("320924", dt.date(1995, 7, 1), 333)
    ok = api.post(
        "/api/v1/members/",
        {
            "name": "孙悦",
            "id_number": number,
            "phone": "18912345678",
            "union": union.pk,
            "key_group": None,
            "status": "active",
        },
        format="json",
    )
    assert ok.status_code == 201, ok.content
    assert ok.json()["gender"] == "male" and ok.json()["key_group"] is None
    bad = api.post(
        "/api/v1/members/",
        {"name": "孙悦", "id_number": number, "phone": "189123", "union": union.pk},
        format="json",
    )
    assert bad.status_code == 400
    body = bad.json()
    assert "id_number" in body and "phone" in body
    outside = api.post(
        "/api/v1/members/",
        {
            "name": "周",
            "id_number": synthetic_id_number("320921", dt.date(1995, 7, 2), 1),
            "phone": "18912345670",
            "union": first_town_union("xiangshui").pk,
        },
        format="json",
    )
    assert outside.status_code == 400  # a union outside the caller's scope is not a choice


def test_api_query_count_constant(demo, api_as, django_assert_max_num_queries):
    union = first_town_union("sheyang")
    api = api_as("sheyang_admin")
    services.member_create(
        actor=None,
        name="甲",
        id_number=synthetic_id_number("320924", dt.date(1990, 1, 1), 1),
        phone="13900000001",
        union=union,
    )
    api.get("/api/v1/members/")
    with django_assert_max_num_queries(10) as small:
        api.get("/api/v1/members/")
    for i in range(2, 15):
        services.member_create(
            actor=None,
            name=f"甲{i}",
            id_number=synthetic_id_number("320924", dt.date(1990, 1, i), i),
            phone=f"139000000{i:02d}",
            union=union,
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        api.get("/api/v1/members/")


# --- member code ---------------------------------------------------------------------------


def test_member_code_token_never_contains_id(member):
    token = services.member_code_token(member=member)
    assert ID1 not in token and PHONE1 not in token
    assert services.member_code_verify(token) == member
    assert services.member_code_verify(token + "x") is None
    assert services.member_code_check("garbage") == (None, "invalid")


def test_member_code_expiry_boundary(member, settings, monkeypatch):
    import time

    settings.MEMBER_CODE_MAX_AGE = 60
    token = services.member_code_token(member=member)
    real = time.time()
    monkeypatch.setattr(time, "time", lambda: real + 59)
    assert services.member_code_check(token)[1] == "valid"
    monkeypatch.setattr(time, "time", lambda: real + 62)
    assert services.member_code_check(token) == (None, "expired")


def test_member_code_left_member_invalid(member):
    token = services.member_code_token(member=member)
    services.member_update(actor=None, member=member, status="left")
    assert services.member_code_verify(token) is None


def test_verify_code_api_and_qr(member, api_as, client_as):
    api = api_as("sheyang_admin")
    token = services.member_code_token(member=member)
    body = api.post("/api/v1/members/verify-code/", {"token": token}, format="json").json()
    assert body["valid"] is True and body["state"] == "valid"
    assert body["member"]["name"] == "王**"
    assert body["member"]["id_number"].startswith("320***")
    bad = api.post("/api/v1/members/verify-code/", {"token": "nope"}, format="json").json()
    assert bad == {"valid": False, "state": "invalid", "member": None}
    svg = client_as("sheyang_town").get(reverse("members:member_code", args=[member.pk]))
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert ID1.encode() not in svg.content


def test_audit_trail_keeps_the_name_masked(member):
    """Retention erases names from the registry; the append-only trail never held them."""
    services.member_update(actor=None, member=member, name="欧阳娜娜")
    records = ChangeRecord.objects.filter(model_name="member", object_id=str(member.pk))
    assert records.count() >= 2
    for record in records:
        assert "欧阳" not in record.object_repr and "娜娜" not in str(record.changes)
    update = records.filter(action="update").latest("pk")
    assert update.object_repr == "欧***" and update.changes["name"][1] == "欧***"
