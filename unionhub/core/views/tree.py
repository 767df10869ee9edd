"""The tree beside a list (``unionhub.core.orgtree``), loaded and opened by htmx."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from unionhub.core import orgtree
from unionhub.core.urlgen import model_views


class ListTreeView(LoginRequiredMixin, View):
    """``/lists/<app>.<model>/tree/``: the tree of that model's list (roots and the branch
    to ``?selected=``), or ``?node=<pk>``: that node's children. Needs the list's view
    permission; nodes come from ``visible_to`` (a node outside the scope is a 404)."""

    raise_exception = True
    scope_exempt = "tree nodes through the tree model's visible_to (test_list_tree)"

    def get(self, request: HttpRequest, model: str) -> HttpResponse:
        try:
            model_class = apps.get_model(model)
        except (LookupError, ValueError):
            raise Http404 from None
        registration = model_views(model_class).get("list")
        tree = getattr(registration.view, "tree", None) if registration else None
        if tree is None:
            raise Http404
        meta = model_class._meta
        if not request.user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            raise PermissionDenied
        context = {
            "tree": tree,
            "tree_url": reverse("core:list_tree", args=[model]),
            "list_url": reverse(f"{meta.app_label}:{meta.model_name}_list"),
            "selected": request.GET.get("selected", ""),
        }
        node = request.GET.get("node")
        if node is not None:
            if not node.isdigit():
                raise Http404
            parent = get_object_or_404(orgtree.tree_visible(tree, request.user), pk=int(node))
            nodes, more = orgtree.tree_children(tree, request.user, parent)
            return render(
                request, "core/_tree_nodes.html", {**context, "nodes": nodes, "more": more}
            )
        selected = context["selected"]
        nodes = orgtree.tree_branch(
            tree, request.user, int(selected) if selected.isdigit() else None
        )
        return render(request, "core/_tree_nodes.html", {**context, "nodes": nodes, "more": 0})
