"""The declaration of a periodic job (the scheduler in ``unionhub.core.scheduler`` runs them).

A module lists its jobs in ``<app>/jobs.py``::

    JOBS = [
        ScheduledJob(
            key="stations.escalate_tickets",
            func="unionhub.stations.services.tickets.tickets_escalate_due",
            cron="* * * * *",
            name=_("Escalate overdue service tickets"),
        ),
    ]

``func`` is the dotted path of a callable taking no arguments (it acts as the system, not as a
user) that returns a short summary for the job page (a string, a number or None). ``cron`` is a
five-field crontab expression read in the platform's time zone (Asia/Shanghai)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ScheduledJob:
    key: str
    func: str
    cron: str
    name: Any
