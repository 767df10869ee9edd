"""The public-holiday calendar (法定节假日安排): one row per date of the State Council's
yearly arrangement, published each November for the next year."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from unionhub.core.calendar.choices import HolidayKind
from unionhub.core.models import BaseModel


class Holiday(BaseModel):
    """A date of a public-holiday arrangement: a holiday day (放假, the days a deadline
    ending on them rolls past, 民法典 art. 203) or a 调休 working day (a weekend day worked,
    counted when a period is in working days). City-wide reference data: it belongs to no
    organisation, every signed-in user's deadlines depend on it, and only the city
    administrator changes it (through ``services``; every change is audited)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=HolidayKind.choices)
    name = models.CharField(_("name"), max_length=50)
    year = models.PositiveSmallIntegerField(_("arrangement year"), db_index=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("public-holiday date")
        verbose_name_plural = _("public-holiday calendar")
        ordering = ["date"]
        permissions = [
            ("import_holiday", _("Can import public-holiday arrangements")),
            ("use_calculator", _("Can use the legal deadline calculator")),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"
