"""Dashboard cards of the points system (computed from scoped querysets)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from unionhub.core.dashboard import Card


def cards(user: Any) -> list[Card]:
    from unionhub.points import selectors

    result: list[Card] = []
    if user.has_perm("points.view_programme"):
        programmes = list(selectors.programme_list(user=user).values_list("pk", flat=True))
        if programmes:
            year = timezone.localdate().year
            start, end = selectors._year_bounds(year)
            earned = selectors.earned_entries(programme_ids=programmes, since=start, until=end)
            totals = selectors.suggestion_totals(programme_ids=programmes, year=year)
            result.append(
                Card(
                    _("Points participation this year"),
                    f"{earned.count():,}",
                    reverse("points:rollup"),
                    _("person-times"),
                )
            )
            result.append(
                Card(
                    _("Suggestion benefit this year"),
                    f"{totals['realized'] / 10000:,.1f}",
                    reverse("points:suggestion_list"),
                    _("10k yuan, realized"),
                )
            )
    if user.has_perm("points.review_submission"):
        pending = selectors.submission_queue(user=user).count()
        result.append(Card(_("Submissions to review"), pending, reverse("points:review_queue")))
    account = selectors.account_for_user(user=user)
    if account is not None:
        result.append(Card(_("My points"), account.balance, reverse("points:mobile")))
    return result
