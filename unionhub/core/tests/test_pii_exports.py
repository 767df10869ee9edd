"""Unmasked exports need approval by someone else and are watermarked (domain.md §11.3.4):
request with purpose → approve / reject → one download within 24 hours, audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from unionhub.core.models import ChangeRecord, ExportRequest
from unionhub.members import services as member_services
from unionhub.members.demo import synthetic_id_number
from unionhub.org.demo import first_town_union

pytestmark = pytest.mark.django_db

ID1 = synthetic_id_number("320924", dt.date(1986, 9, 9), 78)
PHONE1 = "13951001234"
REQUEST = "/exports/members/request/"


@pytest.fixture
def member(demo):
    return member_services.member_create(
        actor=None, name="导出人", id_number=ID1, phone=PHONE1, union=first_town_union("sheyang")
    )


@pytest.fixture
def client_as(user_named):
    """A separate client per account: requester and approver act side by side."""
    from django.test import Client

    def login(username: str) -> Client:
        client = Client()
        client.force_login(user_named(username))
        return client

    return login


def _cells(response) -> list[list]:
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def file_request(client, reason="为会员办理职工互助保障投保", query="status=active"):
    client.post(REQUEST, {"reason": reason, "query": query})
    return ExportRequest.objects.latest("pk")


def test_request_approve_download_once_with_watermark(member, client_as):
    requester = client_as("sheyang_admin")
    assert requester.get(REQUEST + "?status=active").status_code == 200
    req = file_request(requester)
    assert req.status == "pending" and req.query == "status=active"
    # not before approval
    early = requester.get(reverse("core:exportrequest_download", args=[req.pk]), follow=True)
    assert "尚未批准" in early.content.decode()

    city = client_as("city_admin")
    city.post(reverse("core:exportrequest_decide", args=[req.pk]), {"decision": "approve"})
    req.refresh_from_db()
    assert req.status == "approved" and req.decided_by.username == "city_admin"

    response = requester.get(reverse("core:exportrequest_download", args=[req.pk]))
    rows = _cells(response)
    watermark = rows[0][0]
    assert "不脱敏导出" in watermark and "sheyang_admin" in watermark
    assert "city_admin" in watermark and "职工互助保障" in watermark
    assert rows[1][0].startswith("射阳县 会员名册（状态：在会；导出时间 ")  # the title row
    assert rows[2][:3] == ["姓名", "身份证号码", "手机号码"]
    assert [ID1, PHONE1] == rows[3][1:3]
    req.refresh_from_db()
    assert req.status == "used" and req.rows == 1
    assert ChangeRecord.objects.filter(action="export", note__contains="不脱敏导出").exists()
    # one download only
    again = requester.get(reverse("core:exportrequest_download", args=[req.pk]), follow=True)
    assert "已经使用" in again.content.decode()


def test_nobody_approves_their_own_request(member, client_as, user_named):
    city = client_as("city_admin")
    own = file_request(city, reason="核对市级名册")
    city.post(reverse("core:exportrequest_decide", args=[own.pk]), {"decision": "approve"})
    own.refresh_from_db()
    assert own.status == "pending"


def test_rejection_needs_a_reason_and_blocks_the_download(member, client_as):
    requester = client_as("sheyang_admin")
    req = file_request(requester)
    city = client_as("city_admin")
    url = reverse("core:exportrequest_decide", args=[req.pk])
    city.post(url, {"decision": "reject"})
    req.refresh_from_db()
    assert req.status == "pending"
    city.post(url, {"decision": "reject", "note": "用途不需要完整号码"})
    req.refresh_from_db()
    assert req.status == "rejected"
    page = requester.get(reverse("core:exportrequest_download", args=[req.pk]), follow=True)
    assert "尚未批准" in page.content.decode()


def test_approval_expires_after_24_hours(member, client_as):
    requester = client_as("sheyang_admin")
    req = file_request(requester)
    client_as("city_admin").post(
        reverse("core:exportrequest_decide", args=[req.pk]), {"decision": "approve"}
    )
    ExportRequest.objects.filter(pk=req.pk).update(
        decided_at=timezone.now() - dt.timedelta(hours=24, minutes=1)
    )
    page = requester.get(reverse("core:exportrequest_download", args=[req.pk]), follow=True)
    assert "已过期" in page.content.decode()


def test_purpose_is_required_and_only_pii_holders_may_ask(member, client_as):
    requester = client_as("sheyang_admin")
    response = requester.post(REQUEST, {"reason": "看", "query": ""})
    assert response.status_code == 400 and "用途" in response.content.decode()
    assert not ExportRequest.objects.exists()
    assert client_as("sheyang_town").get(REQUEST).status_code == 403


def test_requests_are_scoped(member, client_as):
    req = file_request(client_as("sheyang_admin"))
    other = client_as("xiangshui_admin")
    listing = other.get(reverse("core:exportrequest_list")).content.decode()
    assert req.reason not in listing
    other.post(reverse("core:exportrequest_decide", args=[req.pk]), {"decision": "approve"})
    req.refresh_from_db()
    assert req.status == "pending"
    assert other.get(reverse("core:exportrequest_download", args=[req.pk])).status_code == 404


def test_an_unmasked_export_with_a_mistyped_filter_is_refused(member, client_as):
    """A misspelt parameter would export every member in clear: refused when filed."""
    requester = client_as("sheyang_admin")
    response = requester.post(REQUEST, {"reason": "年度互助保障核对", "query": "stauts=active"})
    assert response.status_code == 400
    assert "未知的查询参数：stauts" in response.content.decode()
    assert not ExportRequest.objects.exists()
