"""Response deadlines of risk warnings by level (domain.md §9.2 [D]) and the 30-day layoff
notice (LCL art. 41, domain.md §3.8). The warning services compute every due date through
``unionhub.core.calendar.deadlines.deadline_for`` with these kinds; the level rows
(``RiskLevel.response_kind``) name which kind applies, so the mapping is data."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.calendar.kinds import DeadlineKind

KINDS = [
    DeadlineKind(
        code="risk_red_onsite",
        name=_("Red warning: on site"),
        event=_("the warning reached red"),
        rule=_("D + 1 day: on site within 24 hours, reported to the city federation the same day"),
        basis=_("Platform rule (domain.md §9.2), adjustable"),
        days=1,
        roll=False,  # an emergency does not wait for the holiday to end
    ),
    DeadlineKind(
        code="risk_orange_onsite",
        name=_("Orange warning: on site"),
        event=_("the warning reached orange"),
        rule=_("2 working days: on site within 2 working days"),
        basis=_("Platform rule (domain.md §9.2), adjustable"),
        working_days=2,
    ),
    DeadlineKind(
        code="risk_yellow_plan",
        name=_("Yellow warning: handling plan"),
        event=_("the warning reached yellow"),
        rule=_("3 working days: a handling plan within 3 working days"),
        basis=_("Platform rule (domain.md §9.2), adjustable"),
        working_days=3,
    ),
    DeadlineKind(
        code="risk_blue_review",
        name=_("Blue warning: monthly review"),
        event=_("the warning reached blue"),
        rule=_("D + 1 month: reviewed at the next monthly analysis"),
        basis=_("Platform rule (domain.md §9.2), adjustable"),
        months=1,
        roll=False,
    ),
    DeadlineKind(
        code="layoff_notice",
        name=_("Mass layoff: 30 days' notice to the union"),
        event=_("the union was told of the layoff plan"),
        rule=_("D + 30 days: the layoff may take effect no earlier than this day"),
        basis=_("Labour Contract Law, art. 41"),
        days=30,
        roll=False,
        due_label=_("earliest effective date"),
    ),
    DeadlineKind(
        code="meeting_task_5wd",
        name=_("Joint-meeting task: 5 working days"),
        event=_("the joint meeting was held"),
        rule=_("5 working days after the meeting"),
        basis=_("Decision of the joint meeting"),
        working_days=5,
    ),
    DeadlineKind(
        code="meeting_task_10wd",
        name=_("Joint-meeting task: 10 working days"),
        event=_("the joint meeting was held"),
        rule=_("10 working days after the meeting"),
        basis=_("Decision of the joint meeting"),
        working_days=10,
    ),
    DeadlineKind(
        code="meeting_task_30d",
        name=_("Joint-meeting task: 30 days"),
        event=_("the joint meeting was held"),
        rule=_("D + 30 days"),
        basis=_("Decision of the joint meeting"),
        days=30,
    ),
]
