"""The clause library (条款库) drawn into drafts, and a renewed contract compared year on
year with the one it renews (wage standards with their increase, clauses changed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from unionhub.bargaining import selectors, services, standards
from unionhub.bargaining.tests.samples import DRAFT_TEXT, case_in, clause_in, meeting_case_in
from unionhub.core.testing.assertions import assert_invalid
from unionhub.enterprises.tests.samples import enterprise_in, union_in

pytestmark = pytest.mark.django_db
D = dt.date(2025, 2, 10)


def test_library_clauses_are_appended_numbered_after_the_last(db):
    case = meeting_case_in("yannan")
    clause = clause_in("yannan")
    draft = services.draft_create(
        actor=None, case=case, prepared_on=D, text=DRAFT_TEXT, library_clauses=[clause]
    )
    last = draft.clauses()[-1]
    assert (last.number, last.heading, last.body) == ("第4条", clause.title, "每年培训16学时。")
    with pytest.raises(Exception) as caught:
        services.draft_create(
            actor=None, case=case, prepared_on=D, text=draft.text, library_clauses=[clause]
        )
    assert_invalid(caught, code="clause_already_in_draft", field="library_clauses")
    # from an empty text: the library clause is the first clause
    other = services.draft_create(
        actor=None, case=case, prepared_on=D, text="", library_clauses=[clause]
    )
    assert [c.number for c in other.clauses()] == ["第1条"]


def test_another_countys_clause_is_refused(user_named):
    case = meeting_case_in("xiangshui")
    with pytest.raises(Exception) as caught:
        services.draft_create(
            actor=user_named("xiangshui_admin"),
            case=case,
            prepared_on=D,
            text=DRAFT_TEXT,
            library_clauses=[clause_in("sheyang")],
        )
    assert_invalid(caught, code="out_of_scope", field="library_clauses")


def _renewal(old, **over):
    data = dict(
        title="续订",
        tier="enterprise",
        union=old.union,
        enterprise=old.enterprise,
        requested_on=dt.date(2026, 11, 2),
        predecessor=old,
    )
    data.update(over)
    return services.case_create(actor=None, **data)


@pytest.mark.parametrize(
    "make_old, code",
    [
        (lambda: _signed(case_in("yannan")), None),
        (lambda: case_in("yannan"), "predecessor_mismatch"),  # not signed
        (lambda: _signed(case_in("xiangshui")), "predecessor_mismatch"),  # another enterprise
    ],
)
def test_renewal_follows_a_signed_contract_of_the_same_enterprise(db, make_old, code):
    old = make_old()
    base = case_in("yannan")
    over = {"union": union_in("yannan").org_unit, "enterprise": enterprise_in("yannan")}
    if code is None:
        assert _renewal(old, **over).predecessor == old
        return
    with pytest.raises(Exception) as caught:
        _renewal(old, **over)
    assert_invalid(caught, code=code, field="predecessor")
    assert base.pk


def _signed(case):
    from unionhub.bargaining.tests.samples import advance

    return advance(case, "signed")


def test_year_on_year_comparison(db, client_as):
    old = case_in("yannan")
    standards.wage_standard_create(
        actor=None, case=old, kind="monthly_floor", amount=Decimal("2500")
    )
    standards.wage_standard_create(
        actor=None, case=old, kind="piece_rate", item="每单", amount=Decimal("5.00")
    )
    services.draft_create(actor=None, case=old, prepared_on=dt.date(2025, 1, 10), text=DRAFT_TEXT)
    old = _signed(old)
    new = _renewal(old)
    standards.wage_standard_create(
        actor=None, case=new, kind="monthly_floor", amount=Decimal("2700")
    )
    standards.wage_standard_create(
        actor=None, case=new, kind="hourly_floor", amount=Decimal("25.00")
    )
    services.draft_create(
        actor=None,
        case=new,
        prepared_on=dt.date(2026, 11, 10),
        text=DRAFT_TEXT.replace("2500", "2700") + "\n第四条【培训】每年培训16学时。",
    )
    found = selectors.year_on_year(new)
    rows = {r.label: r for r in found["standards"]}
    monthly = next(r for label, r in rows.items() if label.startswith("月"))
    assert (monthly.old, monthly.new, monthly.increase, monthly.percent) == (
        Decimal("2500.00"),
        Decimal("2700.00"),
        Decimal("200.00"),
        Decimal("8.0"),
    )
    piece = next(r for label, r in rows.items() if "每单" in label)
    assert piece.new is None and piece.increase is None
    assert found["counts"] == {"added": 1, "removed": 0, "changed": 1, "unchanged": 3}
    page = client_as("yannan_admin").get(f"/bargaining/cases/{new.pk}/comparison/")
    body = page.content.decode()
    assert page.status_code == 200 and "200.00（8.0%）" in body
    assert 'data-kind="added"' in body and "<del>5</del><ins>7</ins>" in body
    assert (
        'data-testid="case-yoy"'
        in client_as("yannan_admin").get(f"/bargaining/cases/{new.pk}/").content.decode()
    )
    assert (
        client_as("sheyang_admin").get(f"/bargaining/cases/{new.pk}/comparison/").status_code == 404
    )
