from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayKind(models.TextChoices):
    # A day of a holiday block (放假), weekend days inside the block included.
    HOLIDAY = "holiday", _("Public holiday")
    # A weekend day that is worked by the arrangement (调休上班).
    WORKDAY = "workday", _("Shifted working day")
