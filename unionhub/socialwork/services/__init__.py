"""Writes of the social-worker archives, one module per area:

``services.workers``      archives, postings, qualifications, trainings
``services.records``      monthly work records, quarterly reports, exchanges and classes
``services.assessments``  annual assessment rounds (scoring scheme) and scores

Every service is keyword-only with a required ``actor`` (``None`` when the system acts: demo
loading), runs in one transaction and rechecks that what it wrote is ``visible_to(actor)``.
Refusals are ``ValidationError({field: ValidationError(message, code=...)})`` with stable
codes. Reads live in ``unionhub.socialwork.selectors``."""

from unionhub.socialwork.services.assessments import (
    DEFAULT_CRITERIA,
    assessment_delete,
    assessment_record,
    assessmentround_create,
    assessmentround_delete,
    assessmentround_update,
    check_round_date,
    clean_criteria,
    weighted_total,
)
from unionhub.socialwork.services.records import (
    check_month,
    monthlyrecord_create,
    monthlyrecord_delete,
    monthlyrecord_review,
    monthlyrecord_submit_own,
    monthlyrecord_update,
    own_archive,
    quarterlyreport_create,
    quarterlyreport_delete,
    quarterlyreport_update,
    studysession_create,
    studysession_delete,
    studysession_update,
)
from unionhub.socialwork.services.workers import (
    posting_create,
    posting_delete,
    posting_update,
    qualification_create,
    qualification_delete,
    qualification_update,
    socialworker_create,
    socialworker_delete,
    socialworker_update,
    training_create,
    training_delete,
    training_update,
)

__all__ = [
    "monthlyrecord_review",
    "monthlyrecord_submit_own",
    "own_archive",
    "DEFAULT_CRITERIA",
    "assessment_delete",
    "assessment_record",
    "assessmentround_create",
    "assessmentround_delete",
    "assessmentround_update",
    "check_month",
    "check_round_date",
    "clean_criteria",
    "monthlyrecord_create",
    "monthlyrecord_delete",
    "monthlyrecord_update",
    "posting_create",
    "posting_delete",
    "posting_update",
    "qualification_create",
    "qualification_delete",
    "qualification_update",
    "quarterlyreport_create",
    "quarterlyreport_delete",
    "quarterlyreport_update",
    "socialworker_create",
    "socialworker_delete",
    "socialworker_update",
    "studysession_create",
    "studysession_delete",
    "studysession_update",
    "training_create",
    "training_delete",
    "training_update",
    "weighted_total",
]
