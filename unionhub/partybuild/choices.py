"""Enumerations of party-union co-building (stable lowercase API codes, Chinese labels)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyOrgType(models.TextChoices):
    """How the enterprise's party members are organised (中国共产党章程 art. 30; 中国共产党
    支部工作条例（试行） arts. 5–6)."""

    NONE = "none", _("No party organisation")
    BRANCH = "branch", _("Party branch")
    JOINT_BRANCH = "joint_branch", _("Joint party branch")
    GENERAL_BRANCH = "general_branch", _("General party branch")
    COMMITTEE = "committee", _("Grassroots party committee")


#: organisations an enterprise sets up on its own: they need three full members of its own
#: (党章 art. 30 "凡是有正式党员三人以上的，都应当成立党的基层组织"); a joint branch gathers
#: the members of several small units and needs no minimum in any one of them.
OWN_ORG_TYPES = (PartyOrgType.BRANCH, PartyOrgType.GENERAL_BRANCH, PartyOrgType.COMMITTEE)


class Stage(models.TextChoices):
    """The three steps of a year of 三创争两提升, in order."""

    PLAN = "plan", _("Annual plan")
    MIDYEAR = "midyear", _("Mid-year supervision")
    SUMMARY = "summary", _("Year-end summary")


STAGE_ORDER = [Stage.PLAN, Stage.MIDYEAR, Stage.SUMMARY]


class ReportStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the previous step")
    OPEN = "open", _("To submit")
    SUBMITTED = "submitted", _("Submitted, to review")
    APPROVED = "approved", _("Review passed")
    RETURNED = "returned", _("Returned for revision")


#: a step still owed by the enterprise (its due date counts)
OWED = (ReportStatus.WAITING, ReportStatus.OPEN, ReportStatus.RETURNED)


class ReviewDecision(models.TextChoices):
    APPROVE = "approve", _("Pass the review")
    RETURN = "return", _("Return for revision")


class DemonstrationKind(models.TextChoices):
    UNIT = "unit", _("Demonstration unit")
    AREA = "area", _("Demonstration area")


class LectureKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture")
    VIDEO = "video", _("Video")


class DeputyKind(models.TextChoices):
    PARTY_CONGRESS = "party_congress", _("Party congress deputy")
    NPC = "npc", _("People's congress deputy")
    CPPCC = "cppcc", _("CPPCC member")


class DeputyLevel(models.TextChoices):
    NATIONAL = "national", _("National level")
    PROVINCIAL = "provincial", _("Provincial level")
    CITY = "city", _("City level")
    COUNTY = "county", _("County level")
    TOWNSHIP = "township", _("Township level")
