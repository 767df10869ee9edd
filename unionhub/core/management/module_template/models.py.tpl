"""{title}: the records of the module."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.core.models import BaseModel
from unionhub.core.scope import ScopedQuerySet, ScopeSpec

{upper}_FIELDS = ("name", "region", "note")


class {model}(BaseModel):
    """One {model_lower} of the module (replace with what it is in union terms)."""

    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(
        "org.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    scope_spec = ScopeSpec(region_path="region__path")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("{model_lower}")
        verbose_name_plural = _("{model_lower}s")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name
