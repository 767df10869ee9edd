"""Enumerations of collective bargaining (domain.md §3.6, §3.7; API codes are stable)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Tier(models.TextChoices):
    """区域谈底线、行业谈标准、企业谈增长 (domain.md §3.7)."""

    REGIONAL = "regional", pgettext_lazy("bargaining tier", "Regional")
    INDUSTRY = "industry", pgettext_lazy("bargaining tier", "Industry")
    ENTERPRISE = "enterprise", pgettext_lazy("bargaining tier", "Enterprise")


class Procedure(models.TextChoices):
    """江苏省集体协商条例 (2023): three procedures."""

    ORDINARY = "ordinary", _("Ordinary procedure")
    SIMPLIFIED = "simplified", _("Simplified procedure")
    EMERGENCY = "emergency", _("Emergency procedure")


class OutcomeType(models.TextChoices):
    COLLECTIVE_CONTRACT = "collective_contract", _("Collective contract")
    SPECIAL_CONTRACT = "special_contract", _("Special collective contract")
    MINUTES = "minutes", _("Meeting minutes")
    MEMORANDUM = "memorandum", _("Memorandum")


#: outcomes that are contracts: filed with the labour administration, take effect, expire
CONTRACT_OUTCOMES = (OutcomeType.COLLECTIVE_CONTRACT, OutcomeType.SPECIAL_CONTRACT)


class SpecialTopic(models.TextChoices):
    """Labour Contract Law art. 52."""

    WAGE = "wage", _("Wages")
    SAFETY_HEALTH = "safety_health", _("Safety and health")
    WOMEN = "women", _("Protection of women workers")
    WAGE_ADJUSTMENT = "wage_adjustment", _("Wage-adjustment mechanism")
    OTHER = "other", _("Other")


class CaseStatus(models.TextChoices):
    """Where a case stands. ``filed`` becomes *in force* (not a stored status) from its
    effective day when no objection is recorded; see ``BargainingCase.phase``."""

    PREPARING = "preparing", _("Preparing")
    NEGOTIATING = "negotiating", _("Negotiating")
    SUSPENDED = "suspended", pgettext_lazy("bargaining", "Suspended")
    ADOPTED = "adopted", _("Draft adopted")
    SIGNED = "signed", _("Signed")
    FILED = "filed", _("Filed with the labour administration")
    OBJECTED = "objected", _("Objection raised")
    CONCLUDED = "concluded", _("Concluded (minutes or memorandum)")
    FAILED = "failed", _("Failed")


class Phase(models.TextChoices):
    """What a case shows on a given day (derived from its status and dates)."""

    PREPARING = "preparing", _("Preparing")
    NEGOTIATING = "negotiating", _("Negotiating")
    SUSPENDED = "suspended", pgettext_lazy("bargaining", "Suspended")
    ADOPTED = "adopted", _("Draft adopted, to be signed")
    SIGNED = "signed", _("Signed, to be filed")
    UNDER_REVIEW = "under_review", _("Under review by the labour administration")
    OBJECTED = "objected", _("Objection raised")
    IN_FORCE = "in_force", _("In force (no objection)")
    EXPIRED = "expired", _("Expired")
    CONCLUDED = "concluded", _("Concluded (minutes or memorandum)")
    FAILED = "failed", _("Failed")


class Side(models.TextChoices):
    WORKERS = "workers", _("Workers' side")
    EMPLOYER = "employer", _("Employer side")


class OfferStatus(models.TextChoices):
    """domain.md §3.7: sent → received → responded | overdue → negotiating → agreed |
    suspended | failed."""

    SENT = "sent", _("Sent")
    RECEIVED = "received", _("Received")
    RESPONDED = "responded", _("Responded")
    OVERDUE = "overdue", _("Overdue (no written response)")
    NEGOTIATING = "negotiating", _("Negotiating")
    AGREED = "agreed", _("Agreed")
    SUSPENDED = "suspended", pgettext_lazy("bargaining", "Suspended")
    FAILED = "failed", _("Failed")


#: the status flow: which statuses an offer may move to from each
OFFER_FLOW = {
    OfferStatus.SENT: {OfferStatus.RECEIVED},
    OfferStatus.RECEIVED: {OfferStatus.RESPONDED, OfferStatus.OVERDUE, OfferStatus.FAILED},
    OfferStatus.OVERDUE: {OfferStatus.RESPONDED, OfferStatus.FAILED},
    OfferStatus.RESPONDED: {OfferStatus.NEGOTIATING, OfferStatus.FAILED},
    OfferStatus.NEGOTIATING: {OfferStatus.AGREED, OfferStatus.SUSPENDED, OfferStatus.FAILED},
    OfferStatus.SUSPENDED: {OfferStatus.NEGOTIATING, OfferStatus.FAILED},
    OfferStatus.AGREED: set(),
    OfferStatus.FAILED: set(),
}
OPEN_OFFER_STATUSES = (OfferStatus.SENT, OfferStatus.RECEIVED, OfferStatus.OVERDUE)


class StandardKind(models.TextChoices):
    """What a wage standard in a contract fixes (Jiangsu 2023 art. 12: piece rates and order
    allocation for platform workers)."""

    MONTHLY_FLOOR = "monthly_floor", _("Monthly wage floor (yuan)")
    HOURLY_FLOOR = "hourly_floor", _("Hourly wage floor (yuan)")
    PIECE_RATE = "piece_rate", _("Piece rate (yuan per piece or order)")
    ORDER_ALLOCATION = "order_allocation", _("Order allocation rule")


#: kinds compared with the statutory minimum wage (monthly and hourly)
FLOOR_KINDS = (StandardKind.MONTHLY_FLOOR, StandardKind.HOURLY_FLOOR)


class LimitStep(models.TextChoices):
    """The time limits a procedure may set (domain.md §3.6: one row per jurisdiction,
    procedure and step in ``BargainingProcedureRule``)."""

    RESPONSE = "response", _("Written response to a bargaining request")
    REFILL = "refill", _("Refilling a vacant representative's seat")
    FILING = "filing", _("Filing the signed contract")


class DayType(models.TextChoices):
    CALENDAR = "calendar", pgettext_lazy("day type", "calendar days")
    WORKING = "working", pgettext_lazy("day type", "working days")


#: the platform deadline kind holding each step's national rule (contract.md)
STEP_KINDS = {
    LimitStep.RESPONSE: "bargaining_response",
    LimitStep.REFILL: "negotiator_refill",
    LimitStep.FILING: "contract_filing",
}


class ClauseTopic(models.TextChoices):
    """Topics of standard clauses (集体合同规定 art. 3; Jiangsu 2023 art. 12 for piece rates
    and order allocation of platform work)."""

    WAGE = "wage", _("Wages")
    HOURS = "hours", _("Working hours")
    REST = "rest", _("Rest and leave")
    SAFETY_HEALTH = "safety_health", _("Safety and health")
    TRAINING = "training", _("Vocational training")
    INSURANCE_WELFARE = "insurance_welfare", _("Insurance and welfare")
    WOMEN = "women", _("Protection of women workers")
    PIECE_RATE = "piece_rate", _("Piece rates")
    ORDER_ALLOCATION = "order_allocation", _("Order allocation")
    OTHER = "other", _("Other")
