"""打印登记表 (issue 21): a member's registration form as a PDF, in Chinese; the ID number and
phone in full only for a role that may see personal data (masked for the others, never
hidden in the file), another county's member is 404, and every printing is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from unionhub.core.models import ChangeRecord
from unionhub.core.pii import mask_id_number, mask_phone
from unionhub.core.testing.pdf import pdf_text
from unionhub.members import services
from unionhub.members.demo import synthetic_id_number
from unionhub.org.demo import first_town_union

pytestmark = pytest.mark.django_db

ID = synthetic_id_number("320924", dt.date(1988, 6, 15), 235)
PHONE = "13851234567"


@pytest.fixture
def member(demo):
    return services.member_create(
        actor=None,
        name="孙登记",
        id_number=ID,
        phone=PHONE,
        union=first_town_union("sheyang"),
        card_number="SY-2026-0088",
    )


def form(client, member):
    response = client.get(reverse("members:member_pdf", args=[member.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def test_detail_page_offers_the_print_button(member, client_as):
    html = client_as("sheyang_town").get(reverse("members:member", args=[member.pk]))
    body = html.content.decode()
    assert f'href="{reverse("members:member_pdf", args=[member.pk])}"' in body
    assert "打印登记表" in body


@pytest.mark.parametrize(
    "username, full, action",
    [
        ("sheyang_admin", True, "reveal"),  # county administrators may see personal data
        ("sheyang_town", False, "export"),  # town cadres see it masked
    ],
)
def test_numbers_printed_as_the_role_sees_them(member, client_as, username, full, action):
    text = form(client_as(username), member)
    assert "工会会员登记表" in text and "孙登记" in text and "SY-2026-0088" in text
    assert member.union.name in text
    assert (ID in text) is full and (PHONE in text) is full
    assert (mask_id_number(ID) in text) is not full and (mask_phone(PHONE) in text) is not full
    assert ("1988-06-15" in text) is full  # the birth date is part of the ID number
    entry = ChangeRecord.objects.filter(object_id=str(member.pk), action=action).get()
    assert entry.changes["unmasked"] is full and entry.changes["document"] == "registration_form"


def test_another_countys_member_is_404(member, client_as):
    response = client_as("funing_admin").get(reverse("members:member_pdf", args=[member.pk]))
    assert response.status_code == 404
    assert not ChangeRecord.objects.filter(object_id=str(member.pk), action="reveal").exists()
