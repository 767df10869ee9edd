"""The co-building KPIs are computed from records, and each records_url lists exactly the
records behind the value (count = value; for a rate the numerator)."""

import datetime as dt

import pytest
from django.utils import timezone

from unionhub.partybuild import services

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _kpis(api, region="320971"):
    response = api.get("/api/v1/kpis/", {"region": region})
    assert response.status_code == 200, response.content
    return {r["code"]: r for r in response.json()["results"]}


def _count(api, url):
    return api.get(url + "&page_size=1").json()["count"]


@pytest.fixture
def jingkai(enterprise_of, user_named):
    """Party facts of four enterprises, deputies and one demonstration unit in 经开区."""
    admin = user_named("jingkai_admin")
    facts = [
        ("private", 5, "branch"),  # counted, covered
        ("foreign", 3, "branch"),  # the boundary: 3 members counts
        ("private", 4, "none"),  # counted, not covered
        ("private", 2, "joint_branch"),  # fewer than 3: not counted
        ("state", 9, "none"),  # public: not counted
    ]
    for ownership, members, org_type in facts:
        ent = enterprise_of("jingkai", ownership=ownership)
        services.partyfacts_create(
            actor=admin,
            enterprise=ent,
            party_members=members,
            org_type=org_type,
            org_founded_on=None if org_type == "none" else dt.date(2019, 7, 1),
        )
    for i, industrial in enumerate([True, False, False]):
        services.deputy_create(
            actor=admin,
            name=f"代表{i}",
            kind="npc",
            level="county",
            region=ent.region,
            is_industrial_worker=industrial,
        )
    ent = enterprise_of("jingkai")
    services.participation_create(
        actor=admin, enterprise=ent, year=TODAY.year, launched_on=dt.date(TODAY.year, 1, 2)
    )
    services.demonstration_create(
        actor=admin, kind="unit", year=TODAY.year, enterprise=ent, named_on=TODAY
    )
    return admin


def test_figures_and_their_records(jingkai, api_as):
    api = api_as("jingkai_admin")
    kpis = _kpis(api)
    party = kpis["partybuild.party_org_coverage"]
    assert (party["numerator"], party["denominator"], party["value"]) == (2, 3, 66.7)
    assert _count(api, party["records_url"]) == 2
    deputies = kpis["partybuild.industrial_worker_deputy_share"]
    assert (deputies["numerator"], deputies["denominator"]) == (1, 3)
    assert _count(api, deputies["records_url"]) == 1
    units = kpis["partybuild.demonstration_units"]
    assert units["value"] == 1 and _count(api, units["records_url"]) == 1
    # the union coverage is the establishment module's one definition
    assert (
        kpis["partybuild.union_coverage_25plus"]["value"]
        == kpis["establishment.coverage_25plus"]["value"]
    )
    assert (
        kpis["partybuild.union_coverage_25plus"]["records_url"]
        == kpis["establishment.coverage_25plus"]["records_url"]
    )


def test_another_county_sees_none_of_it(jingkai, api_as):
    kpis = _kpis(api_as("dongtai_admin"), region="320981")
    assert kpis["partybuild.party_org_coverage"]["denominator"] == 0
    assert kpis["partybuild.demonstration_units"]["value"] == 0
    assert api_as("dongtai_admin").get("/api/v1/kpis/", {"region": "320971"}).status_code == 404
