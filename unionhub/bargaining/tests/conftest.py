"""Fixtures the bargaining tests share: the holiday calendar the legal dates roll over, and
盐南's administrator, who runs the demo's cases."""

import pytest


@pytest.fixture
def holidays(db):
    from unionhub.core.calendar import demo

    demo.load()


@pytest.fixture
def yannan(user_named):
    return user_named("yannan_admin")
