"""To-do items of the enterprises module: grassroots unions whose term is overdue or ends
within 90 days (domain.md §2.1, the reminder window), and approved re-election delays that
are ending."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.core.todo.registry import Item, TodoProvider
from unionhub.enterprises.models import DUE_SOON_DAYS, EnterpriseUnion

#: Days before the end of an approved delay from which it is a to-do [D]: a delay is at most
#: six months, and a month is enough to hold the election.
DELAY_ENDING_DAYS = 30


def _term_due(user):
    """Term ended or ends within the window, and no approved delay covers today."""
    today = timezone.localdate()
    return (
        EnterpriseUnion.objects.visible_to(user)
        .filter(term_end__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
        .filter(Q(delay_until=None) | Q(delay_until__lt=today))
        .annotate(todo_due=Greatest(F("term_end"), Coalesce(F("delay_until"), F("term_end"))))
        .select_related("org_unit")
        .order_by("todo_due", "pk")
    )


def _term_item(union: EnterpriseUnion) -> Item:
    return Item(
        title=str(union),
        due=union.effective_term_end,
        url=reverse("enterprises:enterpriseunion", args=[union.pk]),
        detail=_("%(state)s · term ends %(end)s")
        % {"state": union.get_term_state_display(), "end": union.term_end.isoformat()},
    )


def _delays_ending(user):
    today = timezone.localdate()
    return (
        EnterpriseUnion.objects.visible_to(user)
        .filter(
            delay_until__gte=today,
            delay_until__lte=today + dt.timedelta(days=DELAY_ENDING_DAYS),
        )
        .select_related("org_unit")
        .order_by("delay_until", "pk")
    )


def _delay_item(union: EnterpriseUnion) -> Item:
    return Item(
        title=str(union),
        due=union.delay_until,
        url=reverse("enterprises:enterpriseunion", args=[union.pk]),
        detail=_("re-election delayed until %(until)s (term ended %(end)s)")
        % {"until": union.delay_until.isoformat(), "end": union.term_end.isoformat()},
    )


PROVIDERS = [
    TodoProvider(
        kind="enterprises.term_due",
        title=gettext_lazy("Unions due for re-election"),
        permission="enterprises.change_enterpriseunion",
        queryset=_term_due,
        item=_term_item,
        list_url="enterprises:enterpriseunion_list",
    ),
    TodoProvider(
        kind="enterprises.delay_ending",
        title=gettext_lazy("Re-election delays ending"),
        permission="enterprises.change_enterpriseunion",
        queryset=_delays_ending,
        item=_delay_item,
        list_url="enterprises:enterpriseunion_list",
    ),
]
