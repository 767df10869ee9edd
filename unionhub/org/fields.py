"""The field lists of the two trees, declared once (form, serializer, detail page)."""

from __future__ import annotations

#: What a person sets on a union organisation (path and depth are the services').
ORGUNIT_FIELDS = ("name", "short_name", "code", "kind", "parent", "region", "is_active")
#: A region as the code tables describe it (loaded, never typed in).
REGION_FIELDS = ("name", "code", "level", "kind", "category", "parent", "statistical_parent_code")
#: Maintained by the services: the materialised path and its depth.
TREE_FIELDS = ("path", "depth")
