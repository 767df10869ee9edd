"""The deadline API (contract.md), the calculator page and the holiday pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from unionhub.core.calendar.models import Holiday
from unionhub.core.models import ChangeRecord

D = dt.date.fromisoformat
URL = "/api/v1/calendar/deadline/"
HEADER = "date,kind,name,year,source\n"


@pytest.mark.django_db
def test_done_when_rolls_past_national_day(holidays, api_as):
    response = api_as("xiangshui_town").get(
        URL, {"kind": "bargaining_response", "date": "2025-09-11"}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"kind", "date", "due", "rule", "basis", "rolled_from", "warnings"}
    assert (body["due"], body["rolled_from"], body["warnings"]) == (
        "2025-10-09",
        "2025-10-01",
        [],
    )
    assert body["kind"] == "bargaining_response" and body["date"] == "2025-09-11"
    assert "第三十二条" in body["basis"]  # Chinese by default


@pytest.mark.django_db
def test_api_warnings_are_sentences(holidays, api_as):
    body = api_as("city_admin").get(URL, {"kind": "contract_filing", "date": "2027-03-10"}).json()
    assert body["due"] == "2027-03-20" and body["rolled_from"] is None
    assert len(body["warnings"]) == 2  # a Saturday, and no 2027 arrangement
    assert any("2027" in w for w in body["warnings"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"kind": "no_such_kind", "date": "2025-09-11"}, {"kind"}),
        ({"kind": "bargaining_response", "date": "2025-02-30"}, {"date"}),
        ({"kind": "bargaining_response", "date": "11/09/2025"}, {"date"}),
        ({"kind": "bargaining_response"}, {"date"}),
        ({"date": "2025-09-11"}, {"kind"}),
        ({}, {"kind", "date"}),
    ],
)
def test_api_bad_input_is_400_with_a_chinese_reason(holidays, api_as, params, fields):
    response = api_as("city_admin").get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == fields
    for field in fields:
        assert body[field] and any("\u4e00" <= ch <= "\u9fff" for ch in body[field][0])


@pytest.mark.django_db
def test_api_needs_a_signed_in_user():
    response = APIClient().get(URL, {"kind": "bargaining_response", "date": "2025-09-11"})
    assert response.status_code in (401, 403)


@pytest.mark.django_db
def test_api_is_in_the_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/calendar/deadline/" in schema["paths"]


# --- calculator -----------------------------------------------------------------------


@pytest.mark.django_db
def test_calculator_page(holidays, client_as):
    client = client_as("funing_town")
    page = client.get("/calendar/")
    assert page.status_code == 200
    assert b'data-testid="deadline-kinds"' in page.content
    result = client.get("/calendar/", {"kind": "bargaining_response", "date": "2025-09-11"})
    content = result.content.decode()
    assert 'data-testid="deadline-due"' in content and "2025-10-09" in content
    assert 'data-testid="deadline-rolled"' in content and "2025-10-01" in content


@pytest.mark.django_db
def test_calculator_htmx_returns_the_result_panel_only(holidays, client_as):
    response = client_as("funing_town").get(
        "/calendar/",
        {"kind": "contract_filing", "date": "2025-03-12"},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "2025-03-22" in content and 'data-testid="deadline-warning"' in content


@pytest.mark.django_db
def test_calculator_shows_errors(holidays, client_as):
    response = client_as("funing_town").get(
        "/calendar/", {"kind": "bargaining_response", "date": "2025-02-30"}
    )
    assert response.status_code == 200
    assert b'data-testid="deadline-errors"' in response.content


@pytest.mark.django_db
def test_calculator_needs_login(client):
    response = client.get("/calendar/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_calculator_in_cadres_menu_holidays_only_for_readers(client_as):
    town = client_as("funing_town").get("/calendar/").content.decode()
    assert 'href="/calendar/"' in town
    assert 'href="/calendar/holidays/"' in town  # town cadres may read the calendar


# --- holiday pages --------------------------------------------------------------------


@pytest.mark.django_db
def test_holiday_list_by_year(holidays, client_as):
    client = client_as("city_admin")
    page = client.get("/calendar/holidays/", {"year": 2025}).content.decode()
    assert "2025-10-08" in page and "2024-10-07" not in page
    assert 'data-testid="holiday-add-link"' in page
    assert 'data-testid="holiday-import-link"' in page


@pytest.mark.django_db
def test_county_admin_reads_but_cannot_edit(holidays, client_as):
    client = client_as("funing_admin")
    page = client.get("/calendar/holidays/").content.decode()
    assert 'data-testid="holiday-add-link"' not in page
    pk = Holiday.objects.get(date=D("2025-10-01")).pk
    assert client.get("/calendar/holidays/add/").status_code == 403
    assert client.post(f"/calendar/holidays/{pk}/delete/").status_code == 403
    assert client.post("/calendar/holidays/import/").status_code == 403
    assert Holiday.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_user_without_role_cannot_read_the_calendar(client):
    from unionhub.accounts.demo import ensure_user
    from unionhub.org.demo import county_union

    user = ensure_user("calendar_nobody", "无角色", county_union("funing"), [])
    client.force_login(user)
    assert client.get("/calendar/holidays/").status_code == 403
    assert client.get("/calendar/").status_code == 403  # the calculator is for cadres


@pytest.mark.django_db
def test_add_edit_delete_a_date(holidays, client_as):
    client = client_as("city_admin")
    data = {"date": "2027-01-01", "kind": "holiday", "name": "元旦", "year": "2027", "source": ""}
    response = client.post("/calendar/holidays/add/", data)
    assert response.status_code == 302
    holiday = Holiday.objects.get(date=D("2027-01-01"))
    assert ChangeRecord.objects.filter(
        app_label="calendar", object_id=str(holiday.pk), action="create"
    ).exists()
    data["name"] = "元旦节"
    assert client.post(f"/calendar/holidays/{holiday.pk}/edit/", data).status_code == 302
    holiday.refresh_from_db()
    assert holiday.name == "元旦节"
    assert client.post(f"/calendar/holidays/{holiday.pk}/delete/").status_code == 302
    assert not Holiday.objects.filter(pk=holiday.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"date": "2027-01-04", "kind": "workday"}, "kind"),  # a Monday cannot be 调休
        ({"date": "2025-10-01"}, "date"),  # already in the calendar
        ({"date": "2027-02-30"}, "date"),
    ],
)
def test_add_a_bad_date_writes_nothing(holidays, client_as, data, field):
    before = Holiday.objects.count()
    form = {"date": "2027-01-01", "kind": "holiday", "name": "元旦", "year": "2027", **data}
    response = client_as("city_admin").post("/calendar/holidays/add/", form)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert Holiday.objects.count() == before


def _upload(client, body: str, **extra):
    file = SimpleUploadedFile("2027.csv", body.encode(), content_type="text/csv")
    return client.post("/calendar/holidays/import/", {"file": file, **extra})


@pytest.mark.django_db
def test_upload_a_file(holidays, client_as):
    client = client_as("city_admin")
    body = HEADER + "2027-01-01,holiday,元旦,2027,x\n2027-01-02,holiday,元旦,2027,x\n"
    checked = _upload(client, body, check="1")
    assert checked.status_code == 200
    assert b'data-testid="holiday-import-check"' in checked.content
    assert not Holiday.objects.filter(year=2027).exists()
    loaded = _upload(client, body, load="1")
    assert loaded.status_code == 302
    assert Holiday.objects.filter(year=2027).count() == 2
    assert ChangeRecord.objects.filter(app_label="calendar", action="import").exists()


@pytest.mark.django_db
def test_upload_a_bad_file_lists_errors_and_writes_nothing(holidays, client_as):
    before = Holiday.objects.count()
    body = HEADER + "2027-01-01,holiday,元旦,2027,x\n2027-01-01,holiday,元旦,2027,x\nbroken\n"
    response = _upload(client_as("city_admin"), body, load="1")
    assert response.status_code == 400
    errors = response.context["errors"]
    assert [e.split(" ")[0] for e in errors] == ["第3行", "第4行"]
    assert Holiday.objects.count() == before
