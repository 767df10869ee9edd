"""Detail tabs: a module's tab on another module's record page is listed for those allowed
to see it, loads its content on demand, and obeys the record page's data scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from unionhub.core import detail_tabs
from unionhub.core.detail_tabs import TABLE_TEMPLATE, DetailTab, Link
from unionhub.enterprises.tests.samples import enterprise_in

pytestmark = pytest.mark.django_db


def _probe_context(request, enterprise):
    return {
        "columns": ["名称", "地区"],
        "rows": [[Link(enterprise.name, f"/enterprises/{enterprise.pk}/"), enterprise.region]],
    }


@pytest.fixture
def probe_tabs():
    tabs = [
        DetailTab(
            model="enterprises.Enterprise",
            key="probe",
            label="探针",
            template=TABLE_TEMPLATE,
            context=_probe_context,
            order=1,
        ),
        DetailTab(
            model="enterprises.Enterprise",
            key="superuser-only",
            label="仅限有权限者",
            template=TABLE_TEMPLATE,
            permission="core.no_such_permission",
        ),
    ]
    saved = {k: list(v) for k, v in detail_tabs._tabs.items()}
    detail_tabs.register_declared(None, tabs)
    yield tabs
    detail_tabs._tabs.clear()
    detail_tabs._tabs.update(saved)


def _tab_url(enterprise, key):
    return reverse("core:detail_tab", args=["enterprises.enterprise", enterprise.pk, key])


def test_the_record_page_lists_the_tabs_its_user_may_open(probe_tabs, client_as, demo):
    enterprise = enterprise_in("sheyang")
    html = client_as("sheyang_admin").get(f"/enterprises/{enterprise.pk}/").content.decode()
    assert 'data-testid="detail-tab-link-probe"' in html
    assert _tab_url(enterprise, "probe") in html
    assert "detail-tab-link-superuser-only" not in html  # lacks the tab's permission


def test_a_tab_loads_its_content_when_opened(probe_tabs, client_as, demo):
    enterprise = enterprise_in("sheyang")
    response = client_as("sheyang_admin").get(_tab_url(enterprise, "probe"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/enterprises/{enterprise.pk}/"' in body
    assert enterprise.name in body


def test_a_record_outside_the_scope_has_no_tabs(probe_tabs, client_as, demo):
    elsewhere = enterprise_in("xiangshui")
    assert client_as("sheyang_admin").get(_tab_url(elsewhere, "probe")).status_code == 404
    assert client_as("city_admin").get(_tab_url(elsewhere, "probe")).status_code == 200


def test_a_tab_needs_its_permission(probe_tabs, client_as, demo):
    enterprise = enterprise_in("sheyang")
    response = client_as("sheyang_admin").get(_tab_url(enterprise, "superuser-only"))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("model", "key"),
    [("enterprises.enterprise", "nope"), ("nosuch.model", "probe"), ("garbage", "probe")],
)
def test_unknown_tabs_and_models_are_404(probe_tabs, client_as, demo, model, key):
    enterprise = enterprise_in("sheyang")
    url = reverse("core:detail_tab", args=[model, enterprise.pk, key])
    assert client_as("city_admin").get(url).status_code == 404


def test_a_key_declared_twice_stops_start_up(probe_tabs):
    with pytest.raises(ValueError, match="declared twice"):
        detail_tabs.register_declared(None, [probe_tabs[0]])
