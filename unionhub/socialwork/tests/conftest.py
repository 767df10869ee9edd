import datetime as dt

import pytest
from django.utils import timezone

from unionhub.core.middleware import acting_as
from unionhub.org.demo import county_union, first_town_union
from unionhub.socialwork import services


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def make_worker(demo):
    """An archive in a county's first town union (as the system)."""

    def make(slug="tinghu", name="陈静", hired_on=dt.date(2021, 3, 1), **extra):
        with acting_as(None):
            return services.socialworker_create(
                actor=None, name=name, union=first_town_union(slug), hired_on=hired_on, **extra
            )

    return make


@pytest.fixture
def tinghu_round(demo):
    def make(year, held_on, **extra):
        return services.assessmentround_create(
            actor=None, union=county_union("tinghu"), year=year, held_on=held_on, **extra
        )

    return make
