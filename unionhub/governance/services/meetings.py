""" "1+1+N" joint meetings (联席会议): the union convenes with the human-resources and
social-security side and the departments or enterprises concerned, on warnings and
enterprises at risk; decisions become follow-up tasks whose due dates the deadline service
computes from the meeting day and which stand in the owner's to-do until done."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.calendar.deadlines import deadline_for
from unionhub.core.services import model_update
from unionhub.governance.models import (
    MEETING_FIELDS,
    MEETINGTASK_FIELDS,
    JointMeeting,
    MeetingTask,
)
from unionhub.governance.services._common import check_visible, creator, invalid


def _check(meeting: JointMeeting, actor: Any, warnings: Any, enterprises: Any) -> None:
    if meeting.convener_id is None:
        raise invalid("convener", _("Choose the union that convened the meeting."), "required")
    check_visible(
        meeting.convener,
        actor,
        "convener",
        _("The convening union is outside your data scope."),
    )
    meeting.region = meeting.convener.region
    if meeting.held_on and meeting.held_on > timezone.localdate():
        raise invalid("held_on", _("The meeting date cannot be in the future."), "future")
    if not (meeting.hrss_side or "").strip():
        raise invalid(
            "hrss_side",
            _("Name the human-resources and social-security side (the second “1”)."),
            "required",
        )
    if not meeting.participant_list:
        raise invalid(
            "participants",
            _("Name at least one participating department or enterprise (the “N”)."),
            "required",
        )
    prefix = meeting.region.path
    for ent in enterprises:
        check_visible(ent, actor, "enterprises")
        if not ent.region.path.startswith(prefix):
            raise invalid(
                "enterprises",
                _("%(enterprise)s is not in the convening union's area (%(region)s).")
                % {"enterprise": ent, "region": meeting.region},
                "outside_area",
            )
    for warning in warnings:
        check_visible(warning, actor, "warnings")
        if not warning.enterprise.region.path.startswith(prefix):
            raise invalid(
                "warnings",
                _("The warning on %(enterprise)s is not in the convening union's area.")
                % {"enterprise": warning.enterprise},
                "outside_area",
            )


def _links(meeting: JointMeeting, warnings: Any, enterprises: Any) -> None:
    """The enterprises discussed include those of the warnings discussed."""
    ents = {e.pk: e for e in enterprises}
    for w in warnings:
        ents.setdefault(w.enterprise_id, w.enterprise)
    meeting.warnings.set(list(warnings))
    meeting.enterprises.set(list(ents.values()))


@transaction.atomic
def meeting_create(
    *, actor: Any, warnings: Any = (), enterprises: Any = (), **data: Any
) -> JointMeeting:
    meeting = JointMeeting(
        **{k: v for k, v in data.items() if k in MEETING_FIELDS}, created_by=creator(actor)
    )
    warnings, enterprises = list(warnings or ()), list(enterprises or ())
    _check(meeting, actor, warnings, enterprises)
    meeting.full_clean()
    meeting.save()
    _links(meeting, warnings, enterprises)
    check_visible(meeting, actor, "convener")
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Any,
    jointmeeting: JointMeeting,
    warnings: Any = None,
    enterprises: Any = None,
    **data: Any,
) -> JointMeeting:
    check_visible(jointmeeting, actor)
    warnings = list(jointmeeting.warnings.all() if warnings is None else warnings)
    enterprises = list(jointmeeting.enterprises.all() if enterprises is None else enterprises)
    meeting, _changed = model_update(instance=jointmeeting, fields=MEETING_FIELDS, data=data)
    _check(meeting, actor, warnings, enterprises)
    meeting.full_clean()
    meeting.save()
    _links(meeting, warnings, enterprises)
    check_visible(meeting, actor, "convener")
    return meeting


@transaction.atomic
def meeting_delete(*, actor: Any, jointmeeting: JointMeeting) -> None:
    check_visible(jointmeeting, actor)
    if jointmeeting.tasks.filter(done_on__isnull=False).exists():
        raise invalid(
            None,
            _("Tasks of this meeting have been done; the meeting stays on record."),
            "has_done_tasks",
        )
    # tasks not yet done go with the meeting that set them (an explicit delete, not a cascade)
    jointmeeting.tasks.all().delete()
    jointmeeting.delete()


def task_due(period: str, held_on: dt.date) -> dt.date:
    """The due date of a follow-up task: the period's deadline kind from the meeting day."""
    return deadline_for(period, held_on).due


@transaction.atomic
def meetingtask_add(*, actor: Any, jointmeeting: JointMeeting, **data: Any) -> MeetingTask:
    check_visible(jointmeeting, actor)
    task = MeetingTask(
        meeting=jointmeeting,
        **{k: v for k, v in data.items() if k in MEETINGTASK_FIELDS},
        created_by=creator(actor),
    )
    if not (task.title or "").strip():
        raise invalid("title", _("Say what is to be done."), "required")
    if task.owner_id is None:
        raise invalid("owner", _("Name who is to do it."), "required")
    check_visible(
        jointmeeting,
        task.owner,
        "owner",
        _("%(owner)s cannot see this meeting's area; choose someone who can.")
        % {"owner": task.owner},
    )
    if not task.period:
        raise invalid("period", _("Choose the period."), "required")
    task.due_on = task_due(task.period, jointmeeting.held_on)
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def meetingtask_done(
    *, actor: Any, meetingtask: MeetingTask, done_on: dt.date, result: str
) -> MeetingTask:
    check_visible(meetingtask, actor)
    if meetingtask.done_on is not None:
        raise invalid(None, _("This task is already done."), "already_done")
    if done_on > timezone.localdate():
        raise invalid("done_on", _("The date cannot be in the future."), "future")
    if done_on < meetingtask.meeting.held_on:
        raise invalid(
            "done_on", _("A task cannot be done before the meeting that set it."), "before_meeting"
        )
    if not (result or "").strip():
        raise invalid("result", _("Say what was done."), "required")
    meetingtask.done_on = done_on
    meetingtask.result = result.strip()
    meetingtask.save(update_fields=["done_on", "result", "updated_at"])
    return meetingtask
