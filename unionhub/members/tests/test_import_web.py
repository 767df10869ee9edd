"""Members through the core web import: the same engine and rules as import_members, the
upload page behind its own permission, personal data never echoed in clear."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client

from unionhub.core.models import ImportJob
from unionhub.members.demo import synthetic_id_number
from unionhub.members.models import Member
from unionhub.members.tests.test_exchange import _sheet
from unionhub.org.demo import first_town_union

pytestmark = pytest.mark.django_db

UPLOAD = "/imports/members/"


@pytest.fixture
def as_user(user_named):
    def login(username):
        client = Client()
        client.force_login(user_named(username))
        return client

    return login


def test_upload_page_needs_the_import_permission(demo, as_user):
    assert as_user("sheyang_admin").get(UPLOAD).status_code == 200
    # town cadres may add members one by one but not import files
    assert as_user("sheyang_town").get(UPLOAD).status_code == 403
    page = as_user("sheyang_admin").get("/members/").content.decode()
    assert f'href="{UPLOAD}"' in page


def test_web_import_checks_then_writes_encrypted(demo, as_user):
    union = first_town_union("sheyang")
    good = synthetic_id_number("320924", dt.date(1990, 3, 3), 15)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    data = _sheet(
        [
            ["甲", good, "13900000011", union.code, "快递员", "是", "快递员", "2024-01-01"],
            ["乙", bad, "13900000012", union.code, "", "否", "", "2024-01-01"],
        ]
    )
    upload = io.BytesIO(data)
    upload.name = "会员.xlsx"
    client = as_user("sheyang_admin")
    job_url = client.post(UPLOAD, {"file": upload}).url
    page = client.get(job_url).content.decode()
    assert "第3行 [身份证号码]" in page and bad not in page and good not in page
    assert Member.objects.filter(name="甲").count() == 0
    client.post(job_url, {"valid_only": "1"})
    member = Member.objects.get(name="甲")
    assert member.id_number == good and good not in member.id_number_enc
    assert not Member.objects.filter(name="乙").exists()
    assert ImportJob.objects.get().result["created"] == 1
