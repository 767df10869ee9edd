"""Post expiry entries for points past their programme's expiry date (idempotent)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.points.services import expiry_run


class Command(BaseCommand):
    help = gettext_lazy(
        "Post the expiry entries due under each programme's expiry rule (idempotent, may be "
        "run again)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help=gettext_lazy("Compute as of this date (YYYY-MM-DD)"))

    def handle(self, *args, today=None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError(_("The date must be written YYYY-MM-DD.")) from exc
        count = expiry_run(actor=None, today=day)  # the system acts
        self.stdout.write(self.style.SUCCESS(_("%(n)d expiry entries posted.") % {"n": count}))
