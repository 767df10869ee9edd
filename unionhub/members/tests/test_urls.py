"""The generated URLs (registered views, module pages, API routes) keep every path and name
the hand-written ``urls.py`` files had (contract.md)."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

ROUTES = [
    # members (pages)
    ("members:member_list", [], "/members/"),
    ("members:member_add", [], "/members/add/"),
    ("members:member", [7], "/members/7/"),
    ("members:member_edit", [7], "/members/7/edit/"),
    ("members:member_delete", [7], "/members/7/delete/"),
    ("members:member_reveal", [7], "/members/7/reveal/"),
    ("members:member_code", [7], "/members/7/code.svg"),
    ("members:member_export", ["xlsx"], "/members/export.xlsx"),
    ("members:dashboard", [], "/members/dashboard/"),
    ("members:joinapplication_list", [], "/members/applications/"),
    ("members:joinapplication", [7], "/members/applications/7/"),
    ("members:joinapplication_approve", [7], "/members/applications/7/approve/"),
    ("members:joinapplication_reject", [7], "/members/applications/7/reject/"),
    ("members:membertransfer_list", [], "/members/transfers/"),
    ("members:membertransfer_add", [], "/members/transfers/add/"),
    ("members:membertransfer", [7], "/members/transfers/7/"),
    ("members:membertransfer_confirm", [7], "/members/transfers/7/confirm/"),
    ("members:membertransfer_reject", [7], "/members/transfers/7/reject/"),
    ("members:join", [], "/members/join/"),
    ("members:join_status", [], "/members/join/status/"),
    ("members:join_employers", [], "/members/join/employers/"),
    # members (API)
    ("member-list", [], "/api/v1/members/"),
    ("member-detail", [7], "/api/v1/members/7/"),
    ("member-verify-code", [], "/api/v1/members/verify-code/"),
    ("member-joinapplication-list", [], "/api/v1/members/applications/"),
    ("member-joinapplication-detail", [7], "/api/v1/members/applications/7/"),
    ("member-joinapplication-approve", [7], "/api/v1/members/applications/7/approve/"),
    ("member-joinapplication-reject", [7], "/api/v1/members/applications/7/reject/"),
    ("member-joinapplication-lookup-status", [], "/api/v1/members/applications/status/"),
    # accounts
    ("accounts:login", [], "/accounts/login/"),
    ("accounts:logout", [], "/accounts/logout/"),
    ("accounts:password_change", [], "/accounts/password/"),
    ("accounts:user_list", [], "/accounts/users/"),
    ("accounts:user_add", [], "/accounts/users/add/"),
    ("accounts:user", [7], "/accounts/users/7/"),
    ("accounts:user_edit", [7], "/accounts/users/7/edit/"),
    ("accounts:role_list", [], "/accounts/roles/"),
    ("accounts:role_add", [], "/accounts/roles/add/"),
    ("accounts:role", [7], "/accounts/roles/7/"),
    ("accounts:role_edit", [7], "/accounts/roles/7/edit/"),
    ("api-token", [], "/api/v1/auth/token/"),
]


@pytest.mark.parametrize("name, args, expected", ROUTES, ids=[r[0] for r in ROUTES])
def test_paths_and_names_are_kept(name, args, expected):
    path = reverse(name, args=args)
    assert path.endswith(expected), path
    assert resolve(path).view_name == name


def test_the_applications_route_is_not_taken_by_a_member_detail():
    assert resolve("/api/v1/members/applications/").view_name == "member-joinapplication-list"
