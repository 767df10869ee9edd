"""A county cadre's afternoon at a 1366 px office screen (issue #21): an import with errors is
refused with its row and column and writes nothing, the region tree narrows the enterprise
list to one town, and the export of that filtered list comes with its title row and 合计."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office(browser, live_server, enterprises_demo):
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="zh-CN", accept_downloads=True
    )
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.base = live_server.url
    yield pg
    context.close()


@pytest.fixture
def enterprises_demo(demo):
    from unionhub.enterprises import demo as enterprises_demo

    enterprises_demo.load()


def test_import_errors_tree_filter_and_export(office, tmp_path):
    from openpyxl import load_workbook

    from unionhub.enterprises.models import Enterprise
    from unionhub.enterprises.tests.test_import import good_rows, write_xlsx
    from unionhub.org.models import Region

    page = office
    login(page, "jianhu_admin")

    # 1. an import with one bad credit code: the row and the column are named, nothing written
    rows = good_rows(5, seed=77)
    rows[2][0] = "91320925MA1XXXXXX0"  # wrong check character: sheet row 4
    path = write_xlsx(tmp_path / "企业名录.xlsx", rows)
    before = Enterprise.objects.count()
    page.goto(page.base + "/enterprises/")
    page.click("[data-testid=import-link]")
    page.set_input_files("input[name=file]", str(path))
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_selector("[data-testid=import-errors]")
    assert "第4行 [统一社会信用代码]" in page.inner_text("[data-testid=import-errors]")
    assert Enterprise.objects.count() == before
    shot(page, "90-cadre-import-errors")
    # the uploaded file comes back with a 错误原因 column and the bad row marked
    with page.expect_download() as marked:
        page.click("[data-testid=import-error-workbook]")
    returned = tmp_path / "errors.xlsx"
    marked.value.save_as(returned)
    errors = [[c.value for c in row] for row in load_workbook(returned).active.iter_rows()]
    reason_column = next(i for i, v in enumerate(errors[0]) if v == "错误原因")
    flagged = [r for r in errors[1:] if r[reason_column]]
    assert len(flagged) == 1 and "统一社会信用代码" in flagged[0][reason_column]

    # 2. the region tree: the county's branch opens beside its link and loads its towns once
    page.goto(page.base + "/enterprises/")
    page.wait_for_selector("[data-testid=tree-node]")
    town = (
        Region.objects.filter(parent__code="320925", level="town", enterprises__isnull=False)
        .distinct()
        .order_by("code")
        .first()
    )
    toggle = page.locator("[data-tree-toggle]").first
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    link = page.locator(f"a.list-tree-link[data-tree-value='{town.pk}']")
    link.click()
    page.wait_for_url(f"**region_id={town.pk}**")
    page.wait_for_function(
        "id => document.querySelector(`a.list-tree-link[data-tree-value='${id}']`)"
        ".classList.contains('active')",
        arg=str(town.pk),
    )
    in_town = Enterprise.objects.filter(region__path__startswith=town.path).count()
    assert in_town > 0
    assert str(in_town) in page.inner_text("[data-testid=result-count]")
    toggle.click()  # and closes again without reloading
    assert page.locator(f"a.list-tree-link[data-tree-value='{town.pk}']").is_hidden()
    shot(page, "91-cadre-tree-filter")

    # 3. the export follows the filter: title row first, 合计 row last, one row per enterprise
    with page.expect_download() as download:
        page.click("[data-testid=list-export]")
    target = tmp_path / "export.xlsx"
    download.value.save_as(target)
    sheet = load_workbook(target).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "企业" in str(values[0][0])
    assert values[-1][0] == "合计"
    header_and_data = [r for r in values[1:-1] if any(v not in (None, "") for v in r)]
    assert len(header_and_data) - 1 == in_town
    assert page.console_errors == []
