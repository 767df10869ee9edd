""" "1+1+N" joint meetings: the record (sides, topics, warnings and enterprises discussed,
decisions), refusals with codes, follow-up tasks due through the deadline service and in
the owner's to-do, the pages, the API and the monthly work report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from unionhub.core.calendar.deadlines import deadline_for
from unionhub.enterprises.tests.factories import make_enterprise
from unionhub.governance import services
from unionhub.governance.models import JointMeeting, RiskIndicator

pytestmark = pytest.mark.django_db


def _codes(exc: ValidationError) -> dict[str, list[str]]:
    return {f: [e.code for e in errs] for f, errs in exc.error_dict.items()}


def _warning(admin, ent):
    return services.report_file(
        actor=admin,
        enterprise=ent,
        indicator=RiskIndicator.objects.get(code="W1"),
        source="staff",
        occurred_on=timezone.localdate(),
        facts="35人欠薪",
        people_affected=35,
    ).warning


def _meeting(admin, **values):
    data = {
        "held_on": timezone.localdate(),
        "convener": admin.org_unit,
        "hrss_side": "射阳县人力资源和社会保障局（劳动保障监察大队）",
        "participants": "县法院\n县住建局\n\n射阳县海丰纺织有限公司",
        "topics": "海丰纺织欠薪处置",
        "decisions": "限期补发工资，人社局立案监察",
    }
    data.update(values)
    return services.meeting_create(actor=admin, **data)


def test_a_meeting_records_the_sides_and_what_was_discussed(user_named):
    admin = user_named("sheyang_admin")
    a, b = make_enterprise(county="320924"), make_enterprise(county="320924")
    warning = _warning(admin, a)
    meeting = _meeting(admin, warnings=[warning], enterprises=[b])
    assert meeting.region == admin.org_unit.region
    assert meeting.participant_list == ["县法院", "县住建局", "射阳县海丰纺织有限公司"]
    # the enterprise of a warning discussed is an enterprise discussed
    assert set(meeting.enterprises.all()) == {a, b}
    assert list(warning.meetings.all()) == [meeting]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"held_on": "tomorrow"}, "held_on", "future"),
        ({"hrss_side": "  "}, "hrss_side", "required"),
        ({"participants": "\n  \n"}, "participants", "required"),
        ({"convener": None}, "convener", "required"),
        ({"enterprises": "other"}, "enterprises", "out_of_scope"),
        ({"convener": "other"}, "convener", "out_of_scope"),
    ],
)
def test_bad_meetings_are_refused_and_nothing_is_written(user_named, change, field, code):
    admin = user_named("sheyang_admin")
    other = user_named("xiangshui_admin")
    values = dict(change)
    if values.get("held_on") == "tomorrow":
        values["held_on"] = timezone.localdate() + dt.timedelta(days=1)
    if values.get("enterprises") == "other":
        values["enterprises"] = [make_enterprise(county="320921")]
    if values.get("convener") == "other":
        values["convener"] = other.org_unit
    before = JointMeeting.objects.count()
    with pytest.raises(ValidationError) as caught:
        _meeting(admin, **values)
    assert code in _codes(caught.value)[field]
    assert JointMeeting.objects.count() == before


def test_a_city_meeting_may_not_list_a_county_warning_outside_the_conveners_area(user_named):
    """A city administrator sees every county, but a meeting convened by 射阳 discusses
    射阳's enterprises only."""
    city = user_named("city_admin")
    sheyang = user_named("sheyang_admin")
    elsewhere = make_enterprise(county="320921")
    with pytest.raises(ValidationError) as caught:
        _meeting(city, convener=sheyang.org_unit, enterprises=[elsewhere])
    assert _codes(caught.value) == {"enterprises": ["outside_area"]}


@pytest.mark.parametrize(
    ("held_on", "period", "due"),
    [
        # a Friday + 5 working days: the next Friday (the weekend skipped)
        (dt.date(2026, 11, 6), "meeting_task_5wd", dt.date(2026, 11, 13)),
        (dt.date(2026, 11, 6), "meeting_task_10wd", dt.date(2026, 11, 20)),
        # 30 calendar days; an ordinary weekend does not roll forward (docs/calendar.md)
        (dt.date(2026, 11, 6), "meeting_task_30d", dt.date(2026, 12, 6)),
        (dt.date(2026, 11, 2), "meeting_task_30d", dt.date(2026, 12, 2)),
    ],
)
def test_task_due_dates_come_from_the_deadline_service(user_named, held_on, period, due):
    admin = user_named("sheyang_admin")
    meeting = _meeting(admin, held_on=held_on)
    task = services.meetingtask_add(
        actor=admin, jointmeeting=meeting, title="督促补发", owner=admin, period=period
    )
    assert task.due_on == due == deadline_for(period, held_on).due


def test_a_task_is_in_the_owners_todo_until_done(user_named, api_as):
    admin = user_named("sheyang_admin")
    meeting = _meeting(admin)
    task = services.meetingtask_add(
        actor=admin,
        jointmeeting=meeting,
        title="回访海丰纺织",
        owner=admin,
        period="meeting_task_5wd",
    )

    def kinds(name):
        return [i["kind"] for i in api_as(name).get("/api/v1/todos/").json()["results"]]

    assert "governance.meeting_task" in kinds("sheyang_admin")
    assert "governance.meeting_task" not in kinds("xiangshui_admin")
    with pytest.raises(ValidationError) as caught:
        services.meetingtask_done(
            actor=admin, meetingtask=task, done_on=timezone.localdate(), result=" "
        )
    assert _codes(caught.value) == {"result": ["required"]}
    with pytest.raises(ValidationError) as caught:
        services.meetingtask_done(
            actor=admin,
            meetingtask=task,
            done_on=meeting.held_on - dt.timedelta(days=1),
            result="已回访",
        )
    assert _codes(caught.value) == {"done_on": ["before_meeting"]}
    services.meetingtask_done(
        actor=admin, meetingtask=task, done_on=timezone.localdate(), result="已回访"
    )
    assert "governance.meeting_task" not in kinds("sheyang_admin")
    with pytest.raises(ValidationError) as caught:
        services.meeting_delete(actor=admin, jointmeeting=meeting)
    assert caught.value.code == "has_done_tasks"


def test_a_task_owner_must_see_the_meeting(user_named):
    admin = user_named("sheyang_admin")
    meeting = _meeting(admin)
    with pytest.raises(ValidationError) as caught:
        services.meetingtask_add(
            actor=admin,
            jointmeeting=meeting,
            title="x",
            owner=user_named("xiangshui_admin"),
            period="meeting_task_5wd",
        )
    assert _codes(caught.value) == {"owner": ["out_of_scope"]}


def test_pages_api_and_the_monthly_report(client_as, api_as, user_named):
    from docx import Document

    admin = user_named("sheyang_admin")
    ent = make_enterprise(county="320924", name="射阳县联席样例有限公司")
    meeting = _meeting(admin, warnings=[_warning(admin, ent)])
    services.meetingtask_add(
        actor=admin,
        jointmeeting=meeting,
        title="人社局立案监察",
        owner=admin,
        period="meeting_task_10wd",
    )
    client = client_as("sheyang_admin")
    listing = client.get("/governance/meetings/").content.decode()
    assert "海丰纺织欠薪处置" in listing
    detail = client.get(f"/governance/meetings/{meeting.pk}/").content.decode()
    assert (
        "射阳县联席样例有限公司" in detail and "人社局立案监察" in detail and "县住建局" in detail
    )
    assert (
        client_as("xiangshui_admin").get(f"/governance/meetings/{meeting.pk}/").status_code == 404
    )
    assert client.get("/governance/meetings/add/").status_code == 200
    body = api_as("sheyang_admin").get("/api/v1/governance/meetings/").json()
    (row,) = body["results"]
    assert row["participants"][0] == "县法院" and row["tasks"][0]["title"] == "人社局立案监察"
    assert api_as("xiangshui_admin").get("/api/v1/governance/meetings/").json()["count"] == 0
    month = timezone.localdate().strftime("%Y-%m")
    response = client_as("sheyang_admin").get(f"/governance/monthly-report/?month={month}")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "“1+1+N”联席会议" in text and "本月召开“1+1+N”联席会议 1 次" in text
    assert "射阳县联席样例有限公司" in text and "人社局立案监察" in text
    other = client_as("xiangshui_admin").get(f"/governance/monthly-report/?month={month}")
    other_text = "\n".join(p.text for p in Document(io.BytesIO(other.content)).paragraphs)
    assert "本月未召开联席会议" in other_text


def test_the_demo_meetings_of_sheyang(user_named):
    from unionhub.governance import demo

    admin = user_named("sheyang_admin")
    ents = [make_enterprise(county="320924") for _ in range(21)]
    _warning(admin, ents[0])
    demo._meetings_sheyang(admin, ents)
    meetings = JointMeeting.objects.filter(region=admin.org_unit.region)
    assert meetings.count() == 2
    assert all(m.held_on.month == timezone.localdate().month for m in meetings)
    assert sum(m.tasks.count() for m in meetings) == 3
    assert meetings.filter(warnings__enterprise=ents[0]).exists()


def test_a_meeting_without_done_tasks_is_deleted_with_its_open_tasks(user_named):
    from unionhub.governance.models import MeetingTask

    admin = user_named("sheyang_admin")
    meeting = _meeting(admin)
    services.meetingtask_add(
        actor=admin, jointmeeting=meeting, title="回访", owner=admin, period="meeting_task_5wd"
    )
    services.meeting_delete(actor=admin, jointmeeting=meeting)
    assert not JointMeeting.objects.filter(pk=meeting.pk).exists()
    assert not MeetingTask.objects.filter(meeting_id=meeting.pk).exists()
