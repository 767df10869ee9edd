"""Stable codes of the workers' congress module (API values), shown in Chinese in the UI."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CongressForm(models.TextChoices):
    CONGRESS = "congress", _("Workers' congress")
    ASSEMBLY = "assembly", _("All-workers' assembly")


class RepCategory(models.TextChoices):
    FRONTLINE = "frontline", _("Front-line worker")
    TECHNICIAN = "technician", _("Technician")
    MANAGER = "manager", _("Middle manager or above")
    LEADER = "leader", _("Enterprise leader")
    OTHER = "other", _("Other")


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Being compiled")
    CONFIRMED = "confirmed", _("Confirmed")


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("Regular session")
    EXTRAORDINARY = "extraordinary", _("Extraordinary session")


class Attendance(models.TextChoices):
    PRESENT = "present", pgettext_lazy("attendance", "Present")
    ON_LEAVE = "leave", _("On leave")
    ABSENT = "absent", _("Absent")


class ResolutionResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    REJECTED = "rejected", pgettext_lazy("congress", "Not passed")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted for handling")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    HANDLED = "handled", _("Handled")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Not satisfied")


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Being scored")
    FINAL = "final", _("Final")
