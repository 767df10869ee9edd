"""The generated URLs keep every path and name the hand-written ``urls.py`` had (and the API
its paths), so links, bookmarks and devices keep working."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

PAGES = [
    ("points:programme_list", [], "/points/"),
    ("points:mobile", [], "/points/m/"),
    ("points:rollup", [], "/points/statistics/"),
    ("points:programme_add", [], "/points/programmes/add/"),
    ("points:programme", [7], "/points/programmes/7/"),
    ("points:programme_edit", [7], "/points/programmes/7/edit/"),
    ("points:rulesversion_add", [7], "/points/programmes/7/rules/"),
    ("points:award_batch", [7], "/points/programmes/7/award/"),
    ("points:pointitem_list", [], "/points/items/"),
    ("points:pointitem_add", [], "/points/items/add/"),
    ("points:pointitem", [7], "/points/items/7/"),
    ("points:pointitem_edit", [7], "/points/items/7/edit/"),
    ("points:reward_list", [], "/points/rewards/"),
    ("points:reward_add", [], "/points/rewards/add/"),
    ("points:reward", [7], "/points/rewards/7/"),
    ("points:reward_edit", [7], "/points/rewards/7/edit/"),
    ("points:pointsaccount_list", [], "/points/accounts/"),
    ("points:pointsaccount_add", [], "/points/accounts/add/"),
    ("points:pointsaccount", [7], "/points/accounts/7/"),
    ("points:pointsaccount_edit", [7], "/points/accounts/7/edit/"),
    ("points:department_list", [], "/points/departments/"),
    ("points:department_add", [], "/points/departments/add/"),
    ("points:department", [7], "/points/departments/7/"),
    ("points:department_edit", [7], "/points/departments/7/edit/"),
    ("points:ledgerentry_list", [], "/points/ledger/"),
    ("points:ledgerentry", [7], "/points/ledger/7/"),
    ("points:review_queue", [], "/points/review/"),
    ("points:submission_list", [], "/points/submissions/"),
    ("points:submission", [7], "/points/submissions/7/"),
    ("points:submission_evidence", [7], "/points/submissions/7/evidence/"),
    ("points:redemption_list", [], "/points/redemptions/"),
    ("points:redemption", [7], "/points/redemptions/7/"),
    ("points:suggestion_list", [], "/points/suggestions/"),
    ("points:suggestion", [7], "/points/suggestions/7/"),
    # added by the per-model registration: one action view per workflow step, exports
    ("points:pointsaccount_adjust", [7], "/points/accounts/7/adjust/"),
    ("points:ledgerentry_reverse", [7], "/points/ledger/7/reverse/"),
    ("points:submission_approve", [7], "/points/submissions/7/approve/"),
    ("points:submission_reject", [7], "/points/submissions/7/reject/"),
    ("points:submission_appeal", [7], "/points/submissions/7/appeal/"),
    ("points:submission_decide", [7], "/points/submissions/7/decide/"),
    ("points:redemption_fulfil", [7], "/points/redemptions/7/fulfil/"),
    ("points:redemption_cancel", [7], "/points/redemptions/7/cancel/"),
    ("points:suggestion_evaluate", [7], "/points/suggestions/7/evaluate/"),
    ("points:suggestion_decide", [7], "/points/suggestions/7/decide/"),
    ("points:suggestion_implement", [7], "/points/suggestions/7/implement/"),
]
EXPORTS = [
    ("points:programme_export", "/points/programmes/export.xlsx"),
    ("points:pointitem_export", "/points/items/export.xlsx"),
    ("points:reward_export", "/points/rewards/export.xlsx"),
    ("points:pointsaccount_export", "/points/accounts/export.xlsx"),
    ("points:department_export", "/points/departments/export.xlsx"),
    ("points:ledgerentry_export", "/points/ledger/export.xlsx"),
    ("points:submission_export", "/points/submissions/export.xlsx"),
    ("points:redemption_export", "/points/redemptions/export.xlsx"),
    ("points:suggestion_export", "/points/suggestions/export.xlsx"),
]
API = [
    ("points-account-list", [], "/api/v1/points/accounts/"),
    ("points-account-me", [], "/api/v1/points/accounts/me/"),
    ("points-reward-list", [], "/api/v1/points/rewards/"),
    ("points-redemption-list", [], "/api/v1/points/redemptions/"),
    ("points-redemption-cancel", [7], "/api/v1/points/redemptions/7/cancel/"),
    ("points-redemption-fulfil", [7], "/api/v1/points/redemptions/7/fulfil/"),
    ("points-submission-list", [], "/api/v1/points/submissions/"),
    ("points-submission-approve", [7], "/api/v1/points/submissions/7/approve/"),
    ("points-submission-reject", [7], "/api/v1/points/submissions/7/reject/"),
    ("points-submission-appeal", [7], "/api/v1/points/submissions/7/appeal/"),
    ("points-ledgerentry-list", [], "/api/v1/points/ledger/"),
    ("points-ledgerentry-detail", [7], "/api/v1/points/ledger/7/"),
    ("points-suggestion-list", [], "/api/v1/points/suggestions/"),
]


@pytest.mark.parametrize(("name", "args", "path"), PAGES + API, ids=lambda v: str(v))
def test_url_name_and_path_are_kept(name, args, path):
    assert reverse(name, args=args) == path
    assert resolve(path).url_name == name.split(":")[-1]


@pytest.mark.parametrize(("name", "path"), EXPORTS)
def test_every_list_has_its_excel_export(name, path):
    assert reverse(name, kwargs={"format": "xlsx"}) == path
