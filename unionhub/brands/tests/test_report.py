"""The annual brand report (contract.md "Brand report"): ``city_admin`` downloads the year's
Word document with one section per county-level union, its brand title and the figures its
demo records give; a county administrator's download holds only its own section; a past
year is reproduced from the year-end snapshot; the PDF comes from LibreOffice (503 with a
Chinese reason without it). The documents are read back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from django.utils import timezone
from docx import Document

from unionhub.brands import demo as brands_demo
from unionhub.brands import report
from unionhub.brands.tests.samples import brand_in
from unionhub.core.kpis import registry
from unionhub.core.kpis import services as kpi_services
from unionhub.core.kpis.models import KpiSnapshot
from unionhub.core.middleware import acting_as

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/brand/"
COUNTIES = [
    "亭湖区",
    "盐都区",
    "大丰区",
    "响水县",
    "滨海县",
    "阜宁县",
    "射阳县",
    "建湖县",
    "东台市",
]


#: the done-when figures of the issue (射阳's grids, 盐都's studios, 亭湖's monthly records)
DONE_WHEN = {
    "governance.enterprise_grids": "216",
    "studios.total": "22",
    "socialwork.monthly_records": "228",
}


def _name(code: str) -> str:
    return str(registry.get(code).name)


def _row(text: str, code: str) -> str:
    """The table row of an indicator (``name | value unit | target | progress``)."""
    rows = [line for line in text.splitlines() if line.startswith(_name(code) + " | ")]
    assert rows, code
    return rows[0]


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a Word document, one per line."""
    doc = Document(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _download(api, **params):
    response = api.get(URL, params)
    assert response.status_code == 200, response.content[:300]
    return response


@pytest.fixture
def demo_world(demo):
    """The records of the three modules the done-when names, and the demo brands."""
    from unionhub.enterprises import demo as enterprises_demo
    from unionhub.governance import demo as governance_demo
    from unionhub.people import demo as people_demo
    from unionhub.socialwork import demo as socialwork_demo
    from unionhub.studios import demo as studios_demo

    with acting_as(None):
        enterprises_demo.load()  # 射阳's grids and 盐都's studios hang on its enterprises
        governance_demo.load()
        people_demo.load()
        studios_demo.load()
        socialwork_demo.load()
        brands_demo.load_brands()


def test_city_gets_every_county_and_a_county_only_its_own(demo_world, api_as):
    year = timezone.localdate().year
    response = _download(api_as("city_admin"), year=year)
    assert response["Content-Type"] == report.DOCX_TYPE
    assert "attachment" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "盐城市工会“一县一品”工作品牌汇编" in text and f"（{year}年度）" in text
    assert "编者按" in text
    for name in [*COUNTIES, "盐城经济技术开发区", "盐南高新区"]:
        assert name in text, name
    for _code, (title, *_rest) in brands_demo.BRANDS.items():
        assert title in text, title
    # the figures the demo records give, in each section's table and inline
    for code, figure in DONE_WHEN.items():
        assert _row(text, code).split(" | ")[1].split(" ")[0] == figure, _row(text, code)
        assert f"{_name(code)} {figure}" in text

    own = docx_text(_download(api_as("sheyang_admin"), year=year).content)
    assert "射阳县" in own and brands_demo.BRANDS["320924"][0] in own
    assert _row(own, "governance.enterprise_grids").split(" | ")[1] == "216 个"
    for other in ["响水县", "盐都区", "亭湖区", brands_demo.BRANDS["320921"][0]]:
        assert other not in own, other


def test_a_past_year_is_reproduced_from_the_year_end_snapshot(api_as):
    brand = brand_in("xiangshui", year=2025)
    with acting_as(None):
        kpi_services.kpis_snapshot(as_of=dt.date(2025, 12, 31), regions=[brand.region])
    KpiSnapshot.objects.filter(code="stations.total", region=brand.region).update(value=987)
    past = docx_text(_download(api_as("xiangshui_admin"), year=2025).content)
    assert "样例品牌xiangshui" in past
    assert "987" in past  # the December snapshot, not today's records
    assert "12月31日" in past


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "20x5"}, "year"),
        ({"year": "1999"}, "year"),
        ({"year": str(dt.date.today().year + 1)}, "year"),
        ({"year": "2025", "format": "odt"}, "format"),
    ],
)
def test_bad_parameters_are_400_with_the_field(params, field, api_as):
    response = api_as("city_admin").get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


def test_needs_the_brand_permission(api_as, client):
    assert client.get(URL).status_code in (401, 403)


def test_pdf_without_libreoffice_is_503_with_a_reason(api_as, settings):
    settings.SOFFICE_PATH = "/nonexistent/soffice"
    response = api_as("city_admin").get(URL, {"year": "2025", "format": "pdf"})
    assert response.status_code == 503
    assert "LibreOffice" in response.json()["detail"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice 未安装")
def test_pdf_is_converted_by_libreoffice(api_as):
    brand_in("sheyang", year=2025)
    response = _download(api_as("sheyang_admin"), year="2025", format="pdf")
    assert response["Content-Type"] == report.PDF_TYPE
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5000
    if shutil.which("pdftotext"):  # poppler (CI installs it): the PDF holds the section
        import subprocess

        text = subprocess.run(  # noqa: S603 — fixed arguments
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
        text = "".join(text.split())  # pdftotext spaces Latin letters from Chinese
        assert "样例品牌sheyang" in text and "射阳县" in text and "响水县" not in text
