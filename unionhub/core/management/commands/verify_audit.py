"""``manage.py verify_audit [--seal]``: check the audit trail's hash chain; exit status 1 and
the first broken link when it does not hold."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from unionhub.core.auditchain import seal_pending, verify_chain


class Command(BaseCommand):
    help = _("Verify the audit trail's hash chain (names the first broken link).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--seal",
            action="store_true",
            help=_("seal the records not yet chained before verifying"),
        )

    def handle(self, *args, seal: bool = False, **options):
        if seal:
            self.stdout.write(
                _("Sealed %(n)d new change records.") % {"n": seal_pending(everything=True)}
            )
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                _("The audit trail is broken at seal no. %(seq)s (change record %(id)s): %(why)s")
                % {"seq": report.broken_seq, "id": report.broken_record, "why": report.reason}
            )
        self.stdout.write(
            _("The audit trail holds: %(sealed)d records sealed, %(unsealed)d not yet sealed.")
            % {"sealed": report.sealed, "unsealed": report.unsealed}
        )
