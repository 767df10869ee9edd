"""To-do items of collective bargaining: each pending legal step in the inbox of the cadres
who must act (scoped through ``visible_to``, with the change permission), due on the date
the deadline service gave:

- ``bargaining.offer_response``: offers received and awaiting the enterprise's written
  response (20 days); overdue ones stay, escalated, until answered;
- ``bargaining.offer_escalated``: overdue offers escalated to the user's own union (the
  union above the issuing one);
- ``bargaining.negotiator_refill``: vacant seats to refill within 15 days;
- ``bargaining.contract_filing``: signed contracts to file within 10 days;
- ``bargaining.contract_publication``: contracts in force to publish within 10 days;
- ``bargaining.contract_renewal``: contracts in force whose renewal window has opened (due
  on the expiry day)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhub.bargaining.choices import CaseStatus, OfferStatus
from unionhub.bargaining.models import BargainingCase, BargainingOffer, Representative, in_force_q
from unionhub.core.todo.registry import Item, TodoProvider

CHANGE_OFFER = "bargaining.change_bargainingoffer"
CHANGE_CASE = "bargaining.change_bargainingcase"


def _awaiting_response(user):
    return (
        BargainingOffer.objects.visible_to(user)
        .filter(status__in=[OfferStatus.RECEIVED, OfferStatus.OVERDUE])
        .select_related("enterprise", "campaign")
        .order_by("response_due", "pk")
    )


def _offer_item(offer: BargainingOffer) -> Item:
    return Item(
        title=_("%(enterprise)s: written response to the bargaining offer")
        % {"enterprise": offer.enterprise.name},
        due=offer.response_due,
        url=reverse("bargaining:bargainingoffer", args=[offer.pk]),
        detail=_("received %(date)s · %(campaign)s")
        % {"date": offer.received_on.isoformat(), "campaign": offer.campaign.title},
        escalation=1 if offer.status == OfferStatus.OVERDUE else 0,
    )


def _escalated_to_me(user):
    return (
        BargainingOffer.objects.visible_to(user)
        .filter(status=OfferStatus.OVERDUE, escalated_to_id=getattr(user, "org_unit_id", None))
        .select_related("enterprise", "campaign")
        .order_by("response_due", "pk")
    )


def _escalated_item(offer: BargainingOffer) -> Item:
    return Item(
        title=_("%(enterprise)s did not answer the offer of %(union)s in time")
        % {"enterprise": offer.enterprise.name, "union": offer.campaign.union.name},
        due=offer.response_due,
        url=reverse("bargaining:bargainingoffer", args=[offer.pk]),
        detail=_("escalated %(date)s") % {"date": offer.escalated_on.isoformat()},
        escalation=1,
    )


def _vacant_seats(user):
    return (
        Representative.objects.visible_to(user)
        .filter(vacated_on__isnull=False, replaced_by__isnull=True)
        .select_related("case")
        .order_by("refill_due", "pk")
    )


def _seat_item(rep: Representative) -> Item:
    return Item(
        title=_("%(case)s: refill the seat of %(name)s")
        % {"case": rep.case.title, "name": rep.name},
        due=rep.refill_due,
        url=reverse("bargaining:representative_replace", args=[rep.pk]),
        detail=rep.get_side_display(),
    )


def _to_file(user):
    return (
        BargainingCase.objects.visible_to(user)
        .filter(status=CaseStatus.SIGNED)
        .order_by("filing_due", "pk")
    )


def _case_item(title):
    def item(case: BargainingCase) -> Item:
        return Item(
            title=f"{case.title}：{title()}",
            due=_due(case),
            url=reverse("bargaining:bargainingcase", args=[case.pk]),
        )

    return item


def _due(case: BargainingCase):
    if case.status == CaseStatus.SIGNED:
        return case.filing_due
    if case.published_on is None and case.publication_due:
        return case.publication_due
    return case.expires_on


def _to_publish(user):
    return (
        BargainingCase.objects.visible_to(user)
        .filter(in_force_q(timezone.localdate()), published_on__isnull=True)
        .order_by("publication_due", "pk")
    )


def _to_renew(user):
    today = timezone.localdate()
    return (
        BargainingCase.objects.visible_to(user)
        .filter(in_force_q(today), renewal_opens_on__lte=today)
        .exclude(published_on__isnull=True)
        .order_by("expires_on", "pk")
    )


PROVIDERS = [
    TodoProvider(
        kind="bargaining.offer_response",
        title=gettext_lazy("Bargaining offers awaiting a written response"),
        permission=CHANGE_OFFER,
        queryset=_awaiting_response,
        item=_offer_item,
        list_url="bargaining:bargainingoffer_list",
    ),
    TodoProvider(
        kind="bargaining.offer_escalated",
        title=gettext_lazy("Overdue offers escalated to your union"),
        permission=CHANGE_OFFER,
        queryset=_escalated_to_me,
        item=_escalated_item,
        list_url="bargaining:bargainingoffer_list",
    ),
    TodoProvider(
        kind="bargaining.negotiator_refill",
        title=gettext_lazy("Vacant negotiator seats to refill"),
        permission="bargaining.change_representative",
        queryset=_vacant_seats,
        item=_seat_item,
        list_url="bargaining:representative_list",
    ),
    TodoProvider(
        kind="bargaining.contract_filing",
        title=gettext_lazy("Signed contracts to file with the labour administration"),
        permission=CHANGE_CASE,
        queryset=_to_file,
        item=_case_item(lambda: _("file with the labour administration")),
        list_url="bargaining:bargainingcase_list",
    ),
    TodoProvider(
        kind="bargaining.contract_publication",
        title=gettext_lazy("Contracts in force to publish to all workers"),
        permission=CHANGE_CASE,
        queryset=_to_publish,
        item=_case_item(lambda: _("publish to all workers")),
        list_url="bargaining:bargainingcase_list",
    ),
    TodoProvider(
        kind="bargaining.contract_renewal",
        title=gettext_lazy("Contracts in their renewal window"),
        permission=CHANGE_CASE,
        queryset=_to_renew,
        item=_case_item(lambda: _("request renewal or a new contract before expiry")),
        list_url="bargaining:bargainingcase_list",
    ),
]
