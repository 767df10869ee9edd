"""The scale-data framework (``unionhub.core.scale``) and the tuple path of the shared
writer (``pgcopy.write_rows``): COPY on PostgreSQL, ``bulk_create`` elsewhere."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from unionhub.core.importing.pgcopy import _CopyWriter, write_rows
from unionhub.core.scale import SCALES, ScaleContext, ScaleProvider, providers

pytestmark = pytest.mark.django_db

USER_FIELDS = ["id", "password", "username", "is_active", "is_superuser", "is_staff",
               "date_joined", "full_name"]  # fmt: skip


def _context(gen=None) -> ScaleContext:
    return ScaleContext(
        scale="tiny",
        seed=1,
        size=dict(SCALES["tiny"]),
        rnd=random.Random(1),
        generator=gen,
        stdout=io.StringIO(),
        now=timezone.now(),
        today=timezone.localdate(),
    )


def test_every_module_declares_its_provider_in_generation_order():
    found = providers()
    assert all(isinstance(p, ScaleProvider) for p in found)
    modules = [p.generate.__module__ for p in found]
    # one seeded RNG is drawn in this order: the order is part of the data set
    assert modules == [
        "unionhub.org.scale",
        "unionhub.enterprises.scale",
        "unionhub.members.scale",
        "unionhub.stations.scale",
        "unionhub.points.scale",
    ]
    assert [p.order for p in found] == sorted(p.order for p in found)
    tables = [t for p in found for t in p.vacuum_tables]
    assert "members_member" in tables and len(tables) == len(set(tables))


def test_write_rows_streams_a_generator_and_converts_odd_types():
    User = get_user_model()
    first = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    now = timezone.now()
    consumed = []

    def rows():
        for i in range(5):
            consumed.append(i)
            yield (first + i, "!", f"wr_{i}", True, False, False, now, f"写入{i}")
        # Django's conversion for values of another type: "1" for a boolean, a str id
        yield (str(first + 5), "!", "wr_5", "1", 0, False, now, "类型")

    n = write_rows(User, USER_FIELDS, rows())
    assert n == 6 and consumed == [0, 1, 2, 3, 4]
    stored = User.objects.filter(username__startswith="wr_").order_by("pk")
    assert [u.pk for u in stored] == list(range(first, first + 6))
    assert stored[5].is_active is True and stored[5].is_superuser is False
    assert stored[0].full_name == "写入0" and stored[0].date_joined == now
    # left-out columns get the Django default on both paths (COPY would leave NULL)
    assert stored[0].first_name == "" and stored[0].last_login is None


def test_context_write_resets_the_sequences_of_keyed_tables():
    User = get_user_model()
    ctx = _context()
    first = ctx.next_id(User)
    now = timezone.now()
    ctx.write(
        User,
        USER_FIELDS,
        ((first + i, "!", f"seq_{i}", True, False, False, now, "") for i in range(3)),
    )
    assert "accounts_user" in ctx.stdout.getvalue() and "rows/s" in ctx.stdout.getvalue()
    assert ctx.keyed_models == [User]
    ctx.reset_sequences()
    # without the reset PostgreSQL's sequence would hand out an id the COPY already used
    created = User.objects.create(username="seq_after", password="!")
    assert created.pk > first + 2


@pytest.mark.postgres
def test_binary_copy_for_the_generated_column_types():
    from django.apps import apps

    checkin = apps.get_model("stations", "CheckIn")
    window = apps.get_model("stations", "ScheduleWindow")
    ledger = apps.get_model("points", "LedgerEntry")
    fields = {
        checkin: ["id", "station", "event_id", "at", "occupation", "visitor", "device"],
        window: ["id", "station", "weekday", "start", "end", "mode"],
        ledger: ["id", "account", "points", "ref_id", "idempotency_key"],
    }
    for model, names in fields.items():
        writer = _CopyWriter(model, connection, fields=names)
        assert "FORMAT BINARY" in writer.sql, model
    # JSON columns are copied as text
    station = apps.get_model("stations", "Station")
    assert "BINARY" not in _CopyWriter(station, connection, fields=["id", "facilities"]).sql


def test_add_years_on_29_february():
    from unionhub.core.scale import add_years

    assert add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)
    assert add_years(dt.date(2024, 3, 1), 5) == dt.date(2029, 3, 1)
