"""Meetings (协商会议) and draft versions (草案): the chair alternates between the two chief
representatives, the recorder represents neither side, meetings in order; drafts numbered
per case and compared clause by clause (added / removed / changed / unchanged)."""

from __future__ import annotations

import datetime as dt

import pytest

from unionhub.bargaining import clauses, rules, services
from unionhub.bargaining.choices import Side
from unionhub.bargaining.tests.samples import DRAFT_TEXT, chief_of, meeting_case_in
from unionhub.core.testing.assertions import assert_invalid

W, E = Side.WORKERS, Side.EMPLOYER
D = dt.date(2025, 2, 10)


def _rule(**over):
    args = dict(
        chair_side=W,
        chair_is_chief=True,
        chair_sitting=True,
        previous_chair_side=None,
        recorder="孙记录",
        representative_names=["王建国", "陈总"],
        held_on=D,
        previous_held_on=None,
        requested_on=None,
    )
    args.update(over)
    return rules.session_problems(**args)


@pytest.mark.parametrize(
    "over, field, code",
    [
        ({}, None, None),
        ({"previous_chair_side": E}, None, None),  # alternates: employer then workers
        ({"previous_chair_side": W}, "chair", "chair_not_alternating"),
        ({"chair_side": E, "previous_chair_side": E}, "chair", "chair_not_alternating"),
        ({"chair_is_chief": False}, "chair", "chair_not_chief"),
        ({"chair_sitting": False}, "chair", "chair_not_chief"),
        ({"recorder": " "}, "recorder", "required"),
        ({"recorder": "王 建国"}, "recorder", "recorder_is_representative"),
        ({"recorder": "王建"}, None, None),
        # boundaries of the order: the same day as the meeting before is fine, a day earlier not
        ({"previous_held_on": D}, None, None),
        ({"previous_held_on": D + dt.timedelta(days=1)}, "held_on", "before_previous_session"),
        ({"requested_on": D}, None, None),
        ({"requested_on": D + dt.timedelta(days=1)}, "held_on", "before_request"),
    ],
)
def test_session_rule(over, field, code):
    errors = _rule(**over)
    if code is None:
        assert errors == {}
    else:
        assert errors[field].code == code, errors
        assert str(errors[field].message)


@pytest.mark.parametrize(
    "count, prepared, previous, field, code",
    [
        (1, D, None, None, None),
        (0, D, None, "text", "no_clauses"),
        (3, D, D, None, None),
        (3, D, D + dt.timedelta(days=1), "prepared_on", "before_previous_version"),
    ],
)
def test_draft_rule(count, prepared, previous, field, code):
    errors = rules.draft_problems(
        clause_count=count, prepared_on=prepared, previous_prepared_on=previous
    )
    assert (errors[field].code if code else errors) == (code or {})


OLD = (
    "序言。\n第一条【适用范围】适用于全体职工。\n第二条【工资】月最低工资不低于2500元。\n"
    "第三条【工时】每日工作8小时。\n第四条【休假】带薪年休假。"
)


@pytest.mark.parametrize(
    "new, expected",
    [
        (OLD, ["unchanged"] * 5),
        # wording changed in one clause
        (
            OLD.replace("2500", "2700"),
            ["unchanged", "unchanged", "changed", "unchanged", "unchanged"],
        ),
        # a clause inserted: later clauses renumbered but matched by heading, not number
        (
            OLD.replace("第三条【工时】", "第三条【培训】每年培训16学时。\n第四条【工时】").replace(
                "第四条【休假】", "第五条【休假】"
            ),
            ["unchanged", "unchanged", "unchanged", "added", "unchanged", "unchanged"],
        ),
        # a clause removed
        (
            OLD.replace("\n第三条【工时】每日工作8小时。", "").replace("第四条", "第三条"),
            ["unchanged", "unchanged", "unchanged", "removed", "unchanged"],
        ),
        # replaced by a different clause: one removal, one addition
        (
            OLD.replace("第三条【工时】每日工作8小时。", "第三条【安全】配备劳动防护用品。"),
            ["unchanged", "unchanged", "unchanged", "removed", "added", "unchanged"],
        ),
        # heading renamed, text nearly the same: a change, not removal + addition
        (
            OLD.replace("【工时】每日工作8小时。", "【工作时间】每日工作8小时。"),
            ["unchanged", "unchanged", "unchanged", "changed", "unchanged"],
        ),
    ],
)
def test_clause_comparison(new, expected):
    changes = clauses.compare(clauses.split_clauses(OLD), clauses.split_clauses(new))
    assert [c.kind for c in changes] == expected


def test_clause_parsing_and_inline_marks():
    found = clauses.split_clauses("前言\n第1条【甲】一\n续行\n第十二条 二")
    assert [(c.number, c.heading, c.body) for c in found] == [
        ("", "", "前言"),
        ("第1条", "甲", "一\n续行"),
        ("第十二条", "", "二"),
    ]
    assert (
        clauses.inline_diff("不低于2500元", "不低于2700元") == "不低于2<del>5</del><ins>7</ins>00元"
    )
    assert "&lt;b&gt;" in clauses.inline_diff("<b>", "")


@pytest.fixture
def case(db):
    return meeting_case_in("yannan")


def _meet(case, chair, held_on, **over):
    data = dict(
        case=case,
        held_on=held_on,
        place="会议室",
        chair=chair,
        recorder="孙记录",
        attendees=[],
    )
    data.update(over)
    return services.session_create(actor=None, **data)


@pytest.mark.django_db
def test_meetings_alternate_and_are_numbered(case):
    w, e = chief_of(case, W), chief_of(case, E)
    first = _meet(case, w, dt.date(2025, 1, 20))
    assert first.number == 1 and list(first.attendees.all()) == [w]  # the chair is present
    with pytest.raises(Exception) as caught:
        _meet(case, w, dt.date(2025, 2, 1))
    assert_invalid(caught, code="chair_not_alternating", field="chair")
    second = _meet(case, e, dt.date(2025, 2, 1))
    assert second.number == 2
    assert _meet(case, w, dt.date(2025, 2, 1)).number == 3
    with pytest.raises(Exception) as caught:
        _meet(case, e, dt.date(2025, 1, 31))
    assert_invalid(caught, code="before_previous_session", field="held_on")


@pytest.mark.django_db
def test_meeting_refusals(case):
    w = chief_of(case, W)
    member = case.representatives.filter(is_chief=False).first()
    with pytest.raises(Exception) as caught:
        _meet(case, member, dt.date(2025, 1, 20))
    assert_invalid(caught, code="chair_not_chief", field="chair")
    with pytest.raises(Exception) as caught:
        _meet(case, w, dt.date(2025, 1, 20), recorder=member.name)
    assert_invalid(caught, code="recorder_is_representative", field="recorder")
    with pytest.raises(Exception) as caught:
        _meet(case, w, dt.date(2025, 1, 5))  # the request was received on 2025-01-06
    assert_invalid(caught, code="before_request", field="held_on")
    other = meeting_case_in("xiangshui")
    with pytest.raises(Exception) as caught:
        _meet(case, w, dt.date(2025, 1, 20), attendees=[chief_of(other, E)])
    assert_invalid(caught, code="attendee_not_representative", field="attendees")
    services.case_suspend(actor=None, bargainingcase=case)
    with pytest.raises(Exception) as caught:
        _meet(case, w, dt.date(2025, 1, 20))
    assert_invalid(caught, code="wrong_status", field="case")
    assert not case.sessions.exists()


@pytest.mark.django_db
def test_drafts_are_versioned_and_frozen_after_adoption(case):
    first = services.draft_create(actor=None, case=case, prepared_on=D, text=DRAFT_TEXT)
    second = services.draft_create(
        actor=None, case=case, prepared_on=D, text=DRAFT_TEXT.replace("2500", "2700")
    )
    assert (first.version, second.version) == (1, 2)
    assert second.previous() == first
    with pytest.raises(Exception) as caught:
        services.draft_create(actor=None, case=case, prepared_on=D, text="没有条款的文字")
    assert_invalid(caught, code="no_clauses", field="text")
    services.case_vote(actor=None, bargainingcase=case, total=30, present=20, yes=16)
    with pytest.raises(Exception) as caught:
        services.draft_create(actor=None, case=case, prepared_on=D, text=DRAFT_TEXT)
    assert_invalid(caught, code="wrong_status", field="case")


@pytest.mark.django_db
def test_pages_and_api(case, client_as, api_as):
    w, e = chief_of(case, W), chief_of(case, E)
    _meet(case, w, dt.date(2025, 1, 20))
    services.draft_create(actor=None, case=case, prepared_on=D, text=DRAFT_TEXT)
    draft = services.draft_create(
        actor=None,
        case=case,
        prepared_on=D,
        text=DRAFT_TEXT.replace("2500", "2700") + "\n第四条【培训】每年培训16学时。",
    )
    client = client_as("yannan_admin")
    page = client.get(f"/bargaining/cases/{case.pk}/").content.decode()
    assert 'data-testid="case-sessions"' in page and "孙记录" in page
    assert 'data-testid="case-next-chair"' in page and "企业方" in page
    detail = client.get(f"/bargaining/drafts/{draft.pk}/").content.decode()
    assert "<del>5</del><ins>7</ins>" in detail
    assert 'data-kind="added"' in detail and 'data-kind="changed"' in detail
    form = client.get(f"/bargaining/sessions/add/?case={case.pk}")
    assert form.status_code == 200
    assert form.context["form"].initial["chair"] == e.pk  # the other side chairs next
    posted = client.post(
        "/bargaining/sessions/add/",
        {
            "case": case.pk,
            "held_on": "2025-02-01",
            "place": "会议室",
            "chair": w.pk,
            "recorder": "孙记录",
        },
    )
    assert posted.status_code == 200 and "轮流" in posted.content.decode()
    api = api_as("yannan_admin")
    body = api.get("/api/v1/bargaining/drafts/", {"case": case.pk}).json()
    assert body["count"] == 2
    latest = next(d for d in body["results"] if d["version"] == 2)
    assert [c["kind"] for c in latest["changes_from_previous"]] == [
        "unchanged",
        "unchanged",
        "changed",
        "unchanged",
        "added",
    ]
    assert api.get("/api/v1/bargaining/sessions/", {"case": case.pk}).json()["count"] == 1
    assert client_as("sheyang_admin").get(f"/bargaining/drafts/{draft.pk}/").status_code == 404
