import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.middleware import acting_as
from unionhub.stations.services import tickets_escalate


class Command(BaseCommand):
    help = _("Escalate station tickets past their service limits (run every minute).")

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help=_("Take this time as now (ISO 8601 with a time zone), for tests and catching up"),
        )

    def handle(self, *args, now=None, **options):
        when = timezone.now()
        if now:
            try:
                when = dt.datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(_("--now must be an ISO 8601 time")) from exc
            if timezone.is_naive(when):
                when = timezone.make_aware(when)
        with acting_as(None):
            changed = tickets_escalate(actor=None, now=when)
        self.stdout.write(_("%(n)s tickets escalated") % {"n": len(changed)})
