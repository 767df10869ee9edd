"""Claims and review: range, cap per person per period, own-approval, appeals, batch awards."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.points import services
from unionhub.points.choices import AppealStatus, CapPeriod, SubmissionStatus
from unionhub.points.models import Appeal, LedgerEntry, PointItem
from unionhub.points.tests.conftest import at, evidence

pytestmark = pytest.mark.django_db


def _claim(world, code="safety_snapshot", when=None, account=None):
    return services.submission_create(
        photo=evidence(),
        account=account or world.account,
        item=world.items[code],
        description="通道堆放物料",
        occurred_at=when,
        actor=(account or world.account).user,
    )


@pytest.mark.parametrize(
    ("points", "ok"), [(1, False), (2, True), (5, True), (6, False), (0, False)]
)
def test_points_must_be_inside_the_items_range(world, points, ok):
    sub = _claim(world)  # 安全随手拍: 2–5
    if ok:
        services.submission_approve(submission=sub, points=points, actor=world.chair)
        world.account.refresh_from_db()
        assert world.account.balance == points
    else:
        with pytest.raises(ValidationError) as exc:
            services.submission_approve(submission=sub, points=points, actor=world.chair)
        assert_invalid(exc, field="points", code="out_of_range")
        sub.refresh_from_db()
        world.account.refresh_from_db()
        assert sub.status == SubmissionStatus.PENDING and world.account.balance == 0
        assert not LedgerEntry.objects.filter(account=world.account).exists()


def test_fixed_item_takes_its_points_without_input(world):
    sub = _claim(world, "safety_activity")  # fixed 5
    services.submission_approve(submission=sub, points=None, actor=world.chair)
    sub.refresh_from_db()
    assert sub.points == 5


@pytest.mark.parametrize(
    ("period", "first", "second", "refused"),
    [
        (CapPeriod.MONTH, at(2026, 3, 31, 23), at(2026, 3, 1, 1), True),
        (CapPeriod.MONTH, at(2026, 3, 31, 23), at(2026, 4, 1, 0), False),
        (CapPeriod.WEEK, at(2026, 3, 2), at(2026, 3, 8, 23), True),  # Mon .. Sun same week
        (CapPeriod.WEEK, at(2026, 3, 8, 23), at(2026, 3, 9, 0), False),  # Sun → next Mon
        (CapPeriod.YEAR, at(2026, 1, 1, 0), at(2026, 12, 31, 23), True),
        (CapPeriod.YEAR, at(2026, 12, 31, 23), at(2027, 1, 1, 0), False),
    ],
)
def test_cap_per_person_per_period(world, period, first, second, refused):
    PointItem.objects.filter(pk=world.items["safety_snapshot"].pk).update(
        cap_count=1, cap_period=period
    )
    world.items["safety_snapshot"].refresh_from_db()
    services.submission_approve(submission=_claim(world, when=first), points=3, actor=world.chair)
    sub = _claim(world, when=second)
    if refused:
        with pytest.raises(ValidationError) as exc:
            services.submission_approve(submission=sub, points=3, actor=world.chair)
        assert_invalid(exc, field="points", code="cap_exceeded")
        sub.refresh_from_db()
        assert sub.status == SubmissionStatus.PENDING
    else:
        services.submission_approve(submission=sub, points=3, actor=world.chair)
        sub.refresh_from_db()
        assert sub.status == SubmissionStatus.APPROVED
    world.account.refresh_from_db()
    assert world.account.balance == (3 if refused else 6)


def test_cap_counts_only_unreversed_awards(world):
    PointItem.objects.filter(pk=world.items["safety_snapshot"].pk).update(cap_count=1)
    first = services.submission_approve(submission=_claim(world), points=3, actor=world.chair)
    # The cap is reached: a second claim in the month is refused …
    with pytest.raises(ValidationError) as exc:
        services.submission_approve(submission=_claim(world), points=3, actor=world.chair)
    assert_invalid(exc, field="points", code="cap_exceeded")
    # … until the first award is reversed: a reversed award no longer counts.
    entry = LedgerEntry.objects.get(ref_id=first.pk, kind="award")
    services.entry_reverse(entry=entry, reason="重复申报", actor=world.chair)
    second = services.submission_approve(submission=_claim(world), points=4, actor=world.chair)
    assert second.status == SubmissionStatus.APPROVED and second.points == 4
    world.account.refresh_from_db()
    assert world.account.balance == 4  # 3 awarded, 3 reversed, 4 awarded
    awards = LedgerEntry.objects.filter(account=world.account, kind="award")
    assert awards.count() == 2 and awards.filter(reversed_by__isnull=True).count() == 1


def test_approving_ones_own_submission_is_refused(world):
    sub = _claim(world, account=world.chair_account)
    with pytest.raises(ValidationError) as exc:
        services.submission_approve(submission=sub, points=3, actor=world.chair)
    assert_invalid(exc, field="reviewer", code="own_submission")
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.PENDING


def test_reject_needs_a_reason_and_review_happens_once(world):
    sub = _claim(world)
    with pytest.raises(ValidationError) as exc:
        services.submission_reject(submission=sub, actor=world.chair, reason=" ")
    assert_invalid(exc, field="review_note", code="reason_required")
    services.submission_reject(submission=sub, actor=world.chair, reason="照片不清晰")
    with pytest.raises(ValidationError) as exc:
        services.submission_approve(submission=sub, points=3, actor=world.vice)
    assert_invalid(exc, field="status", code="already_reviewed")
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.REJECTED and sub.reviewed_by == world.chair


def test_one_appeal_per_rejection_decided_by_another_reviewer(world):
    sub = _claim(world)
    services.submission_reject(submission=sub, actor=world.chair, reason="照片不清晰")
    appeal = services.appeal_create(submission=sub, reason="已补充照片", actor=world.worker)
    with pytest.raises(ValidationError) as exc:
        services.appeal_create(submission=sub, reason="再申诉", actor=world.worker)
    assert_invalid(exc, field="submission", code="already_appealed")
    with pytest.raises(ValidationError) as exc:
        services.appeal_decide(appeal=appeal, uphold=True, actor=world.chair, points=4)
    assert_invalid(exc, field="decided_by", code="same_reviewer")
    services.appeal_decide(appeal=appeal, uphold=True, actor=world.vice, points=4)
    appeal.refresh_from_db()
    sub.refresh_from_db()
    world.account.refresh_from_db()
    assert appeal.status == AppealStatus.UPHELD and sub.status == SubmissionStatus.APPROVED
    assert world.account.balance == 4


def test_only_rejected_submissions_can_be_appealed(world):
    with pytest.raises(ValidationError) as exc:
        services.appeal_create(submission=_claim(world), reason="?", actor=world.worker)
    assert_invalid(exc, field="submission", code="not_rejected")
    assert not Appeal.objects.exists()


def test_only_the_employee_appeals_their_rejection(world):
    sub = _claim(world)
    services.submission_reject(submission=sub, actor=world.chair, reason="照片不清晰")
    with pytest.raises(PermissionDenied):
        services.appeal_create(submission=sub, reason="代为申诉", actor=world.chair)
    assert not Appeal.objects.exists()


def test_batch_award_from_a_pasted_list(world):
    item = world.items["culture_sports"]
    text = "pts_worker，T002\n pts_worker"
    entries = services.award_batch(
        programme=world.programme,
        item=item,
        participants=services.parse_participants(text),
        points=5,
        actor=world.chair,
        activity="篮球赛",
    )
    assert len(entries) == 2
    # the same activity again is idempotent per person
    again = services.award_batch(
        programme=world.programme,
        item=item,
        participants=["pts_worker"],
        points=5,
        actor=world.chair,
        activity="篮球赛",
        occurred_at=entries[0].occurred_at,
    )
    assert again[0].pk == entries[0].pk


def test_batch_award_with_an_unknown_name_changes_nothing(world):
    with pytest.raises(ValidationError) as exc:
        services.award_batch(
            programme=world.programme,
            item=world.items["culture_sports"],
            participants=["pts_worker", "nobody"],
            points=5,
            actor=world.chair,
            activity="篮球赛",
        )
    assert_invalid(exc, field="participants", code="unknown_participant")
    assert not LedgerEntry.objects.filter(account__programme=world.programme).exists()


def test_batch_award_outside_range_changes_nothing(world):
    with pytest.raises(ValidationError) as exc:
        services.award_batch(
            programme=world.programme,
            item=world.items["culture_sports"],
            participants=["pts_worker", "pts_other"],
            points=11,
            actor=world.chair,
            activity="篮球赛",
        )
    assert_invalid(exc, field="participants", code="out_of_range")
    assert len(exc.value.error_dict["participants"]) == 2  # one reason per person
    assert not LedgerEntry.objects.filter(account__programme=world.programme).exists()
