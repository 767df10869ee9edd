"""The region / union tree beside a list (the RuoYi habit: pick a node on the left, the list
on the right shows what lies below it).

A list declares its tree; the rest is platform:

    @register_model_view(Enterprise, "list")
    class EnterpriseListView(ObjectListView):
        tree = ListTree("org.Region", param="region_id", label=_("Regions"),
                        limit={"level__in": ["city", "county", "town"]})

The tree model is any parent-linked model with a materialised ``path`` and a
``visible_to``: the tree shows only the nodes the user's scope allows (a county admin's tree
starts at the county). Children are loaded when a node is opened (htmx), so a city-scale
tree of thousands of nodes costs a handful of queries per click, whatever its size:

* the first view: the roots (the visible nodes whose parent is not visible), and — when the
  list is already filtered on a node (a bookmark) — the branch down to that node;
* opening a node: its visible children.

Each node carries whether it has children (an ``EXISTS`` in the same query). Clicking a node
sets the list's ``param`` filter (the page's filter form carries it as a hidden field, so the
other filters, the URL and the export follow)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef

__all__ = ["ListTree", "TreeNode", "tree_branch", "tree_children", "tree_visible"]

#: a node's children at most per request (a town with more grassroots unions shows them
#: in name order and says how many more there are)
MAX_CHILDREN = 500


@dataclass(frozen=True)
class ListTree:
    model: str  # "app_label.ModelName"
    param: str  # the list filter a node sets (its value is the node's pk)
    label: Any = ""
    #: lookups narrowing the nodes (e.g. only the levels the filter accepts)
    limit: dict[str, Any] = field(default_factory=dict)

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)


@dataclass
class TreeNode:
    obj: Any
    has_children: bool
    children: list[TreeNode] | None = None  # loaded (an open branch), else lazy
    value: str = ""  # what the node sets the filter to ("" = everything: a single root)

    @property
    def pk(self) -> Any:
        return self.obj.pk

    @property
    def open(self) -> bool:
        return self.children is not None


def tree_visible(tree: ListTree, user: Any) -> models.QuerySet:
    """The nodes of ``tree`` the user may see (``visible_to`` and the tree's ``limit``)."""
    qs = tree.model_class()._default_manager.visible_to(user)
    return qs.filter(**tree.limit) if tree.limit else qs


def _annotated(tree: ListTree, user: Any, qs: models.QuerySet) -> models.QuerySet:
    below = tree_visible(tree, user).filter(parent=OuterRef("pk"))
    return qs.annotate(uh_has_children=Exists(below)).order_by("path")


def _nodes(rows) -> list[TreeNode]:
    return [TreeNode(obj=r, has_children=r.uh_has_children, value=str(r.pk)) for r in rows]


def tree_children(tree: ListTree, user: Any, node: models.Model) -> tuple[list[TreeNode], int]:
    """The visible children of ``node`` (one query) and how many more were left off."""
    rows = list(
        _annotated(tree, user, tree_visible(tree, user).filter(parent=node))[: MAX_CHILDREN + 1]
    )
    more = 0
    if len(rows) > MAX_CHILDREN:
        more = tree_visible(tree, user).filter(parent=node).count() - MAX_CHILDREN
        rows = rows[:MAX_CHILDREN]
    return _nodes(rows), more


def tree_branch(tree: ListTree, user: Any, selected: Any = None) -> list[TreeNode]:
    """The roots, with the branch down to ``selected`` (a pk) opened: three queries (the
    roots; the selected node's ancestors; their children), whatever the tree's size."""
    visible = tree_visible(tree, user)
    roots = _nodes(
        _annotated(tree, user, visible.exclude(parent__in=visible.values("pk")))[:MAX_CHILDREN]
    )
    if len(roots) == 1:
        roots[0].value = ""  # the top of the user's scope: the whole list
    chosen = None
    if selected not in (None, ""):
        try:
            chosen = visible.filter(pk=selected).first()
        except (ValueError, TypeError):
            chosen = None
    if chosen is None:
        return roots
    # the ancestors from the materialised path ("1/4/19/" or "320900/320924/320924101/")
    parts = [p for p in chosen.path.split("/") if p]
    prefixes = ["/".join(parts[: i + 1]) + "/" for i in range(len(parts) - 1)]
    ancestors = list(visible.filter(path__in=prefixes).order_by("path"))
    opened = {a.pk for a in ancestors}
    if not opened:
        return roots
    by_parent: dict[Any, list[TreeNode]] = {}
    for child in _nodes(_annotated(tree, user, visible.filter(parent__in=opened))):
        by_parent.setdefault(child.obj.parent_id, []).append(child)

    def attach(nodes: list[TreeNode]) -> None:
        for node in nodes:
            if node.pk in opened:
                node.children = by_parent.get(node.pk, [])
                attach(node.children)

    attach(roots)
    return roots
