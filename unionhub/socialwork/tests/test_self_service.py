"""Self-service (#17): a social worker with an account sees “我的成长档案” and submits their
own monthly work record — the same month rules as staff entries (a future month or a month
twice refused with a clear Chinese reason) — it is in their to-do while due, and the
county reviews it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from unionhub.accounts.demo import ensure_user
from unionhub.core.middleware import acting_as
from unionhub.core.testing.assertions import assert_invalid
from unionhub.socialwork import services
from unionhub.socialwork.models import MonthlyRecord, first_of_month
from unionhub.socialwork.selectors import add_months, previous_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(make_worker):
    worker = make_worker(name="自助社工")
    user = ensure_user("tinghu_sw_self", "自助社工", worker.union, ["worker"])
    with acting_as(None):
        services.socialworker_update(actor=None, socialworker=worker, user=user)
    return worker, user


def _post(client, month, summary="走访困难职工"):
    return client.post(
        "/socialwork/mine/",
        {"month": f"{month:%Y-%m}", "summary": summary, "cases": 2, "visits": 3, "hours": "20"},
    )


def test_the_worker_submits_their_own_record_and_sees_it_pending(own, client, today):
    worker, user = own
    client.force_login(user)
    page = client.get("/socialwork/mine/")
    assert page.status_code == 200
    assert "自助社工" in page.content.decode()
    assert "我的成长档案" in page.content.decode()  # menu and title
    month = previous_month(today)
    response = _post(client, month)
    assert response.status_code == 302
    record = MonthlyRecord.objects.get(worker=worker, month=month)
    assert record.self_submitted and record.reviewed_at is None
    assert record.created_by == user
    assert 'data-testid="pending"' in client.get("/socialwork/mine/").content.decode()


@pytest.mark.parametrize(("months_ahead", "reason"), [(1, "尚未开始"), (0, None), (-1, None)])
def test_future_month_refused_current_and_past_accepted(own, client, today, months_ahead, reason):
    worker, user = own
    client.force_login(user)
    month = add_months(first_of_month(today), months_ahead)
    response = _post(client, month)
    if reason is None:
        assert response.status_code == 302
        assert MonthlyRecord.objects.filter(worker=worker, month=month).exists()
    else:
        assert response.status_code == 400
        assert reason in response.content.decode()
        assert not MonthlyRecord.objects.filter(worker=worker).exists()


def test_a_month_twice_is_refused_with_its_reason(own, client, today):
    worker, user = own
    client.force_login(user)
    month = previous_month(today)
    assert _post(client, month).status_code == 302
    response = _post(client, month, summary="又一次")
    assert response.status_code == 400
    assert "同一月份不能重复填写" in response.content.decode()
    assert MonthlyRecord.objects.filter(worker=worker).count() == 1
    with pytest.raises(ValidationError) as caught:
        services.monthlyrecord_submit_own(actor=user, month=month, summary="x")
    assert_invalid(caught, code="duplicate_month", field="month")


def test_an_account_without_an_archive_is_told_so(demo, client, user_named, today):
    user = user_named("tinghu_admin")
    client.force_login(user)
    assert 'data-testid="no-archive"' in client.get("/socialwork/mine/").content.decode()
    with pytest.raises(ValidationError) as caught:
        services.monthlyrecord_submit_own(actor=user, month=previous_month(today), summary="x")
    assert_invalid(caught, code="no_own_archive")


def test_the_record_is_in_the_workers_todo_until_submitted(own, client, today):
    from unionhub.core.todo.registry import todo_list

    worker, user = own
    kinds = lambda: [i.kind for i in todo_list(user=user)[:50]]  # noqa: E731
    assert "socialwork.own_monthly_record_due" in kinds()
    with acting_as(None):
        services.monthlyrecord_submit_own(actor=user, month=previous_month(today), summary="x")
    assert "socialwork.own_monthly_record_due" not in kinds()


def test_the_county_reviews_once_and_another_county_cannot(own, client_as, user_named, today):
    worker, user = own
    record = services.monthlyrecord_submit_own(actor=user, month=previous_month(today), summary="x")
    assert client_as("sheyang_admin").post(
        f"/socialwork/monthly-records/{record.pk}/review/", {"note": ""}
    ).status_code in (403, 404)
    client = client_as("tinghu_admin")
    review = f"/socialwork/monthly-records/{record.pk}/review/"
    detail = client.get(f"/socialwork/monthly-records/{record.pk}/").content.decode()
    assert f'href="{review}"' in detail  # the detail page offers the review
    response = client.post(review, {"note": "属实"})
    assert response.status_code == 302
    assert review not in client.get(f"/socialwork/monthly-records/{record.pk}/").content.decode()
    record.refresh_from_db()
    assert record.reviewed_by == user_named("tinghu_admin") and record.review_note == "属实"
    with pytest.raises(ValidationError) as caught:
        services.monthlyrecord_review(actor=user_named("tinghu_admin"), monthlyrecord=record)
    assert_invalid(caught, code="already_reviewed")
