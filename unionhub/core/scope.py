"""Data scope: who may see which records. The one place where scope becomes a filter.

Every scoped model declares *how* it reaches the organisation tree with a ``ScopeSpec``
class attribute named ``scope_spec``, and uses ``ScopedQuerySet`` (``objects =
ScopedQuerySet.as_manager()`` or a subclass). Every page, API, export, search box and
dashboard starts from ``Model.objects.visible_to(user)``.

A user's scope is resolved once per request from their roles (the widest wins):

- ``all``      everything (市总);
- ``subtree``  their union organisation and everything below it (本级及以下, the default);
               an area union (city/county/town federation) also governs its region's subtree;
- ``unit``     their union organisation only (本级);
- ``own``      records they created (仅本人);
- ``custom``   a chosen set of organisations, each with its subtree (自定义).

Two trees are used because some records belong to a *union* (members, points programmes)
and others to a *place* (enterprises, stations). Both trees carry a materialized ``path``
(codes are not prefixes of each other: 盐南高新区 administers streets of two districts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class ScopeKind(models.TextChoices):
    ALL = "all", _("All data")
    SUBTREE = "subtree", _("This organisation and below")
    UNIT = "unit", _("This organisation only")
    OWN = "own", _("Own records only")
    CUSTOM = "custom", _("Custom organisations")


@dataclass(frozen=True)
class ScopeSpec:
    """How a model's rows reach the trees. Each value is an ORM lookup ending in a
    ``path`` string (``"region__path"``, ``"union__path"``, or a plain path column)."""

    org_path: str | None = None
    region_path: str | None = None
    owner: str | None = "created_by"


@dataclass
class Scope:
    """The resolved data scope of one user."""

    everything: bool = False
    org_subtrees: set[str] = field(default_factory=set)
    org_units: set[str] = field(default_factory=set)
    region_subtrees: set[str] = field(default_factory=set)
    region_units: set[str] = field(default_factory=set)
    owner_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.everything
            or self.org_subtrees
            or self.org_units
            or self.region_subtrees
            or self.region_units
            or self.owner_id
        )

    @property
    def own_only(self) -> bool:
        """Only their own records (a worker using the platform for themself)."""
        return bool(self.owner_id) and not (
            self.everything
            or self.org_subtrees
            or self.org_units
            or self.region_subtrees
            or self.region_units
        )

    def q_for(self, spec: ScopeSpec) -> Q | None:
        """The filter for a model with ``spec``; None means "everything"."""
        if self.everything:
            return None
        q = Q(pk__in=[])
        if spec.org_path:
            for path in _outermost(self.org_subtrees):
                q |= Q(**{f"{spec.org_path}__startswith": path})
            if self.org_units:
                q |= Q(**{f"{spec.org_path}__in": sorted(self.org_units)})
        if spec.region_path:
            for path in _outermost(self.region_subtrees):
                q |= Q(**{f"{spec.region_path}__startswith": path})
            if self.region_units:
                q |= Q(**{f"{spec.region_path}__in": sorted(self.region_units)})
        if spec.owner and self.owner_id:
            q |= Q(**{f"{spec.owner}_id": self.owner_id})
        return q

    def covers_org_path(self, path: str) -> bool:
        return (
            self.everything
            or path in self.org_units
            or any(path.startswith(p) for p in self.org_subtrees)
        )

    def covers_region_path(self, path: str) -> bool:
        return (
            self.everything
            or path in self.region_units
            or any(path.startswith(p) for p in self.region_subtrees)
        )


def _outermost(paths: set[str]) -> list[str]:
    """Drop paths already covered by an ancestor path, so the SQL stays short."""
    result: list[str] = []
    for path in sorted(paths, key=len):
        if not any(path.startswith(p) for p in result):
            result.append(path)
    return sorted(result)


_CACHE_ATTR = "_unionhub_scope"

# Who resolves a user's roles into a Scope, and who describes it in words: the accounts app
# registers both when it is ready (core knows nothing about roles or organisations).
_resolver: Any = None
_labeller: Any = None


def register_scope_resolver(resolve: Any, label: Any = None) -> None:
    """``resolve(user=...) -> Scope`` and ``label(user=...) -> str`` (the top-bar sentence)."""
    global _resolver, _labeller
    _resolver = resolve
    _labeller = label


def scope_label(user: Any) -> str:
    return _labeller(user=user) if _labeller is not None else ""


def scope_for(user: AbstractBaseUser | AnonymousUser | None) -> Scope:
    """Resolve (and cache on the user object for this request) the user's data scope."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(everything=True)
    elif _resolver is None:
        raise RuntimeError("no scope resolver registered (the accounts app registers one)")
    else:
        scope = _resolver(user=user)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope (after roles or the organisation of the user change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to narrow itself to what a user may see."""

    def visible_to(self, user: Any) -> ScopedQuerySet:
        spec: ScopeSpec | None = getattr(self.model, "scope_spec", None)
        if spec is None:
            raise TypeError(f"{self.model.__name__} has no scope_spec; it cannot be scoped")
        scope = scope_for(user)
        if scope.is_empty:
            return self.none()
        q = scope.q_for(spec)
        return self if q is None else self.filter(q)


def is_scoped_model(model: type[models.Model]) -> bool:
    return getattr(model, "scope_spec", None) is not None


def object_visible_to(obj: models.Model, user: Any) -> bool:
    """Whether a saved object is inside the user's scope (used to check writes)."""
    model = type(obj)
    return model._default_manager.visible_to(user).filter(pk=obj.pk).exists()
