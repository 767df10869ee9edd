"""Due dates of the 三创争两提升 cycle, computed by the one deadline service
(``unionhub.core.calendar``): start day not counted, rolled forward past public holidays.

These are [D] (the campaign's own timetable, not a law): the plan within 30 days of the
year's launch; the mid-year supervision within 15 days after 30 June; the year-end summary
within 15 days after 31 December. The product owner may change the periods here."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.calendar.kinds import DeadlineKind

PLAN = "sanchuang_plan"
MIDYEAR = "sanchuang_midyear"
SUMMARY = "sanchuang_summary"

KINDS = [
    DeadlineKind(
        code=PLAN,
        name=_("三创争两提升: annual plan"),
        event=_("the year's campaign was launched for the enterprise"),
        rule=_("D + 30 days: submit the annual plan within 30 days of the launch"),
        basis=_("三创争两提升 timetable of the county union (design decision)"),
        days=30,
    ),
    DeadlineKind(
        code=MIDYEAR,
        name=_("三创争两提升: mid-year supervision"),
        event=_("30 June of the campaign year"),
        rule=_("D + 15 days: the mid-year supervision report by mid-July"),
        basis=_("三创争两提升 timetable of the county union (design decision)"),
        days=15,
    ),
    DeadlineKind(
        code=SUMMARY,
        name=_("三创争两提升: year-end summary"),
        event=_("31 December of the campaign year"),
        rule=_("D + 15 days: the year-end summary by mid-January"),
        basis=_("三创争两提升 timetable of the county union (design decision)"),
        days=15,
    ),
]
