"""The generated URLs keep every path and name the module had when it listed them by hand
(contract.md): pages under /enterprises/, the API under /api/v1/."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

PAGES = [
    ("enterprises:enterprise_list", [], "/enterprises/"),
    ("enterprises:enterprise_add", [], "/enterprises/add/"),
    ("enterprises:enterprise_export", ["xlsx"], "/enterprises/export.xlsx"),
    ("enterprises:target_list", [], "/enterprises/targets/"),
    ("enterprises:overview", [], "/enterprises/overview/"),
    ("enterprises:enterprise", [7], "/enterprises/7/"),
    ("enterprises:enterprise_edit", [7], "/enterprises/7/edit/"),
    ("enterprises:enterprise_delete", [7], "/enterprises/7/delete/"),
    ("enterprises:enterpriseunion_list", [], "/enterprises/unions/"),
    ("enterprises:enterpriseunion_add", [], "/enterprises/unions/add/"),
    ("enterprises:enterpriseunion", [7], "/enterprises/unions/7/"),
    ("enterprises:enterpriseunion_edit", [7], "/enterprises/unions/7/edit/"),
    ("enterprises:enterpriseunion_delete", [7], "/enterprises/unions/7/delete/"),
    ("enterprises:enterpriseunion_reelect", [7], "/enterprises/unions/7/reelect/"),
    ("enterprises:enterpriseunion_delay", [7], "/enterprises/unions/7/delay/"),
    ("enterprises:campaign_list", [], "/enterprises/campaigns/"),
    ("enterprises:campaign_add", [], "/enterprises/campaigns/add/"),
    ("enterprises:campaign", [7], "/enterprises/campaigns/7/"),
    ("enterprises:campaign_edit", [7], "/enterprises/campaigns/7/edit/"),
    ("enterprises:campaign_delete", [7], "/enterprises/campaigns/7/delete/"),
    ("enterprises:campaign_targets", [7], "/enterprises/campaigns/7/targets/"),
    ("enterprises:contactlog_list", [], "/enterprises/contacts/"),
    ("enterprises:contactlog_add", [], "/enterprises/contacts/add/"),
    ("enterprises:contactlog", [7], "/enterprises/contacts/7/"),
    ("enterprises:contactlog_edit", [7], "/enterprises/contacts/7/edit/"),
    ("enterprises:contactlog_delete", [7], "/enterprises/contacts/7/delete/"),
    ("enterprise-list", [], "/api/v1/enterprises/"),
    ("enterprise-detail", [7], "/api/v1/enterprises/7/"),
    ("enterpriseunion-list", [], "/api/v1/enterprise-unions/"),
    ("enterpriseunion-detail", [7], "/api/v1/enterprise-unions/7/"),
    ("termdelay-list", [], "/api/v1/enterprise-union-delays/"),
    ("termdelay-detail", [7], "/api/v1/enterprise-union-delays/7/"),
    ("campaign-list", [], "/api/v1/enterprise-campaigns/"),
    ("campaign-detail", [7], "/api/v1/enterprise-campaigns/7/"),
    ("contactlog-list", [], "/api/v1/enterprise-contacts/"),
    ("contactlog-detail", [7], "/api/v1/enterprise-contacts/7/"),
]


@pytest.mark.parametrize(("name", "args", "path"), PAGES)
def test_url_names_and_paths_are_unchanged(name, args, path):
    assert reverse(name, args=args) == path
    assert resolve(path).url_name == name.split(":")[-1]
