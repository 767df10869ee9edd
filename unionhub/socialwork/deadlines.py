"""Deadline kinds of the social-worker archives (computed by the one deadline service,
``unionhub.core.calendar``)."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.calendar.kinds import DeadlineKind

#: [D] No national rule: 亭湖's archive asks for the month's record in the first days of the
#: next month; 5 days after the month's last day, rolled past a public-holiday block.
MONTHLY_RECORD_DAYS = 5
MONTHLY_RECORD_KIND = "socialwork_monthly_record"

KINDS = [
    DeadlineKind(
        code=MONTHLY_RECORD_KIND,
        name=_("Social worker's monthly work record"),
        event=_("the last day of the month recorded"),
        rule=_("D + 5 days: the month's record is written by the 5th of the next month"),
        basis=_("Tinghu union social-worker growth archive practice [D]"),
        days=MONTHLY_RECORD_DAYS,
    ),
]
