from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GridKind(models.TextChoices):
    """A territorial grid covers the enterprises of a village or community; an
    enterprise-exclusive grid (企业专属网格) is one enterprise with its own grid worker."""

    TERRITORIAL = "territorial", _("Territorial grid")
    ENTERPRISE = "enterprise", _("Enterprise-exclusive grid")


class GridWorkerRole(models.TextChoices):
    WORKER = "worker", _("Grid worker")
    CHIEF = "chief", _("Grid chief")


class ReportSource(models.TextChoices):
    MONITORING_POINT = "monitoring_point", _("Monitoring point")
    GRID_WORKER = "grid_worker", _("Grid worker")
    STAFF = "staff", _("Union staff")


class ReportStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("risk report", "Open")
    RESOLVED = "resolved", _("Resolved")


class RuleMetric(models.TextChoices):
    """What a rule row compares (domain.md §9.2)."""

    ANY = "any", _("Any report")
    PEOPLE = "people", _("Workers affected at least")
    MONTHS = "months", _("Months at least")
    SHARE = "share", _("Share of the workforce (%) at least")
    CASES = "cases", _("Cases at least")
    DAYS = "days", _("Days late more than")
    FLAG = "flag", _("Circumstance")


class ReportFlag(models.TextChoices):
    NONE = "", _("None")
    ABSCONDED = "absconded", _("Owner absconded or uncontactable")
    PARTIAL_HALT = "partial_halt", _("Partial production halt")
    FULL_STOP_UNPAID = "full_stop_unpaid", _("Full stop with workers unpaid")
    ANNOUNCED = "announced", _("Announced")
    COLLECTIVE_CASE = "collective_case", _("Collective case (10 or more claimants)")
    NEGATIVE_POST = "negative_post", _("Negative post with traction")


class WarningStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("risk warning", "Open")
    CLOSED = "closed", pgettext_lazy("risk warning", "Closed")


class WarningEventKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    RAISED = "raised", _("Raised by a report")
    ESCALATED = "escalated", _("Escalated (overdue)")
    DOWNGRADED = "downgraded", _("Downgraded after disposal")
    REEVALUATED = "reevaluated", _("Re-evaluated, level unchanged")
    CLOSED = "closed", _("Closed")


class HarmoniousKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    PARK = "park", _("Industrial park")


class HarmoniousLevel(models.TextChoices):
    COUNTY = "county", _("County level")
    CITY = "city", _("City level")
    PROVINCE = "province", _("Provincial level")


class HarmoniousStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    EVALUATED = "evaluated", _("Evaluated")
    DESIGNATED = "designated", _("Designated")
    REJECTED = "rejected", _("Not designated")


class MeetingTaskPeriod(models.TextChoices):
    """How long a follow-up task of a joint meeting has: each is a deadline kind
    (``governance/deadlines.py``), so the due date comes from the deadline service."""

    FIVE_WORKING_DAYS = "meeting_task_5wd", _("5 working days")
    TEN_WORKING_DAYS = "meeting_task_10wd", _("10 working days")
    THIRTY_DAYS = "meeting_task_30d", _("30 days")
