"""The audit trail (issue 3): every create, update and delete with the field diff, actor and
IP; append-only; scoped and filterable audit page; login events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from unionhub.core.audit import record_change, snapshot
from unionhub.core.middleware import acting_as
from unionhub.core.models import ChangeRecord
from unionhub.org import services
from unionhub.org.choices import OrgKind
from unionhub.org.demo import county_union, first_town_union

pytestmark = pytest.mark.django_db
IP = "10.20.30.40"


def _records(obj, action=None):
    qs = ChangeRecord.objects.filter(
        app_label=obj._meta.app_label, model_name=obj._meta.model_name, object_id=str(obj.pk)
    )
    return qs.filter(action=action) if action else qs


def test_create_update_delete_through_the_pages_are_recorded(client_as, user_named):
    client = client_as("xiangshui_admin")
    town = first_town_union("xiangshui")
    response = client.post(
        reverse("org:orgunit_add"),
        {
            "name": "响水审计测试公司工会",
            "short_name": "审计测试",
            "code": "AUDIT-1",
            "kind": OrgKind.ENTERPRISE,
            "parent": town.pk,
            "region": town.region_id,
            "is_active": "on",
        },
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = town.children.get(code="AUDIT-1")
    created = _records(unit, "create").get()
    admin = user_named("xiangshui_admin")
    assert created.actor == admin and created.actor_name == "xiangshui_admin"
    assert created.ip == IP
    assert created.changes["name"] == [None, "响水审计测试公司工会"]
    assert created.org_path == unit.path

    client.post(
        reverse("org:orgunit_edit", args=[unit.pk]),
        {
            "name": "响水审计测试有限公司工会",
            "short_name": "审计测试",
            "code": "AUDIT-1",
            "kind": OrgKind.ENTERPRISE,
            "parent": town.pk,
            "region": town.region_id,
            "is_active": "on",
        },
        REMOTE_ADDR=IP,
    )
    updated = _records(unit, "update").get()
    assert updated.changes == {"name": ["响水审计测试公司工会", "响水审计测试有限公司工会"]}
    assert updated.actor == admin and updated.ip == IP

    response = client.post(reverse("org:orgunit_delete", args=[unit.pk]), REMOTE_ADDR=IP)
    assert response.status_code == 302
    deleted = _records(unit, "delete").get()
    assert deleted.changes["code"] == ["AUDIT-1", None]
    assert deleted.object_repr == "响水审计测试有限公司工会" and deleted.ip == IP


def test_forwarded_address_is_recorded_behind_the_proxy(client_as, settings):
    # nginx on IP, a load balancer in 10.0.0.0/8 before it: the client is the first
    # address that is not one of the trusted proxies, counted from the right.
    settings.TRUSTED_PROXIES = [IP, "10.0.0.0/8"]
    client = client_as("city_admin")
    client.post(
        reverse("accounts:logout"), HTTP_X_FORWARDED_FOR="192.0.2.7, 10.0.0.1", REMOTE_ADDR=IP
    )
    assert ChangeRecord.objects.filter(action="logout").latest("id").ip == "192.0.2.7"


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "recorded"),
    [
        ([], "203.0.113.9", "192.0.2.7", "203.0.113.9"),  # no proxy configured: ignored
        (["127.0.0.1"], "203.0.113.9", "192.0.2.7", "203.0.113.9"),  # not from the proxy
        (["127.0.0.1"], "127.0.0.1", "192.0.2.7", "192.0.2.7"),
        (["127.0.0.1"], "127.0.0.1", "6.6.6.6, 192.0.2.7", "192.0.2.7"),  # forged hop left
        (["127.0.0.1"], "127.0.0.1", "not-an-address", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", "", "127.0.0.1"),
    ],
)
def test_a_forwarded_address_counts_only_from_a_trusted_proxy(
    client_as, settings, trusted, remote, forwarded, recorded
):
    settings.TRUSTED_PROXIES = trusted
    client_as("city_admin").post(
        reverse("accounts:logout"), HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote
    )
    assert ChangeRecord.objects.filter(action="logout").latest("id").ip == recorded


def test_changes_outside_a_request_carry_the_given_actor(user_named):
    admin = user_named("city_admin")
    unit = county_union("binhai")
    with acting_as(admin, ip="127.0.0.9"):
        unit.is_active = False
        unit.save()
    entry = _records(unit, "update").latest("id")
    assert entry.actor == admin and entry.ip == "127.0.0.9"
    assert entry.changes == {"is_active": [True, False]}


def test_saving_without_changes_writes_nothing():
    unit = county_union("binhai")
    before = ChangeRecord.objects.count()
    unit.save()
    assert ChangeRecord.objects.count() == before


def test_personal_data_fields_are_recorded_masked():
    unit = county_union("funing")
    unit.pii_fields = ("short_name",)
    unit.short_name = "13812345678"
    assert snapshot(unit)["short_name"] == "138****5678"


@pytest.mark.parametrize(
    "attempt",
    [
        lambda r: r.save(),
        lambda r: r.delete(),
        lambda r: ChangeRecord.objects.filter(pk=r.pk).update(note="x"),
        lambda r: ChangeRecord.objects.filter(pk=r.pk).delete(),
        lambda r: ChangeRecord.objects.all().delete(),
    ],
    ids=["save", "delete", "queryset-update", "queryset-delete", "delete-all"],
)
def test_audit_trail_is_append_only(attempt):
    entry = record_change(obj=county_union("jianhu"), action="update", note="原始")
    with pytest.raises(PermissionError):
        attempt(entry)
    entry.refresh_from_db()
    assert entry.note == "原始"


def test_audit_page_is_scoped(client_as):
    mine = record_change(obj=county_union("xiangshui"), action="update", note="响水的变更")
    other = record_change(obj=county_union("sheyang"), action="update", note="射阳的变更")
    page = client_as("xiangshui_admin").get(reverse("core:changerecord_list"), {"page_size": 500})
    ids = {r.pk for r in page.context["object_list"]}
    assert mine.pk in ids and other.pk not in ids
    assert all(
        r.org_path.startswith(county_union("xiangshui").path)
        or r.region_path.startswith("320900/320921/")
        for r in page.context["object_list"]
    )
    city = client_as("city_admin").get(reverse("core:changerecord_list"), {"page_size": 500})
    city_ids = {r.pk for r in city.context["object_list"]}
    assert {mine.pk, other.pk} <= city_ids


@pytest.mark.parametrize(
    "query, expect_mine",
    [
        ({"action": "update"}, True),
        ({"action": "delete"}, False),
        ({"app_label": "org"}, True),
        ({"app_label": "accounts"}, False),
        ({"actor_name": "city"}, True),
        ({"actor_name": "sheyang"}, False),
        ({"q": "筛选测试"}, True),
        ({"q": "不存在的内容"}, False),
        ({"at_after": "2000-01-01", "at_before": "2999-12-31"}, True),
        ({"at_after": "2999-01-01"}, False),
    ],
)
def test_audit_page_filters(client_as, user_named, query, expect_mine):
    with acting_as(user_named("city_admin")):
        mine = record_change(obj=county_union("dafeng"), action="update", note="筛选测试")
    page = client_as("city_admin").get(
        reverse("core:changerecord_list"), {**query, "page_size": 500}
    )
    assert page.status_code == 200
    assert (mine.pk in {r.pk for r in page.context["object_list"]}) is expect_mine


def test_audit_page_date_range_uses_local_days(client_as, user_named):
    with acting_as(user_named("city_admin")):
        entry = record_change(obj=county_union("dafeng"), action="update", note="今天")
    today = timezone.localdate(entry.at).isoformat()
    yesterday = (timezone.localdate(entry.at) - dt.timedelta(days=1)).isoformat()
    page = client_as("city_admin").get(
        reverse("core:changerecord_list"), {"at_after": today, "at_before": today}
    )
    assert entry.pk in {r.pk for r in page.context["object_list"]}
    page = client_as("city_admin").get(reverse("core:changerecord_list"), {"at_before": yesterday})
    assert entry.pk not in {r.pk for r in page.context["object_list"]}


def test_detail_page_has_the_change_log_tab(client_as):
    unit = county_union("xiangshui")
    record_change(obj=unit, action="update", changes={"name": ["旧", "新"]})
    html = client_as("xiangshui_admin").get(reverse("org:orgunit", args=[unit.pk])).content.decode()
    assert "变更记录" in html and 'data-testid="change-records"' in html and "旧 → 新" in html


def test_login_logout_and_failed_login_are_recorded(client):
    client.post(
        reverse("accounts:login"),
        {"username": "xiangshui_admin", "password": "wrong-password!"},
        REMOTE_ADDR=IP,
    )
    failed = ChangeRecord.objects.filter(action="login_failed").latest("id")
    assert failed.note == "xiangshui_admin" and failed.ip == IP
    # Scoped to the account's organisation: the county's admins see failed logins.
    assert failed.org_path == county_union("xiangshui").path
    assert "wrong-password" not in str(failed.changes) + failed.note

    response = client.post(
        reverse("accounts:login"),
        {"username": "xiangshui_admin", "password": "Demo-2026!"},
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 302
    login = ChangeRecord.objects.filter(action="login").latest("id")
    assert login.actor_name == "xiangshui_admin" and login.ip == IP
    client.post(reverse("accounts:logout"), REMOTE_ADDR=IP)
    logout = ChangeRecord.objects.filter(action="logout").latest("id")
    assert logout.actor_name == "xiangshui_admin"


def test_bulk_writes_record_a_summary(user_named):
    from unionhub.org.models import Region

    with acting_as(user_named("city_admin")):
        entry = record_change(
            model=Region, action="import", note="导入 3 行", region_path="320900/"
        )
    assert entry.app_label == "org" and entry.model_name == "region" and entry.object_id == ""


def test_region_load_is_audited_per_changed_region():
    from unionhub.org.models import Region

    region = Region.objects.get(code="320921")
    Region.objects.filter(pk=region.pk).update(name="响水")
    services.regions_load_yancheng()
    entry = _records(region, "update").latest("id")
    assert entry.changes["name"] == ["响水", "响水县"]
