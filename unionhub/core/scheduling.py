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
five-field crontab expression read in the platform's time zone (Asia/Shanghai); weekdays are
counted as cron counts them (0 or 7 = Sunday). ``description`` (optional) says in a sentence
what the job does, for the job page.

A service that wants an ``actor`` gets ``actor=None`` (the system) from ``call_as_system``,
which a module's ``jobs.py`` wrapper can use whatever the service's signature is."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ScheduledJob:
    key: str
    func: str
    cron: str
    name: Any
    description: Any = ""


def call_as_system(func: Callable[..., Any], /, **kwargs: Any) -> Any:
    """Call a service as the system: ``actor=None`` is added when the service takes an
    ``actor`` keyword (services gain it over time; a job wrapper need not follow)."""
    parameters = inspect.signature(func).parameters
    if "actor" in parameters and "actor" not in kwargs:
        kwargs["actor"] = None
    return func(**kwargs)
