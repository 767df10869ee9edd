import pytest


@pytest.fixture
def world(demo):
    """KPI test data in 建湖 and 射阳 (through the modules' services)."""
    from unionhub.core.kpis.tests.world import build
    from unionhub.core.middleware import acting_as

    with acting_as(None):
        build("320925", "jianhu")
        build("320924", "sheyang")
