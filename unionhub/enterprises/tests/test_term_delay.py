"""Approved delays of re-election (延期换届, domain.md §2 / §2.1): at most six months past the
term end, approved by a union above, and what they change — the term state, the enterprise's
union status and the campaign targets; a re-election ends them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from unionhub.core.testing.assertions import assert_invalid, form_error_codes
from unionhub.enterprises import dates, selectors, services
from unionhub.enterprises.models import Enterprise, TermDelay
from unionhub.enterprises.tests.factories import make_enterprise, make_union

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_union(demo):
    """A 建湖 union whose 3-year term ended 20 days ago."""
    today = timezone.localdate()
    end = today - dt.timedelta(days=20)
    start = dates.add_years(end + dt.timedelta(days=1), -3)
    ent = make_enterprise(county="320925", employees=40)
    union = make_union([ent], founded_on=start, term_start=start, term_years=3)
    assert union.term_end == end
    return union


def approve(union, *, until, approver=None, on=None, reason="换届筹备中，主席病休"):
    return services.union_delay_approve(
        actor=None,
        union=union,
        delay_until=until,
        approved_by=approver or selectors.delay_approvers(union).first(),
        approved_on=on or timezone.localdate(),
        reason=reason,
        document_no="建工〔2026〕12号",
    )


def _months(union, n):
    return dates.add_months(union.term_end, n)


@pytest.mark.parametrize(
    ("until", "code"),
    [
        (lambda u: u.term_end, "not_after_term_end"),  # must end after the term
        (lambda u: u.term_end + dt.timedelta(days=1), None),
        (lambda u: _months(u, 6), None),  # exactly six months: allowed
        (lambda u: _months(u, 6) + dt.timedelta(days=1), "delay_too_long"),  # more: refused
    ],
)
def test_delay_length_boundaries(overdue_union, until, code):
    if code is None:
        approve(overdue_union, until=until(overdue_union))
        assert TermDelay.objects.count() == 1
    else:
        with pytest.raises(ValidationError) as exc:
            approve(overdue_union, until=until(overdue_union))
        assert_invalid(exc, field="delay_until", code=code)
        assert TermDelay.objects.count() == 0


def test_refusals_name_each_field(overdue_union):
    own_unit = overdue_union.org_unit
    with pytest.raises(ValidationError) as exc:
        approve(
            overdue_union,
            until=_months(overdue_union, 7),
            approver=own_unit,  # a union cannot approve its own delay
            on=timezone.localdate() + dt.timedelta(days=1),
            reason=" ",
        )
    assert_invalid(exc, field="delay_until", code="delay_too_long")
    assert_invalid(exc, field="approved_by", code="not_a_higher_union")
    assert_invalid(exc, field="approved_on", code="future_date")
    assert_invalid(exc, field="reason", code="required")
    assert TermDelay.objects.count() == 0


def test_delay_outside_the_actor_scope_is_refused(overdue_union, user_named):
    with pytest.raises(ValidationError) as exc:
        services.union_delay_approve(
            actor=user_named("sheyang_admin"),
            union=overdue_union,
            delay_until=_months(overdue_union, 2),
            approved_by=selectors.delay_approvers(overdue_union).first(),
            approved_on=timezone.localdate(),
            reason="跨县登记",
        )
    assert_invalid(exc, field="union", code="out_of_scope")
    assert TermDelay.objects.count() == 0


def test_delay_makes_the_union_and_enterprise_current_again(overdue_union):
    ent = overdue_union.enterprises.get()
    ent.refresh_from_db()
    assert overdue_union.term_state() == "overdue" and ent.union_status == "term_overdue"
    approve(overdue_union, until=_months(overdue_union, 3))
    overdue_union.refresh_from_db()
    ent.refresh_from_db()
    assert overdue_union.term_state() == "delay_approved"
    assert ent.union_status == "built"
    # the nightly refresh agrees once the delay has run out
    after = overdue_union.delay_until + dt.timedelta(days=1)
    services.enterprises_refresh(
        actor=None, queryset=Enterprise.objects.filter(pk=ent.pk), today=after
    )
    ent.refresh_from_db()
    assert ent.union_status == "term_overdue"


def test_reelection_ends_the_delay(overdue_union):
    approve(overdue_union, until=_months(overdue_union, 2))
    overdue_union.refresh_from_db()
    services.union_reelect(
        actor=None,
        union=overdue_union,
        elected_on=timezone.localdate(),
        term_years=5,
        chair_name="王芳",
        member_count=41,
    )
    overdue_union.refresh_from_db()
    assert overdue_union.delay_until is None and overdue_union.term_state() == "normal"
    assert overdue_union.delays.count() == 1  # the history stays


def test_delay_page_records_and_lists_the_delay(overdue_union, client_as):
    client = client_as("jianhu_admin")
    url = reverse("enterprises:enterpriseunion_delay", args=[overdue_union.pk])
    form = client.get(url)
    assert form.status_code == 200
    approvers = list(form.context["form"].fields["approved_by"].queryset)
    assert overdue_union.org_unit not in approvers and approvers  # only unions above
    bad = client.post(
        url,
        {
            "delay_until": f"{_months(overdue_union, 8):%Y-%m-%d}",
            "approved_by": approvers[0].pk,
            "approved_on": f"{timezone.localdate():%Y-%m-%d}",
            "reason": "筹备换届",
        },
    )
    assert bad.status_code == 400  # the action form again, field by field
    assert form_error_codes(bad.context["form"]) == {"delay_until": ["delay_too_long"]}
    good = client.post(
        url,
        {
            "delay_until": f"{_months(overdue_union, 4):%Y-%m-%d}",
            "approved_by": approvers[0].pk,
            "approved_on": f"{timezone.localdate():%Y-%m-%d}",
            "document_no": "建工〔2026〕12号",
            "reason": "筹备换届",
        },
    )
    assert good.status_code == 302
    detail = client.get(reverse("enterprises:enterpriseunion", args=[overdue_union.pk]))
    body = detail.content.decode()
    assert "建工〔2026〕12号" in body and "已批准延期换届" in body


def test_other_county_cannot_reach_the_delay_page(overdue_union, client_as):
    url = reverse("enterprises:enterpriseunion_delay", args=[overdue_union.pk])
    assert client_as("xiangshui_admin").get(url).status_code == 404
