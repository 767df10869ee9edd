"""The audit trail's hash chain (issue #19, 等保 2.0 安全审计): every record is sealed, any
later edit or removal is found and named, and on PostgreSQL the database itself refuses
to edit or delete the trail."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from unionhub.core.audit import record_change
from unionhub.core.auditchain import GENESIS, record_digest, seal_pending, verify_chain
from unionhub.core.models import AuditSeal, ChangeRecord

pytestmark = pytest.mark.django_db


def _entries(n: int) -> list[ChangeRecord]:
    return [record_change(action="update", note=f"链测试 {i}") for i in range(n)]


@pytest.fixture
def sealed(demo):
    records = _entries(5)
    seal_pending()
    return records


def _raw(sql: str, params: list) -> None:
    """Go around Django, as a maintenance script or an intruder would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Superuser only: switch the append-only triggers off for this transaction.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def test_every_record_is_sealed_once_in_a_chain(sealed):
    assert ChangeRecord.objects.filter(seal__isnull=True).count() == 0
    assert seal_pending() == 0  # nothing new: nothing sealed twice
    seals = list(AuditSeal.objects.order_by("seq"))
    assert [s.seq for s in seals] == list(range(1, len(seals) + 1))
    assert seals[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(seals, seals[1:], strict=False))
    report = verify_chain()
    assert report.ok and report.sealed == len(seals) and report.unsealed == 0


def test_new_records_join_the_end_of_the_chain(sealed):
    before = AuditSeal.objects.count()
    late = _entries(2)
    assert verify_chain().unsealed == 2
    assert seal_pending() == 2
    last = AuditSeal.objects.order_by("-seq").first()
    assert last.record_id == late[-1].pk and last.seq == before + 2
    assert verify_chain().ok


def test_an_edited_record_is_named(sealed):
    victim = sealed[2]
    with transaction.atomic():
        _raw("UPDATE core_changerecord SET note = %s WHERE id = %s", ["改过了", victim.pk])
    report = verify_chain()
    assert not report.ok
    assert (report.problem, report.broken_record) == ("altered", victim.pk)
    assert report.broken_seq == victim.seal.seq


def test_a_removed_record_and_its_seal_break_the_sequence(sealed):
    victim = sealed[1]
    seq = AuditSeal.objects.get(record=victim).seq
    with transaction.atomic():
        _raw("DELETE FROM core_auditseal WHERE seq = %s", [seq])
        _raw("DELETE FROM core_changerecord WHERE id = %s", [victim.pk])
    report = verify_chain()
    assert (report.problem, report.broken_seq) == ("missing_seal", seq + 1)


def test_a_forged_seal_does_not_follow_the_one_before(sealed):
    seal = AuditSeal.objects.get(record=sealed[3])
    forged = record_digest(seal.record, GENESIS)
    with transaction.atomic():
        _raw(
            "UPDATE core_auditseal SET prev_hash = %s, hash = %s WHERE seq = %s",
            [GENESIS, forged, seal.seq],
        )
    report = verify_chain()
    assert (report.problem, report.broken_seq) == ("prev_mismatch", seal.seq)


def test_verify_audit_command_fails_on_a_broken_chain(sealed, capsys):
    call_command("verify_audit")
    assert f"{verify_chain().sealed}" in capsys.readouterr().out
    with transaction.atomic():
        _raw("UPDATE core_changerecord SET ip = %s WHERE id = %s", ["6.6.6.6", sealed[0].pk])
    with pytest.raises(CommandError, match=str(sealed[0].pk)):
        call_command("verify_audit")


def test_the_check_page_is_for_those_allowed_to_verify(sealed, client_as):
    page = client_as("city_admin").get("/audit/verify/")
    assert page.status_code == 200
    assert 'data-testid="audit-chain-ok"' in page.content.decode()
    assert client_as("xiangshui_admin").get("/audit/verify/").status_code == 403


def test_the_sealing_job_is_scheduled():
    from unionhub.core.scheduler.registry import declared_job

    assert declared_job("core.seal_audit_trail").cron == "* * * * *"


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_changerecord SET note = 'x' WHERE id = %s",
        "DELETE FROM core_changerecord WHERE id = %s",
        "UPDATE core_auditseal SET hash = 'x' WHERE record_id = %s",
        "DELETE FROM core_auditseal WHERE record_id = %s",
    ],
)
def test_postgresql_refuses_to_edit_or_delete_the_trail(sealed, sql):
    with pytest.raises(DatabaseError, match="操作日志只能追加"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, [sealed[0].pk])


@pytest.mark.postgres
def test_deleting_a_user_keeps_the_records_and_the_chain(demo):
    from unionhub.accounts.models import User

    user = User.objects.create_user(username="chain_probe", password="Probe-2026-long!")
    entry = record_change(action="update", note="由将被删除的用户所做", actor=user)
    seal_pending()
    user.delete()
    entry.refresh_from_db()
    assert entry.actor_id is None and entry.actor_name == "chain_probe"
    assert verify_chain().ok


def test_the_minute_run_looks_only_near_the_head_and_the_sweep_finds_the_rest(sealed, monkeypatch):
    from unionhub.core import auditchain

    late = _entries(1)[0]  # stands for a record that committed long after its id was taken
    monkeypatch.setattr(auditchain, "LATE_WINDOW", 0)
    newest = AuditSeal.objects.order_by("-seq").first()
    # Pretend the head is already past the late record: the window excludes it.
    with transaction.atomic():
        _raw(
            "UPDATE core_changerecord SET id = %s WHERE id = %s",
            [newest.record_id - 1_000_000 if newest.record_id > 1_000_000 else -late.pk, late.pk],
        )
    assert seal_pending() == 0
    assert verify_chain().unsealed == 1
    assert seal_pending(everything=True) == 1
    assert verify_chain().ok and verify_chain().unsealed == 0
