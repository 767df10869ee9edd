"""The growth archive printed as a PDF reads as the archive page does: the worker, every
section in Chinese, the missing months named, and the ID number and phone as the reader
may see them (in full for the county union that keeps the archive, masked for a town cadre
of it). The layout is the platform's one record layout (unionhub.core.pdf)."""

from __future__ import annotations

import pytest

from unionhub.core.pii import mask_id_number, mask_phone
from unionhub.core.testing.pdf import pdf_text
from unionhub.socialwork.tests.test_pages import archive  # noqa: F401 — the fixture

pytestmark = pytest.mark.django_db

ID = "320902199001010014"
PHONE = "13951000015"


def printed(client, worker) -> str:
    response = client.get(f"/socialwork/archives/{worker.pk}/archive.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def test_the_archive_prints_every_section_in_chinese(archive, client_as):  # noqa: F811
    text = printed(client_as("tinghu_admin"), archive)
    for heading in ("工会社会工作者成长档案", "郭亚楠", "基本信息", "月度工作纪实"):
        assert heading in text, heading
    assert "走访企业1家" in text


@pytest.mark.parametrize(
    ("username", "shown", "hidden"),
    [
        ("tinghu_admin", [ID, PHONE], []),
        ("tinghu_town", [mask_id_number(ID), mask_phone(PHONE)], [ID, PHONE]),
    ],
)
def test_personal_data_is_printed_as_the_reader_sees_it(
    archive,  # noqa: F811
    client_as,
    username,
    shown,
    hidden,
):
    text = printed(client_as(username), archive)
    for value in shown:
        assert value in text
    for value in hidden:
        assert value not in text
