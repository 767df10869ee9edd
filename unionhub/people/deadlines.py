"""Deadline kinds of the model-worker registry (computed by the one deadline service)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.calendar.kinds import DeadlineKind

#: 公示 of a nominee: at least 5 working days counting the first day [M] (the common
#: practice of union honour rules; no national text found). The kind gives the earliest
#: permissible last day of the notice.
KINDS = [
    DeadlineKind(
        code="honour_public_notice",
        name=_("Public notice of a nominee"),
        event=_("the public notice starts (first day D)"),
        rule=_(
            "D + 4 working days: the notice runs at least 5 working days, counting its first day"
        ),
        basis=_("Common practice of union honour rules (to be confirmed)"),
        working_days=4,
        due_label=_("Earliest last day of the notice"),
    ),
]
