"""Each module's to-do provider: the right person gets the record, nobody outside the scope
does (a 射阳 admin sees no 响水 ticket), and the due dates follow the rules (domain.md §2.1,
the 15-day join-application limit, the ticket SLA)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from unionhub.core.todo.registry import TodoList, end_of_day

pytestmark = pytest.mark.django_db


def keys(user, kind: str, now=None) -> list[str]:
    return [i.key for i in TodoList(user, now=now, kinds=[kind])[:500]]


def item(user, kind: str, pk: int, now=None):
    found = [i for i in TodoList(user, now=now, kinds=[kind])[:500] if i.key == f"{kind}:{pk}"]
    return found[0] if found else None


# --- builders of one open record in a county (through the modules' services) ---------------


def submission(slug):
    from unionhub.points.tests.samples import submission_in

    return submission_in(slug)


def redemption(slug):
    from unionhub.points.tests.samples import redemption_in

    return redemption_in(slug)


def application(slug):
    from unionhub.members.tests.samples import application_in

    return application_in(slug)


def transfer(slug):
    from unionhub.members.tests.samples import transfer_in

    return transfer_in(slug)


def ticket(slug):
    from unionhub.stations.tests.samples import ticket_in

    return ticket_in(slug)


def offline_device(slug):
    from unionhub.stations.models import Device
    from unionhub.stations.tests.samples import device_in

    device = device_in(slug)
    Device.objects.filter(pk=device.pk).update(last_seen_at=timezone.now() - dt.timedelta(hours=2))
    return device


def overdue_union(slug):
    from unionhub.enterprises.tests.samples import union_in

    return union_in(slug)  # term 2020-03-01, 5 years: ended 2025-02-28


def delayed_union(slug):
    from unionhub.enterprises.models import EnterpriseUnion

    union = overdue_union(slug)
    EnterpriseUnion.objects.filter(pk=union.pk).update(
        delay_until=timezone.localdate() + dt.timedelta(days=10)
    )
    return union


def export_request(slug):
    from unionhub.core.tests.samples import exportrequest_in

    return exportrequest_in(slug)  # made by <slug>_admin


SCOPE_CASES = [
    # kind, builder, who must see it, who must not
    ("points.submission_review", submission, "xiangshui_admin", "sheyang_admin"),
    ("points.redemption_handover", redemption, "xiangshui_admin", "sheyang_admin"),
    ("members.joinapplication_review", application, "xiangshui_admin", "sheyang_admin"),
    ("members.transfer_confirm", transfer, "xiangshui_admin", "sheyang_admin"),
    ("stations.ticket_open", ticket, "xiangshui_admin", "sheyang_admin"),
    ("stations.device_offline", offline_device, "xiangshui_admin", "sheyang_admin"),
    ("enterprises.term_due", overdue_union, "xiangshui_admin", "sheyang_admin"),
    ("enterprises.delay_ending", delayed_union, "xiangshui_admin", "sheyang_admin"),
    ("core.exportrequest_approve", export_request, "city_admin", "sheyang_admin"),
]


@pytest.mark.parametrize(("kind", "build", "insider", "outsider"), SCOPE_CASES)
def test_provider_lists_the_record_for_its_scope_only(kind, build, insider, outsider, user_named):
    from unionhub.core.middleware import acting_as

    with acting_as(None):
        record = build("xiangshui")
    assert f"{kind}:{record.pk}" in keys(user_named(insider), kind)
    assert f"{kind}:{record.pk}" not in keys(user_named(outsider), kind)
    # The reverse: a 射阳 record never reaches the 响水 admin.
    with acting_as(None):
        other = build("sheyang")
    assert f"{kind}:{other.pk}" not in keys(user_named("xiangshui_admin"), kind)


@pytest.mark.parametrize(("kind", "build", "insider", "_outsider"), SCOPE_CASES)
def test_item_links_to_a_page_the_person_may_open(
    kind, build, insider, _outsider, client_as, user_named
):
    from unionhub.core.middleware import acting_as

    with acting_as(None):
        record = build("xiangshui")
    client = client_as(insider)
    found = item(user_named(insider), kind, record.pk)
    assert found is not None and found.due is not None
    assert client.get(found.url).status_code == 200


# --- points ---------------------------------------------------------------------------------


def test_reviewer_never_gets_their_own_submission(user_named):
    from unionhub.points import services
    from unionhub.points.models import PointsAccount
    from unionhub.points.tests.samples import account_in, item_in

    admin = user_named("xiangshui_admin")
    account = account_in("xiangshui")
    own_account = PointsAccount.objects.create(programme=account.programme, user=admin)
    own = services.submission_create(
        actor=admin, account=own_account, item=item_in("xiangshui"), description="自己的"
    )
    assert f"points.submission_review:{own.pk}" not in keys(admin, "points.submission_review")
    assert f"points.submission_review:{own.pk}" in keys(
        user_named("city_admin"), "points.submission_review"
    )


def test_appeal_goes_to_another_reviewer_than_the_one_who_rejected(user_named):
    from unionhub.points import services

    sub = submission("xiangshui")
    rejecter = user_named("xiangshui_admin")
    services.submission_reject(submission=sub, actor=rejecter, reason="照片不清楚")
    # Filed as the system: the sample employee holds no role (the appeal rules are the
    # points tests' business; here only who gets the review matters).
    appeal = services.appeal_create(submission=sub, reason="已补拍", actor=None)
    kind = "points.appeal_review"
    assert f"{kind}:{appeal.pk}" not in keys(rejecter, kind)
    assert f"{kind}:{appeal.pk}" in keys(user_named("city_admin"), kind)
    assert f"{kind}:{appeal.pk}" not in keys(sub.account.user, kind)  # the employee: no permission


def test_reviewed_submission_leaves_the_inbox(user_named):
    from unionhub.points import services

    sub = submission("xiangshui")
    admin = user_named("xiangshui_admin")
    services.submission_reject(submission=sub, actor=admin, reason="重复申报")
    assert f"points.submission_review:{sub.pk}" not in keys(admin, "points.submission_review")


# --- members --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_after_submission", "overdue"),
    [(14, False), (15, False), (16, True)],  # 1 May → due 16 May (submission day not counted)
)
def test_join_application_is_due_fifteen_days_after_submission(
    days_after_submission, overdue, user_named
):
    from unionhub.members.models import JoinApplication

    app = application("xiangshui")
    submitted = timezone.make_aware(dt.datetime(2026, 5, 1, 9, 30))
    JoinApplication.objects.filter(pk=app.pk).update(created_at=submitted)
    now = timezone.make_aware(dt.datetime(2026, 5, 1 + days_after_submission, 10, 0))
    found = item(user_named("xiangshui_admin"), "members.joinapplication_review", app.pk, now)
    assert found.due == end_of_day(dt.date(2026, 5, 16))
    assert found.overdue is overdue
    assert app.name not in found.title and app.code in found.title  # the name is masked


def test_transfer_waits_until_each_side_in_scope_confirmed(user_named):
    from unionhub.members import services

    t = transfer("xiangshui")
    admin = user_named("xiangshui_admin")  # covers both unions of this transfer
    kind = "members.transfer_confirm"
    assert f"{kind}:{t.pk}" in keys(admin, kind)
    services.membertransfer_confirm(transfer=t, actor=admin)  # the old union's side
    assert f"{kind}:{t.pk}" in keys(admin, kind)  # the new union's side still waits
    services.membertransfer_confirm(transfer=t, actor=admin)
    t.refresh_from_db()
    assert t.status == "completed"
    assert f"{kind}:{t.pk}" not in keys(admin, kind)


# --- stations -------------------------------------------------------------------------------


def test_ticket_runs_against_acknowledge_then_resolve_deadline(user_named):
    from unionhub.stations import services

    t = ticket("xiangshui")
    admin = user_named("xiangshui_admin")
    kind = "stations.ticket_open"
    found = item(admin, kind, t.pk)
    assert found.due == t.acknowledge_due
    assert "SLA" in found.detail or "时限" in found.detail
    services.ticket_acknowledge(ticket=t, actor=admin)
    t.refresh_from_db()
    assert item(admin, kind, t.pk).due == t.resolve_due
    # Past the resolve deadline the item is overdue.
    late = t.resolve_due + dt.timedelta(minutes=1)
    assert item(admin, kind, t.pk, now=late).overdue is True
    services.ticket_resolve(ticket=t, actor=admin)
    assert item(admin, kind, t.pk) is None


@pytest.mark.parametrize(("silent_minutes", "listed"), [(9, False), (10, True), (60, True)])
def test_device_offline_after_ten_minutes_of_silence(silent_minutes, listed, user_named):
    from unionhub.stations.models import Device
    from unionhub.stations.tests.samples import device_in

    device = device_in("xiangshui")
    Device.objects.filter(pk=device.pk).update(
        last_seen_at=timezone.now()
        - dt.timedelta(minutes=silent_minutes, seconds=1 if listed else 0)
    )
    found = item(user_named("xiangshui_admin"), "stations.device_offline", device.pk)
    assert (found is not None) is listed
    if found:
        assert found.overdue


# --- enterprises ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term_end_in_days", "listed", "overdue"),
    [(91, False, False), (90, True, False), (0, True, False), (-1, True, True)],
)
def test_union_term_window_of_ninety_days(term_end_in_days, listed, overdue, user_named):
    from unionhub.enterprises.models import EnterpriseUnion

    union = overdue_union("xiangshui")
    end = timezone.localdate() + dt.timedelta(days=term_end_in_days)
    EnterpriseUnion.objects.filter(pk=union.pk).update(term_end=end, delay_until=None)
    found = item(user_named("xiangshui_admin"), "enterprises.term_due", union.pk)
    assert (found is not None) is listed
    if found:
        assert found.due == end_of_day(end) and found.overdue is overdue


@pytest.mark.parametrize(
    ("delay_in_days", "kind_listed"),
    [
        (31, None),  # delay in force, not ending yet: no to-do
        (30, "enterprises.delay_ending"),
        (0, "enterprises.delay_ending"),
        (-1, "enterprises.term_due"),  # delay over: overdue again
    ],
)
def test_delay_ending_window(delay_in_days, kind_listed, user_named):
    from unionhub.enterprises.models import EnterpriseUnion

    union = overdue_union("xiangshui")
    until = timezone.localdate() + dt.timedelta(days=delay_in_days)
    EnterpriseUnion.objects.filter(pk=union.pk).update(delay_until=until)
    admin = user_named("xiangshui_admin")
    for kind in ("enterprises.delay_ending", "enterprises.term_due"):
        found = item(admin, kind, union.pk)
        assert (found is not None) is (kind == kind_listed), kind
        if found:
            assert found.due == end_of_day(until)


# --- core -----------------------------------------------------------------------------------


def test_nobody_approves_their_own_export_request(user_named):
    req = export_request("xiangshui")
    kind = "core.exportrequest_approve"
    assert f"{kind}:{req.pk}" not in keys(user_named("xiangshui_admin"), kind)
    assert f"{kind}:{req.pk}" in keys(user_named("city_admin"), kind)


def test_previewed_import_waits_for_its_uploader_only(user_named):
    from unionhub.core.models import ImportJob
    from unionhub.org.demo import county_union

    admin = user_named("xiangshui_admin")
    base = dict(
        kind="enterprises",
        stored_name="x.xlsx",
        status="done",
        created_by=admin,
        org_path=county_union("xiangshui").path,
        finished_at=timezone.now(),
    )
    ready = ImportJob.objects.create(
        file_name="ok.xlsx", result={"to_create": 3, "to_update": 0, "rejected": 1}, **base
    )
    nothing = ImportJob.objects.create(
        file_name="bad.xlsx", result={"to_create": 0, "to_update": 0, "rejected": 5}, **base
    )
    committed = ImportJob.objects.create(
        file_name="done.xlsx", commit=True, result={"to_create": 3, "to_update": 0}, **base
    )
    kind = "core.import_commit"
    mine = keys(admin, kind)
    assert f"{kind}:{ready.pk}" in mine
    assert f"{kind}:{nothing.pk}" not in mine and f"{kind}:{committed.pk}" not in mine
    assert f"{kind}:{ready.pk}" not in keys(user_named("city_admin"), kind)
