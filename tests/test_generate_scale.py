"""generate_scale (issue 8): the tiny data set has the promised row counts, valid USCCs and
ID numbers (real ciphertext that decrypts), and a second run does nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from unionhub.core.scale import GENERATOR_USERNAME, SCALES
from unionhub.enterprises.scale import make_uscc
from unionhub.members.scale import make_id_number

pytestmark = pytest.mark.django_db


def test_identifiers_are_valid_and_distinct():
    from unionhub.core.validators.idcard import parse_id_number
    from unionhub.core.validators.uscc import uscc_errors

    usccs = {make_uscc(i, "320921") for i in range(2_000)}
    assert len(usccs) == 2_000
    assert all(not uscc_errors(code) for code in usccs)
    numbers = {make_id_number(i, "320924")[0] for i in range(5_000)}
    assert len(numbers) == 5_000
    for number in list(numbers)[:500]:
        parse_id_number(number)


def test_generate_tiny(demo):
    from unionhub.accounts.models import User
    from unionhub.core.validators.idcard import parse_id_number
    from unionhub.core.validators.uscc import uscc_errors
    from unionhub.enterprises.models import Enterprise
    from unionhub.members.models import Member
    from unionhub.points.models import LedgerEntry, PointsAccount
    from unionhub.stations.models import CheckIn, Station

    out = io.StringIO()
    call_command("generate_scale", scale="tiny", seed=7, stdout=out)
    gen = User.objects.get(username=GENERATOR_USERNAME)
    size = SCALES["tiny"]
    assert Enterprise.objects.filter(created_by=gen).count() == size["enterprises"]
    assert Member.objects.filter(created_by=gen).count() == size["members"]
    assert Station.objects.filter(created_by=gen).count() == size["stations"]
    assert CheckIn.objects.filter(created_by=gen).count() == size["checkins"]
    assert LedgerEntry.objects.filter(created_by=gen).count() == size["ledger"]
    assert "rows/s" in out.getvalue()

    for code in Enterprise.objects.filter(created_by=gen).values_list("uscc", flat=True):
        assert not uscc_errors(code), code
    for member in Member.objects.filter(created_by=gen).order_by("pk")[:50]:
        info = parse_id_number(member.id_number)  # decrypts the real ciphertext
        assert info.birth_date == member.birth_date
        assert member.gender == info.gender
        assert member.phone.startswith("1") and len(member.phone) == 11
    # balances are the sum of the ledger
    account = PointsAccount.objects.filter(created_by=gen).order_by("pk").first()
    assert account.balance == sum(account.entries.values_list("points", flat=True))

    again = io.StringIO()
    call_command("generate_scale", scale="tiny", seed=7, stdout=again)
    assert "跳过" in again.getvalue()
    assert Member.objects.filter(created_by=gen).count() == size["members"]
    with pytest.raises(CommandError):
        call_command("generate_scale", scale="county", seed=7, stdout=io.StringIO())

    before = _snapshot(gen)
    call_command("generate_scale", scale="tiny", seed=7, reset=True, stdout=io.StringIO())
    assert Member.objects.filter(created_by=gen).count() == size["members"]
    assert _snapshot(gen) == before  # the same seed gives the same rows
    assert User.objects.filter(username__startswith="gs_u").count() == size["ledger"] // 40
    connection.check_constraints()  # the reset left no dangling foreign key


def _snapshot(gen) -> dict[str, list]:
    from unionhub.enterprises.models import Enterprise, EnterpriseUnion
    from unionhub.members.models import Member
    from unionhub.points.models import LedgerEntry
    from unionhub.stations.models import CheckIn

    def rows(model, *fields):
        return list(model.objects.filter(created_by=gen).order_by("pk").values_list(*fields))

    return {
        "enterprises": rows(Enterprise, "pk", "uscc", "name", "region", "employees"),
        "unions": rows(EnterpriseUnion, "pk", "org_unit__path", "chair_name", "term_end"),
        "members": rows(Member, "pk", "name", "id_number_hash", "union", "employer"),
        "checkins": rows(CheckIn, "pk", "station", "event_id", "visitor"),
        "ledger": rows(LedgerEntry, "pk", "account", "points", "balance_after"),
    }
