"""The archive as 亭湖's administrator sees it: the monthly records, the quarterly reports,
the annual assessments with the ranking, the printable PDF; personal data masked for a
town cadre; list pages with a constant number of queries; forms refuse bad input in
Chinese with nothing written."""

import datetime as dt

import pytest

from unionhub.core.middleware import acting_as
from unionhub.core.testing.assertions import form_error_codes
from unionhub.org.demo import county_union, first_town_union
from unionhub.socialwork import services
from unionhub.socialwork.models import MonthlyRecord, SocialWorker
from unionhub.socialwork.selectors import add_months

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(make_worker, today):
    with acting_as(None):
        worker = make_worker(
            name="郭亚楠",
            hired_on=dt.date(2021, 4, 1),
            id_number="320902199001010014",
            phone="13951000015",
        )
        last = add_months(today.replace(day=1), -1)
        for k in range(1, 4):
            services.monthlyrecord_create(
                actor=None,
                worker=worker,
                month=add_months(last, -k),
                summary=f"走访企业{k}家",
                cases=k,
                visits=k + 1,
            )
        services.quarterlyreport_create(
            actor=None,
            worker=worker,
            year=2025,
            quarter=2,
            performance="服务台账规范",
            rating="excellent",
            workdays=61,
            attendance_days=60,
        )
        round_ = services.assessmentround_create(
            actor=None,
            union=county_union("tinghu"),
            year=2024,
            held_on=dt.date(2025, 1, 15),
            excellent_quota=1,
        )
        other = make_worker(name="马骏")
        services.assessment_record(
            actor=None,
            assessmentround=round_,
            worker=other,
            scores={c["name"]: 95 for c in round_.criteria},
        )
        services.assessment_record(
            actor=None,
            assessmentround=round_,
            worker=worker,
            scores={c["name"]: 85 for c in round_.criteria},
        )
    return worker


def test_archive_page_shows_records_reports_and_ranking(archive, client_as, today):
    page = client_as("tinghu_admin").get(f"/socialwork/archives/{archive.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    last = add_months(today.replace(day=1), -1)
    for k in range(1, 4):
        month = add_months(last, -k)
        assert f"{month.year}年{month.month}月" in html
    assert f"{last.year}年{last.month}月" in html  # last month: missing, shown in the warning
    assert "2025年 第2季度" in html or "2025 Q2" in html or "2025年第2季度" in html
    assert "60/61" in html
    assert "85.00" in html and "2 / 2" not in html  # rank is in words
    assert "第 2 名，共 2 人" in html or "2 of 2" in html
    assert "320902199001010014" in html  # the county admin may view personal data


def test_town_cadre_sees_personal_data_masked(archive, client_as):
    page = client_as("tinghu_town").get(f"/socialwork/archives/{archive.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "320902199001010014" not in html and "320***********0014" in html
    assert "13951000015" not in html and "139****0015" in html


def test_other_county_gets_404(archive, client_as):
    assert client_as("sheyang_admin").get(f"/socialwork/archives/{archive.pk}/").status_code == 404
    assert (
        client_as("sheyang_admin").get(f"/socialwork/archives/{archive.pk}/archive.pdf").status_code
        == 404
    )


def test_archive_pdf(archive, client_as):
    response = client_as("tinghu_admin").get(f"/socialwork/archives/{archive.pk}/archive.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5000


def test_ranking_page(archive, client_as):
    round_ = archive.assessments.get().round
    html = client_as("tinghu_admin").get(f"/socialwork/assessments/{round_.pk}/").content.decode()
    assert html.index("马骏") < html.index("郭亚楠")  # 95 before 85
    assert "县总工会评价 40%" in html


@pytest.mark.parametrize(
    "url",
    [
        "/socialwork/archives/",
        "/socialwork/monthly-records/",
        "/socialwork/assessments/",
        "/socialwork/sessions/",
        "/socialwork/postings/",
        "/socialwork/coverage/",
    ],
)
def test_list_pages_query_count_does_not_grow(
    url, make_worker, client_as, today, django_assert_max_num_queries
):
    client = client_as("tinghu_admin")
    client.get(url)

    def add(n):
        last = add_months(today.replace(day=1), -1)
        with acting_as(None):
            for i in range(n):
                w = make_worker(name=f"社工{i}{n}")
                services.monthlyrecord_create(
                    actor=None, worker=w, month=last, summary="走访", cases=1, visits=1
                )
                services.posting_create(
                    actor=None,
                    worker=w,
                    union=first_town_union("tinghu"),
                    kind="full_time",
                    started_on=dt.date(2022, 1, 1),
                )

    add(2)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_monthly_record_form_refuses_a_future_month(make_worker, client_as, today):
    worker = make_worker()
    month = add_months(today.replace(day=1), 1)
    response = client_as("tinghu_admin").post(
        "/socialwork/monthly-records/add/",
        {
            "worker": worker.pk,
            "month": month.strftime("%Y-%m"),
            "summary": "走访",
            "cases": 0,
            "visits": 0,
            "hours": "0",
        },
    )
    assert response.status_code == 200 or response.status_code == 400
    assert "尚未开始" in response.content.decode() or "has not begun" in response.content.decode()
    assert not MonthlyRecord.objects.filter(worker=worker).exists()


def test_assessment_round_form_takes_the_scheme_as_lines(client_as):
    response = client_as("tinghu_admin").post(
        "/socialwork/assessments/add/",
        {
            "union": county_union("tinghu").pk,
            "year": 2023,
            "held_on": "2024-01-10",
            "criteria": "县总工会评价=50\n岗位评价=30\n竞赛比武=10\n荣誉表彰=5",
            "excellent_quota": 3,
        },
    )
    assert "weights_sum" in form_error_codes(response.context["form"])["criteria"]


def test_archive_form_refuses_a_bad_id_number(client_as):
    response = client_as("tinghu_admin").post(
        "/socialwork/archives/add/",
        {
            "name": "王五",
            "union": first_town_union("tinghu").pk,
            "hired_on": "2022-01-01",
            "status": "active",
            "id_number": "320902199001010012",
            "phone": "",
        },
    )
    assert "invalid_id_number" in form_error_codes(response.context["form"])["id_number"]
    assert not SocialWorker.objects.filter(name="王五").exists()
