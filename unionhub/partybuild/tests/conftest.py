from __future__ import annotations

import pytest

from unionhub.partybuild.tests.samples import fresh_enterprise


@pytest.fixture
def enterprise_of(demo):
    """A new enterprise of a county (by demo slug), with overrides of its fields."""

    def make(slug: str = "jingkai", **values):
        ent = fresh_enterprise(slug)
        if values:
            for key, value in values.items():
                setattr(ent, key, value)
            ent.save()
        return ent

    return make
