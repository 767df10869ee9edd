"""The generated URLs keep the org module's paths and names (contract.md)."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

PAGES = [
    ("org:orgunit_list", [], "/org/units/"),
    ("org:orgunit_add", [], "/org/units/add/"),
    ("org:orgunit", [3], "/org/units/3/"),
    ("org:orgunit_edit", [3], "/org/units/3/edit/"),
    ("org:orgunit_delete", [3], "/org/units/3/delete/"),
    ("org:region_list", [], "/org/regions/"),
    ("org:region", [3], "/org/regions/3/"),
    ("org-region-list", [], "/api/v1/org/regions/"),
    ("org-region-detail", [3], "/api/v1/org/regions/3/"),
    ("org-orgunit-list", [], "/api/v1/org/units/"),
    ("org-orgunit-detail", [3], "/api/v1/org/units/3/"),
]


@pytest.mark.parametrize(("name", "args", "path"), PAGES)
def test_url_names_and_paths_are_unchanged(name, args, path):
    assert reverse(name, args=args) == path
    assert resolve(path).url_name == name.split(":")[-1]
