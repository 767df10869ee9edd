"""No tables: the dashboards read other modules' records. ``Screen`` only carries the
permission of the hall display account (``dashboards.view_screen``): the big screen and
nothing else (docs/dashboards.md §4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Screen(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_screen", _("Can view the data cockpit (big screen) only"))]
        verbose_name = _("Data cockpit")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
