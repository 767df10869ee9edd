from __future__ import annotations

import pytest

from unionhub.core.scheduler import registry
from unionhub.core.scheduler.tests import jobfuncs
from unionhub.core.scheduling import ScheduledJob


def job(key: str, func: str = "ok", cron: str = "* * * * *") -> ScheduledJob:
    return ScheduledJob(
        key=key, func=f"unionhub.core.scheduler.tests.jobfuncs.{func}", cron=cron, name=key
    )


@pytest.fixture
def declare(monkeypatch):
    """Replace the declared jobs with the given ones for one test."""
    jobfuncs.calls.clear()

    def set_jobs(*jobs: ScheduledJob) -> None:
        monkeypatch.setattr(registry, "_jobs", {j.key: j for j in jobs})

    yield set_jobs
    jobfuncs.calls.clear()
