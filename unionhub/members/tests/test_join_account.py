"""A worker who applies to join while signed in (网上入会 from /me/) finds their membership on
/me/ as soon as the union approves: the approval links the new member to their account. An
application filed without an account — or by staff on a worker's behalf — links nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from unionhub.members.demo import synthetic_id_number
from unionhub.members.models import JoinApplication, Member
from unionhub.org.demo import first_town_union

pytestmark = pytest.mark.django_db

ID_B = synthetic_id_number("320924", dt.date(1995, 3, 14), 457)
PHONE_B = "15861239876"


@pytest.fixture
def new_worker(demo):
    """A worker account (role 工人) with no membership yet."""
    from unionhub.accounts.demo import ensure_user

    return ensure_user("sheyang_rider", "陈骑手", first_town_union("sheyang"), ["worker"])


def apply_on_the_web(client: Client) -> JoinApplication:
    town = first_town_union("sheyang").region
    response = client.post(
        reverse("members:join"),
        {
            "name": "陈骑手",
            "id_number": ID_B,
            "phone": PHONE_B,
            "region": town.code,
            "no_fixed_employer": "on",
            "occupation": "delivery_rider",
            "is_new_employment": "on",
            "key_group": "delivery_rider",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    return JoinApplication.objects.get(id_number_hash__in=_hashes())


def _hashes():
    from unionhub.members.models import id_number_hashes

    return id_number_hashes(ID_B)


def approve_on_the_web(user_named) -> Member:
    cadre = Client()
    cadre.force_login(user_named("sheyang_town"))
    app = JoinApplication.objects.get(id_number_hash__in=_hashes())
    response = cadre.post(reverse("members:joinapplication_approve", args=[app.pk]))
    assert response.status_code in (200, 302)
    app.refresh_from_db()
    assert app.status == "approved"
    return app.member


def test_signed_in_worker_sees_membership_on_me_after_approval(new_worker, user_named):
    worker = Client()
    worker.force_login(new_worker)
    before = worker.get(reverse("me:home")).content.decode()
    assert 'data-testid="me-join"' in before

    app = apply_on_the_web(worker)
    assert app.applicant_account == new_worker
    member = approve_on_the_web(user_named)

    assert member.account == new_worker
    after = worker.get(reverse("me:home")).content.decode()
    assert 'data-testid="me-join"' not in after
    assert 'data-testid="me-code"' in after and member.union.name in after
    assert worker.get(reverse("me:code")).status_code == 200


def test_application_without_account_links_nobody(demo, client, user_named):
    app = apply_on_the_web(client)  # not signed in
    assert app.applicant_account is None
    member = approve_on_the_web(user_named)
    assert member.account is None


def test_staff_filing_for_a_worker_is_not_linked(demo, client_as, user_named):
    staff = user_named("sheyang_town")
    app = apply_on_the_web(client_as("sheyang_town"))
    assert app.applicant_account is None
    member = approve_on_the_web(user_named)
    assert member.account is None
    assert not Member.objects.filter(account=staff).exists()


def member_of_the_account(account) -> Member:
    """An earlier member already linked to ``account``."""
    from unionhub.members import services

    first = services.member_create(
        actor=None,
        name="陈骑手",
        id_number=synthetic_id_number("320924", dt.date(1990, 1, 2), 111),
        phone="13912345678",
        union=first_town_union("sheyang"),
    )
    return services.member_link_account(actor=None, member=first, account=account)


def test_account_already_linked_keeps_its_member(new_worker, user_named):
    first = member_of_the_account(new_worker)
    worker = Client()
    worker.force_login(new_worker)
    apply_on_the_web(worker)
    member = approve_on_the_web(user_named)  # approval still succeeds
    assert member.account is None
    first.refresh_from_db()
    assert first.account == new_worker


def _review_box_outcome(user_named) -> tuple[str, str]:
    """What the reviewer's page says approving will do with the applicant's account."""
    import re

    cadre = Client()
    cadre.force_login(user_named("sheyang_town"))
    app = JoinApplication.objects.get(id_number_hash__in=_hashes())
    html = cadre.get(reverse("members:joinapplication", args=[app.pk])).content.decode()
    found = re.search(
        r'data-testid="account-outcome" data-outcome="(\w+)">\s*(.*?)\s*</p>', html, re.S
    )
    assert found, "the review box says nothing about the account"
    return found.group(1), found.group(2)


def test_reviewer_is_told_the_account_will_be_linked(new_worker, user_named):
    worker = Client()
    worker.force_login(new_worker)
    apply_on_the_web(worker)
    outcome, sentence = _review_box_outcome(user_named)
    assert outcome == "link"
    assert "sheyang_rider" in sentence and "批准后新会员将关联到该账号" in sentence


def test_reviewer_is_told_nothing_is_linked_without_an_account(demo, client, user_named):
    apply_on_the_web(client)
    outcome, sentence = _review_box_outcome(user_named)
    assert outcome == "none"
    assert "批准后新会员不关联平台账号" in sentence


def test_reviewer_is_told_a_taken_account_is_not_linked(new_worker, user_named):
    member_of_the_account(new_worker)
    worker = Client()
    worker.force_login(new_worker)
    apply_on_the_web(worker)
    outcome, sentence = _review_box_outcome(user_named)
    assert outcome == "taken"
    assert "已关联其他会员" in sentence
