"""To-do items of the brand registry: the city federation reviews the submitted brands; a
county revises the brands the city returned to it."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.brands.choices import BrandStatus
from unionhub.brands.models import Brand
from unionhub.brands.services import REVIEW_PERMISSION
from unionhub.core.todo.registry import Item, TodoProvider


def _submitted(user):
    return (
        Brand.objects.visible_to(user)
        .filter(status=BrandStatus.SUBMITTED)
        .select_related("region")
        .order_by("submitted_at", "pk")
    )


def _returned(user):
    if user.has_perm(REVIEW_PERMISSION):  # the reviewer sent them back; the county acts
        return Brand.objects.none()
    return (
        Brand.objects.visible_to(user)
        .filter(status=BrandStatus.RETURNED)
        .select_related("region")
        .order_by("returned_at", "pk")
    )


def _review_item(brand: Brand) -> Item:
    return Item(
        title=f"{brand.region.name} · {brand.title}",
        due=timezone.localdate(brand.submitted_at) if brand.submitted_at else None,
        url=reverse("brands:brand", args=[brand.pk]),
        detail=_("%(year)s brand submitted for review") % {"year": brand.year},
    )


def _returned_item(brand: Brand) -> Item:
    return Item(
        title=f"{brand.year} · {brand.title}",
        due=timezone.localdate(brand.returned_at) if brand.returned_at else None,
        url=reverse("brands:brand", args=[brand.pk]),
        detail=_("Returned: %(reason)s") % {"reason": brand.return_reason},
    )


PROVIDERS = [
    TodoProvider(
        kind="brands.review",
        title=gettext_lazy("County brands to review"),
        permission=REVIEW_PERMISSION,
        queryset=_submitted,
        item=_review_item,
        list_url="brands:brand_list",
    ),
    TodoProvider(
        kind="brands.returned",
        title=gettext_lazy("Brands returned for revision"),
        permission="brands.change_brand",
        queryset=_returned,
        item=_returned_item,
        list_url="brands:brand_list",
    ),
]
