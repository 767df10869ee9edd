"""Writes of the points system, one module per area (after Zulip's ``zerver/actions``):

============================  ==============================================================
``services.programmes``       programmes, catalogue, rules versions, departments, rewards,
                              accounts
``services.ledger``           posting entries (the one path a balance moves), adjustments,
                              reversals, range and cap checks
``services.submissions``      claims, review, appeals, batch awards
``services.redemptions``      redemption orders
``services.suggestions``      rationalization suggestions
``services.expiry``           expiry of points
============================  ==============================================================

Every service is keyword-only with a required ``actor`` (``None`` when the system acts:
scheduled jobs, demo loading), runs in one transaction, checks the actor's permission and
rechecks that what it wrote is still ``visible_to(actor)``. Refusals are
``ValidationError({field: ValidationError(message, code=...)})`` with stable codes.
Reads live in ``unionhub.points.selectors``."""

from unionhub.points.periods import period_bounds

# Reads kept importable from here for callers written before the split (use selectors).
from unionhub.points.selectors import ledger_check, tier_points
from unionhub.points.services.expiry import expiry_run, expiry_run_account
from unionhub.points.services.ledger import entry_adjust, entry_reverse
from unionhub.points.services.programmes import (
    DEFAULT_TEMPLATE,
    DEFAULT_TIERS,
    account_open,
    account_update,
    catalogue_apply_default,
    department_create,
    department_update,
    pointitem_create,
    pointitem_update,
    programme_create,
    programme_update,
    reward_create,
    reward_update,
    rules_version_add,
)
from unionhub.points.services.redemptions import (
    redemption_cancel,
    redemption_create,
    redemption_fulfil,
)
from unionhub.points.services.submissions import (
    appeal_create,
    appeal_decide,
    award_batch,
    parse_participants,
    submission_approve,
    submission_create,
    submission_decide_appeal,
    submission_reject,
)
from unionhub.points.services.suggestions import (
    suggestion_decide,
    suggestion_evaluate,
    suggestion_implement,
    suggestion_submit,
)

__all__ = [
    "DEFAULT_TEMPLATE",
    "DEFAULT_TIERS",
    "account_open",
    "account_update",
    "appeal_create",
    "appeal_decide",
    "award_batch",
    "catalogue_apply_default",
    "department_create",
    "department_update",
    "entry_adjust",
    "entry_reverse",
    "expiry_run",
    "expiry_run_account",
    "ledger_check",
    "parse_participants",
    "period_bounds",
    "pointitem_create",
    "pointitem_update",
    "programme_create",
    "programme_update",
    "redemption_cancel",
    "redemption_create",
    "redemption_fulfil",
    "reward_create",
    "reward_update",
    "rules_version_add",
    "submission_approve",
    "submission_create",
    "submission_decide_appeal",
    "submission_reject",
    "suggestion_decide",
    "suggestion_evaluate",
    "suggestion_implement",
    "suggestion_submit",
    "tier_points",
]
