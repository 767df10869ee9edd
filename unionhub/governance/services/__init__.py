"""Every write of the governance module (``<entity>_<verb>(*, actor, ...)``, in a
transaction, rechecking the actor's data scope after the write)."""

from unionhub.governance.services.grids import (
    grid_create,
    grid_delete,
    grid_update,
    gridworker_create,
    gridworker_delete,
    gridworker_update,
    membership_create,
    membership_delete,
    membership_update,
)
from unionhub.governance.services.harmonious import (
    harmonious_apply,
    harmonious_delete,
    harmonious_designate,
    harmonious_evaluate,
    harmonious_reject,
    harmonious_update,
)
from unionhub.governance.services.layoffs import layoff_consulted, layoff_register
from unionhub.governance.services.meetings import (
    meeting_create,
    meeting_delete,
    meeting_update,
    meetingtask_add,
    meetingtask_done,
)
from unionhub.governance.services.monitoring import (
    monitoringpoint_create,
    monitoringpoint_delete,
    monitoringpoint_update,
)
from unionhub.governance.services.warnings import (
    disposal_record,
    report_file,
    warning_close,
    warning_reevaluate,
    warnings_escalate_overdue,
)

__all__ = [
    "disposal_record",
    "grid_create",
    "grid_delete",
    "grid_update",
    "gridworker_create",
    "gridworker_delete",
    "gridworker_update",
    "harmonious_apply",
    "harmonious_delete",
    "harmonious_designate",
    "harmonious_evaluate",
    "harmonious_reject",
    "harmonious_update",
    "layoff_consulted",
    "layoff_register",
    "meeting_create",
    "meeting_delete",
    "meeting_update",
    "meetingtask_add",
    "meetingtask_done",
    "membership_create",
    "membership_delete",
    "membership_update",
    "monitoringpoint_create",
    "monitoringpoint_delete",
    "monitoringpoint_update",
    "report_file",
    "warning_close",
    "warning_reevaluate",
    "warnings_escalate_overdue",
]
