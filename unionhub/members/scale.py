"""Scale data (``manage.py generate_scale``, ``unionhub.core.scale``): members with valid
ID numbers and phones stored as real AES-256-GCM ciphertext and keyed hashes; members of
the enterprise unions (``ctx.shared["enterprise_unions"]``), new-employment workers of the
town federations."""

# Deterministic test data (seeded PRNG, not secrets).
# ruff: noqa: S311

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from unionhub.core import crypto
from unionhub.core.audit import record_change
from unionhub.core.scale import GIVEN, SURNAMES, ScaleContext, ScaleProvider
from unionhub.core.validators.idcard import id_check_char
from unionhub.members.models import ID_CONTEXT, PHONE_CONTEXT, Member
from unionhub.org.scale import county_code

ID_SPACE_DAYS = 16_000  # birth dates 1960-01-01 … 2003-10
ID_MULTIPLIER = 7_368_787  # coprime with ID_SPACE_DAYS * 1000: a bijection on the space


def make_id_number(i: int, county_code: str) -> tuple[str, dt.date, str]:
    """The ``i``-th valid ID number of a county (distinct for distinct ``i`` below
    ``ID_SPACE_DAYS * 1000``), with the birth date and gender it encodes."""
    k = (i * ID_MULTIPLIER) % (ID_SPACE_DAYS * 1000)
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=k // 1000)
    seq = k % 1000
    address = county_code if county_code.isdigit() else "320900"
    first17 = f"{address}{birth:%Y%m%d}{seq:03d}"
    gender = "male" if seq % 2 else "female"
    return first17 + id_check_char(first17), birth, gender


def generate(ctx: ScaleContext) -> None:
    rnd, now, today, gid = ctx.rnd, ctx.now, ctx.today, ctx.generator_id
    towns, town_unions = ctx.towns, ctx.town_unions
    unions = ctx.shared.get("enterprise_unions", [])
    n_mem = ctx.size["members"]
    m0 = ctx.next_id(Member)
    occupations = ["", "", "", "courier", "delivery_rider", "sanitation", "truck_driver",
                   "construction", "ride_hailing", "other"]  # fmt: skip
    key_groups = {"courier": "courier", "delivery_rider": "delivery_rider",
                  "truck_driver": "truck_driver", "ride_hailing": "ride_hailing"}  # fmt: skip
    mstatus = ["active"] * 30 + ["transferred", "left"]

    def member_rows() -> Iterator[tuple]:
        r = random.Random(rnd.random())
        enc, h = crypto.encrypt, crypto.pii_hash
        for j in range(n_mem):
            occupation = occupations[r.randrange(len(occupations))]
            new_employment = occupation in key_groups and r.random() < 0.7
            if unions and not new_employment:
                union_id, employer_id, town = unions[r.randrange(len(unions))]
            else:
                town = towns[r.randrange(len(towns))]
                union_id, employer_id = town_unions[town.pk].pk, None
            number, birth, gender = make_id_number(m0 + j, county_code(town))
            phone = f"1{3 + j % 7}{(m0 + j) * 7919 % 1_000_000_000:09d}"
            name = SURNAMES[r.randrange(len(SURNAMES))] + GIVEN[r.randrange(len(GIVEN))]
            if r.random() < 0.6:
                name += GIVEN[r.randrange(len(GIVEN))]
            yield (
                m0 + j, now, now, gid, name,
                enc(number, context=ID_CONTEXT), h(number, context=ID_CONTEXT),
                enc(phone, context=PHONE_CONTEXT), h(phone, context=PHONE_CONTEXT),
                gender, birth, union_id, employer_id, occupation, new_employment,
                key_groups.get(occupation, "") if new_employment else "",
                "", today - dt.timedelta(days=r.randrange(3650)),
                mstatus[r.randrange(len(mstatus))], "", "", "", "", None,
            )  # fmt: skip

    ctx.write(
        Member,
        ["id", "created_at", "updated_at", "created_by", "name", "id_number_enc",
         "id_number_hash", "phone_enc", "phone_hash", "gender", "birth_date", "union",
         "employer", "occupation", "is_new_employment", "key_group", "platform_name",
         "joined_on", "status", "card_number", "political_status", "skill_level",
         "consent_version", "consented_at"],
        member_rows(),
    )  # fmt: skip
    record_change(
        model=Member,
        action="import",
        actor=ctx.generator,
        note=f"generate_scale: {n_mem} members",
    )


def reset(ctx: ScaleContext) -> None:
    ctx.delete_generated(Member)


PROVIDER = ScaleProvider(
    generate=generate, reset=reset, vacuum_tables=[Member._meta.db_table], order=20
)
