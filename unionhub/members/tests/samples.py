"""Scope-matrix samples: one record per model inside a given county (by demo slug)."""

from __future__ import annotations

import datetime as dt

from unionhub.members import services
from unionhub.members.demo import synthetic_id_number
from unionhub.members.models import JoinApplication, Member, MemberTransfer
from unionhub.org.demo import COUNTY_SLUGS, county_union, first_town_union
from unionhub.org.models import OrgUnit

_SEQ = {"n": 0}


def _next() -> int:
    _SEQ["n"] += 1
    return _SEQ["n"]


def member_in(slug: str, *, union: OrgUnit | None = None, name: str | None = None) -> Member:
    n = _next()
    union = union or first_town_union(slug)
    return services.member_create(
        actor=None,
        name=name or f"样本会员{slug}{n}",
        id_number=synthetic_id_number(
            COUNTY_SLUGS[slug] if slug != "yannan" else "320902",
            dt.date(1985, 1, 1 + n % 28),
            100 + n,
        ),
        phone=f"139{abs(hash((slug, n))) % 10**8:08d}",
        union=union,
        occupation="courier",
    )


def application_in(slug: str) -> JoinApplication:
    n = _next()
    town = first_town_union(slug).region
    return services.joinapplication_submit(
        actor=None,
        name=f"样本申请{slug}{n}",
        id_number=synthetic_id_number("320982", dt.date(1990, 2, 1 + n % 28), 200 + n),
        phone=f"137{abs(hash((slug, n, 'a'))) % 10**8:08d}",
        region_code=town.code,
        no_fixed_employer=True,
        occupation="delivery_rider",
        is_new_employment=True,
        key_group="delivery_rider",
        consent=True,
    )


def transfer_in(slug: str) -> MemberTransfer:
    member = member_in(slug)
    county = county_union(slug)
    target = (
        OrgUnit.objects.filter(parent=county, kind="town_federation")
        .exclude(pk=member.union_id)
        .order_by("code")
        .first()
    )
    return MemberTransfer.objects.create(member=member, from_union=member.union, to_union=target)


SAMPLES = {Member: member_in, JoinApplication: application_in, MemberTransfer: transfer_in}


# --- write matrix (unionhub/core/testing/write_matrix.py) ---------------------------------


def _new_identity(slug: str) -> dict:
    n = _next()
    return {
        "id_number": synthetic_id_number(
            COUNTY_SLUGS[slug] if slug != "yannan" else "320902",
            dt.date(1975, 1 + n % 12, 1 + n % 28),
            500 + n,
        ),
        "phone": f"136{abs(hash((slug, n, 'w'))) % 10**8:08d}",
    }


def member_form(slug: str) -> dict:
    """A member of the county's first town union (the page form)."""
    return {
        "name": f"矩阵会员{slug}",
        **_new_identity(slug),
        "union": first_town_union(slug).pk,
        "occupation": "courier",
        "joined_on": "2025-03-01",
        "status": "active",
    }


def member_api(slug: str) -> dict:
    data = member_form(slug)
    data["key_group"] = None
    return data


def transfer_form(slug: str) -> dict:
    """Move a member of the county to another union of the same county."""
    member = member_in(slug)
    target = (
        OrgUnit.objects.filter(parent=county_union(slug), kind="town_federation")
        .exclude(pk=member.union_id)
        .order_by("code")
        .first()
    )
    return {"member": member.pk, "to_union": target.pk, "reason": "工作调动"}


FORM_DATA = {Member: member_form, MemberTransfer: transfer_form}
API_DATA = {Member: member_api}
ACTION_DATA = {
    "members:joinapplication_approve": lambda app: {},
    "members:joinapplication_reject": lambda app: {"reason": "材料不全"},
    "members:membertransfer_confirm": lambda transfer: {},
    "members:membertransfer_reject": lambda transfer: {"reason": "信息有误"},
    "member-joinapplication-approve": lambda app: {"card_number": ""},
    "member-joinapplication-reject": lambda app: {"reason": "材料不全"},
}
WRITE_EXEMPT = {
    "member-verify-code": "checks a member code scanned by a device; writes nothing",
    "member-joinapplication-list": (
        "public online joining: anyone may apply; the region and employer route the "
        "application, not the caller's scope"
    ),
    "member-joinapplication-lookup-status": (
        "public status look-up by phone and application code; writes nothing"
    ),
}
