"""Home-page cards of the station module: its KPIs (``stations/kpis.py``) and the live
figures (open now, visits today, open tickets), all scoped."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.dashboard import Card
from unionhub.core.kpis.cards import kpi_cards
from unionhub.stations import choices, schedule
from unionhub.stations.models import CheckIn, Station, Ticket
from unionhub.stations.selectors import with_schedule

CARD_KPIS = ["stations.total"]


def station_cards(user) -> list[Card]:
    if not user.has_perm("stations.view_station"):
        return []
    now = timezone.now()
    stations = list(with_schedule(Station.objects.visible_to(user).filter(is_active=True), now))
    if not stations:
        return []
    open_now = sum(1 for s in stations if s.is_open_now)
    start = timezone.make_aware(
        schedule.local(now).replace(hour=0, minute=0, second=0, microsecond=0), schedule.SHANGHAI
    )
    # The stations KPI (linking to its records), with how many of them are open right now.
    cards = kpi_cards(user, CARD_KPIS, icons={"stations.total": "home"})
    for card in cards:
        card.hint = _("%(open)s of %(total)s open now") % {"open": open_now, "total": len(stations)}
    if user.has_perm("stations.view_checkin"):
        visits = CheckIn.objects.visible_to(user).filter(at__gte=start).count()
        cards.append(
            Card(_("Station visits today"), visits, reverse("stations:statistics"), "", "users")
        )
    if user.has_perm("stations.view_ticket"):
        open_tickets = Ticket.objects.visible_to(user).exclude(status=choices.TicketStatus.RESOLVED)
        cards.append(
            Card(
                _("Open service tickets"),
                open_tickets.count(),
                reverse("stations:ticket_list") + "?status=open",
                _("%(n)s escalated") % {"n": open_tickets.filter(escalation__gte=1).count()},
                "alert",
            )
        )
    return cards
