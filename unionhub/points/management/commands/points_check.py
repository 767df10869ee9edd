"""Recompute every balance from the ledger and report accounts whose cached balance differs."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.points.selectors import ledger_check


class Command(BaseCommand):
    help = gettext_lazy(
        "Check the points accounts: recompute each balance from the ledger and report the "
        "accounts whose cached balance differs (exit status 1 when any does)."
    )

    def handle(self, *args, **options):
        problems = ledger_check()
        for account, cached, computed in problems:
            self.stdout.write(
                _(
                    "Account #%(pk)d %(account)s: cached balance %(cached)d, ledger total "
                    "%(computed)d, difference %(diff)d"
                )
                % {
                    "pk": account.pk,
                    "account": account,
                    "cached": cached,
                    "computed": computed,
                    "diff": cached - computed,
                }
            )
        if problems:
            self.stderr.write(
                _("%(n)d accounts have a balance that differs from their ledger.")
                % {"n": len(problems)}
            )
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(_("Points check complete: no differences.")))
