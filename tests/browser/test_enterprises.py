"""Enterprises as 建湖县's administrator sees them: the campaign target list with all four
kinds of reasons, the KPI cards and chart, the enterprise list and the import page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def enterprises_demo(demo):
    from unionhub.enterprises import demo as enterprises_demo

    enterprises_demo.load()


def test_jianhu_targets_and_overview(page, enterprises_demo):
    login(page, "jianhu_admin")
    page.goto(page.base + "/enterprises/targets/")
    page.wait_for_selector("[data-testid=town-counts]")
    heading = page.inner_text("h1")
    assert "建湖县" in heading
    table = page.inner_text("[data-testid=object-table]")
    for reason in (
        "经营满一年未建会",
        "已建党组织未建会",
        "非公企业从业人员25人以上未建会",
        "社会知名企业未建会",
    ):
        assert reason in table or reason in page.inner_text("[data-testid=town-counts]")
    # every reason has at least one target in 建湖 (the showcase rows guarantee it)
    for code in (
        "operating_1y_no_union",
        "party_org_no_union",
        "nonpublic_25_no_union",
        "high_profile_no_union",
    ):
        page.goto(page.base + f"/enterprises/targets/?target_reasons={code}")
        page.wait_for_selector("[data-testid=object-table]")
        assert "建湖" in page.inner_text("[data-testid=object-table]")
    page.goto(page.base + "/enterprises/targets/?page_size=100")
    page.wait_for_selector("[data-testid=object-table]")
    assert "射阳" not in page.inner_text("[data-testid=object-table]")
    shot(page, "40-enterprises-targets-jianhu")

    page.goto(page.base + "/enterprises/overview/")
    page.wait_for_selector("[data-testid=coverage-chart] canvas", timeout=15000)
    cards = page.inner_text("[data-testid=kpi-cards]")
    assert "25人以上企业建会率" in cards and "%" in cards
    assert (
        page.evaluate("document.querySelectorAll('[data-testid=coverage-chart] canvas').length")
        >= 1
    )
    shot(page, "41-enterprises-overview-jianhu")
    assert page.console_errors == []

    page.click("[data-testid=kpi-cards] a >> nth=0")
    page.wait_for_selector("[data-testid=object-table]")
    assert "/enterprises/" in page.url and "region=320925" in page.url
    shot(page, "42-enterprises-list-jianhu")


def test_enterprise_detail_and_import_page(page, enterprises_demo):
    login(page, "funing_admin")
    page.goto(page.base + "/enterprises/?q=协鑫")
    page.wait_for_selector("[data-testid=object-table]")
    page.click("text=阜宁协鑫光伏科技有限公司")
    page.wait_for_selector("text=已建会")
    assert "阜宁协鑫光伏科技有限公司工会" in page.inner_text("body")
    shot(page, "43-enterprise-detail")
    assert page.console_errors == []


def test_large_import_shows_progress_then_preview_then_imports(
    page, enterprises_demo, settings, tmp_path
):
    """A file above the inline limit goes to the task worker; the job page polls and turns
    from a progress bar into the preview, then into the outcome, without a reload."""
    from django.core.management import call_command

    from unionhub.enterprises.models import Enterprise
    from unionhub.enterprises.tests.test_import import good_rows, write_xlsx

    settings.IMPORT_INLINE_MAX_ROWS = 10
    rows = good_rows(40, seed=41)
    rows[5][0] = "91320925MA1XXXXXX0"  # wrong check character: sheet row 7
    path = write_xlsx(tmp_path / "企业名录.xlsx", rows)
    login(page, "jianhu_admin")
    page.goto(page.base + "/enterprises/")
    page.click("[data-testid=import-link]")
    page.wait_for_selector("[data-testid=import-form]")
    shot(page, "44-enterprise-import")
    page.set_input_files("input[name=file]", str(path))
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_selector("[data-testid=import-progress]")
    assert "等待后台任务进程" in page.inner_text("[data-testid=import-job]")
    shot(page, "45-enterprise-import-queued")

    def worker():
        call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)

    worker()
    page.wait_for_selector("[data-testid=import-summary]", timeout=10000)
    assert "第7行 [统一社会信用代码]" in page.inner_text("[data-testid=import-errors]")
    assert page.inner_text("[data-testid=to-create]") == "39"
    shot(page, "46-enterprise-import-preview")

    page.check("input[name=valid_only]")
    page.click("[data-testid=import-commit]")
    page.wait_for_selector("[data-testid=import-progress]")
    worker()
    page.wait_for_selector("[data-testid=import-done]", timeout=10000)
    assert Enterprise.objects.filter(name__startswith="导入测试企业41-").count() == 39
    shot(page, "47-enterprise-import-done")
    assert page.console_errors == []


def test_bulk_edit_ticked_enterprises(page, enterprises_demo):
    """Tick two rows, choose 批量修改, confirm with a new operating status."""
    from unionhub.enterprises.models import Enterprise

    login(page, "jianhu_admin")
    page.goto(page.base + "/enterprises/?operating_status=operating&sort=name")
    page.wait_for_selector("[data-testid=bulk-bar]")
    boxes = page.locator("[data-bulk-row]")
    ids = [boxes.nth(0).get_attribute("value"), boxes.nth(1).get_attribute("value")]
    boxes.nth(0).check()
    boxes.nth(1).check()
    assert "已勾选 2 条" in page.inner_text("[data-testid=bulk-bar]")
    shot(page, "48-enterprise-bulk-ticked")
    page.select_option("[data-testid=bulk-action]", "edit")
    page.click("[data-testid=bulk-submit]")
    page.wait_for_selector("[data-testid=bulk-confirm]")
    assert "2 条记录" in page.inner_text("[data-testid=bulk-count]")
    page.select_option("select[name=operating_status]", "suspended")
    shot(page, "49-enterprise-bulk-confirm")
    page.click("[data-testid=bulk-run]")
    page.wait_for_selector("text=已修改 2 条记录")
    assert set(
        Enterprise.objects.filter(pk__in=ids).values_list("operating_status", flat=True)
    ) == {"suspended"}
    assert page.console_errors == []
    # a town cadre on a phone: the list with its bulk bar still fits the screen width
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(page.base + "/enterprises/")
    page.wait_for_selector("[data-testid=bulk-bar]")
    shot(page, "50-enterprise-list-phone")


def test_cadre_gets_the_file_back_with_its_problems_marked(page, enterprises_demo, tmp_path):
    """At 1366 px 建湖's administrator uploads a file with a region typed as a name and two
    bad rows, sees every problem in the preview and downloads the file with 错误原因."""
    import io

    import openpyxl

    from unionhub.enterprises.tests.test_import import good_rows, write_xlsx
    from unionhub.org.models import Region

    town = Region.objects.get(code="320925001")
    rows = good_rows(5, seed=47)
    rows[0][2] = town.name  # a name instead of the code: accepted
    rows[1][5] = -3  # sheet row 3
    rows[2][2] = "火星镇"  # sheet row 4
    rows[2][3] = "99"  # and a bad industry on the same row, reported at once
    path = write_xlsx(tmp_path / "建湖企业.xlsx", rows)
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "jianhu_admin")
    page.goto(page.base + "/imports/enterprises/")
    page.set_input_files("input[name=file]", str(path))
    page.click("[data-testid=import-form] button[type=submit]")
    page.wait_for_selector("[data-testid=import-errors]")
    problems = page.inner_text("[data-testid=import-errors]")
    assert "第3行 [从业人员数]" in problems
    assert "第4行 [所在地区代码] 未知的地区“火星镇”" in problems and "第4行 [行业代码]" in problems
    assert "第2行" not in problems
    shot(page, "48-enterprise-import-errors")

    with page.expect_download() as info:
        page.click("[data-testid=import-error-workbook]")
    download = info.value
    assert download.suggested_filename == "建湖企业-错误报告.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    assert sheet.cell(1, sheet.max_column).value == "错误原因"
    assert "[行业代码]" in sheet.cell(4, sheet.max_column).value
    assert page.console_errors == []
