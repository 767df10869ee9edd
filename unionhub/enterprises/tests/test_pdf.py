"""打印档案 (issue 21): an enterprise's file as a PDF — basic facts, union establishment,
its unions and recent visits, in Chinese — only inside the user's scope, and recorded in
the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from unionhub.core.testing.pdf import pdf_text
from unionhub.enterprises import services
from unionhub.enterprises.tests.samples import union_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprise(demo):
    union = union_in("sheyang")
    ent = union.enterprises.get()
    services.contactlog_create(
        actor=None,
        enterprise=ent,
        contacted_on=dt.date(2026, 11, 20),
        department="union",
        obstacle="none",
        next_step="约定下周召开职工大会",
    )
    return ent


def test_detail_page_offers_the_print_button(enterprise, client_as):
    html = client_as("sheyang_admin").get(reverse("enterprises:enterprise", args=[enterprise.pk]))
    url = reverse("enterprises:enterprise_pdf", args=[enterprise.pk])
    assert f'href="{url}"' in html.content.decode() and "打印档案" in html.content.decode()


def test_the_file_prints_facts_union_and_visits_in_chinese(enterprise, client_as):
    from unionhub.core.models import ChangeRecord

    response = client_as("sheyang_admin").get(
        reverse("enterprises:enterprise_pdf", args=[enterprise.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "企业档案",
        enterprise.name,
        enterprise.uscc,
        enterprise.region.name,
        enterprise.industry_code,
        str(enterprise.employees),
        enterprise.get_union_status_display(),
        "王建",  # the union's chair
        "2026-11-20",
        "约定下周召开职工大会",
    ):
        assert expected in text, expected
    entry = ChangeRecord.objects.filter(action="export", object_id=str(enterprise.pk)).first()
    assert entry is not None and "企业档案" in entry.note


def test_another_countys_enterprise_is_404(enterprise, client_as):
    url = reverse("enterprises:enterprise_pdf", args=[enterprise.pk])
    assert client_as("funing_admin").get(url).status_code == 404
