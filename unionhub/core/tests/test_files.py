"""Uploaded files are read only through their record (core/files.py, ``ObjectFileView``):
whoever may see the record opens the file, another county gets 404, nobody reaches the
media folder by URL, and every file field a page shows has its view."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image

from unionhub.core.views.generic import file_view_url_name

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

#: file fields no page shows or edits (set only by the scale data of bench/)
NOT_ON_ANY_PAGE = {"stations.Station.photo"}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 50)).save(buffer, "PNG")
    return buffer.getvalue()


def test_every_file_field_has_a_view_that_checks_the_record():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("unionhub.")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
        and f"{model._meta.label}.{field.name}" not in NOT_ON_ANY_PAGE
        and file_view_url_name(model, field.name) is None
    ]
    assert not missing, missing


@pytest.fixture
def evidence_report(demo):
    from unionhub.governance.tests.samples import report_in

    return report_in("sheyang")  # with its evidence, a PDF


def test_the_report_page_links_its_evidence_and_the_link_opens_the_pdf(evidence_report, client_as):
    client = client_as("sheyang_admin")
    url = reverse("governance:riskreport_evidence", args=[evidence_report.pk])
    page = client.get(reverse("governance:riskreport", args=[evidence_report.pk]))
    assert f'href="{url}"' in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF


def test_another_county_and_anonymous_cannot_open_the_evidence(evidence_report, client_as):
    from django.test import Client

    url = reverse("governance:riskreport_evidence", args=[evidence_report.pk])
    anonymous = Client().get(url)
    assert client_as("xiangshui_admin").get(url).status_code == 404
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_the_media_folder_is_not_served(evidence_report, client_as):
    from django.conf import settings

    path = f"{settings.MEDIA_URL}{evidence_report.evidence.name}"
    assert client_as("sheyang_admin").get(path).status_code == 404


def test_a_record_without_a_file_answers_404(demo, client_as):
    from unionhub.governance.tests.samples import report_in

    report = report_in("sheyang")
    report.evidence = ""
    report.save(update_fields=["evidence"])
    url = reverse("governance:riskreport_evidence", args=[report.pk])
    assert client_as("sheyang_admin").get(url).status_code == 404


def test_a_spot_check_photo_opens_from_its_page(demo, client_as):
    from unionhub.stations import services
    from unionhub.stations.tests.samples import station_in

    check = services.spot_check_record(
        actor=None,
        station=station_in("xiangshui"),
        date=dt.date(2026, 5, 2),
        inspector="市总检查组",
        passed=False,
        findings="药箱过期",
        rectify_by=dt.date(2026, 5, 9),
        photo=SimpleUploadedFile("药箱.png", _png()),
    )
    client = client_as("xiangshui_admin")
    url = reverse("stations:spotcheck_photo", args=[check.pk])
    assert (
        f'href="{url}"'
        in client.get(reverse("stations:spotcheck", args=[check.pk])).content.decode()
    )
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert client_as("sheyang_admin").get(url).status_code == 404


def test_a_rules_document_downloads_for_those_who_see_the_programme(demo, client_as):
    from unionhub.points import services
    from unionhub.points.tests.samples import programme_in

    programme = programme_in("funing")
    version = services.rules_version_add(
        actor=None,
        programme=programme,
        title="积分管理制度（2026年修订）",
        effective_from=dt.date(2026, 1, 1),
        document=SimpleUploadedFile("积分管理制度.pdf", PDF),
    )
    url = reverse("points:rulesversion_document", args=[version.pk])
    client = client_as("funing_admin")
    assert url in client.get(reverse("points:programme", args=[programme.pk])).content.decode()
    assert client.get(url).status_code == 200
    assert client_as("jianhu_admin").get(url).status_code == 404
