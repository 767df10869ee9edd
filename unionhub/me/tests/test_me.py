"""/me/ (contract.md "Phone pages"): a signed-in worker sees their own member code and card,
points with the leaderboard, rewards and sign-ins — nobody else's — and a worker without a
membership is offered joining."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from unionhub.members import services
from unionhub.members.models import Member
from unionhub.members.selectors import member_code_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(demo):
    from unionhub.me import demo as me_demo
    from unionhub.points import demo as points_demo

    points_demo.load_core()
    me_demo.load()
    from unionhub.accounts.models import User

    return User.objects.get(username="funing_worker")


def test_worker_sees_own_card_code_and_points(worker, client):
    client.force_login(worker)
    page = client.get(reverse("me:home"))
    assert page.status_code == 200
    html = page.content.decode()
    member = Member.objects.get(account=worker)
    assert "王晓峰" in html and member.union.name in html and "我的会员码" in html
    assert 'data-testid="me-code"' in html and reverse("me:code") in html
    assert 'data-testid="me-balance"' in html
    assert "加入工会" not in html
    assert 'class="navbar' not in html and "操作日志" not in html  # no admin menu


def test_the_code_is_the_stations_member_code(worker, client):
    client.force_login(worker)
    response = client.get(reverse("me:code"))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert "no-cache" in response["Cache-Control"]
    import re

    from unionhub.members.selectors import member_code_token

    # the token in the QR is the one a station verifies: same signer, same member
    token = member_code_token(member=Member.objects.get(account=worker))
    assert member_code_verify(token) == Member.objects.get(account=worker)
    assert re.search(rb"<svg", response.content)


def test_an_account_without_membership_is_offered_joining(client_as):
    client = client_as("xiangshui_town")
    html = client.get(reverse("me:home")).content.decode()
    assert 'data-testid="me-join"' in html and reverse("members:join") in html
    assert client.get(reverse("me:code")).status_code == 404


def test_signed_out_goes_to_login_and_back(client):
    response = client.get(reverse("me:home"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "next=/me/" in response.url


def test_one_account_links_to_one_member(worker, user_named):
    member = Member.objects.get(account=worker)
    other = services.member_create(
        actor=None,
        name="李四",
        id_number="32092319910607123" + _check("32092319910607123"),
        phone="13951500124",
        union=member.union,
    )
    with pytest.raises(ValidationError) as exc:
        services.member_link_account(actor=None, member=other, account=worker)
    assert exc.value.error_dict["account"][0].code == "account_taken"


def test_a_county_admin_cannot_link_a_member_of_another_county(worker, user_named):
    member = Member.objects.get(account=worker)
    with pytest.raises(ValidationError) as exc:
        services.member_link_account(
            actor=user_named("xiangshui_admin"), member=member, account=None
        )
    assert exc.value.code == "out_of_scope"
    assert Member.objects.get(pk=member.pk).account == worker


def _check(body: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(a) * b for a, b in zip(body, weights, strict=True)) % 11]


def test_a_worker_lands_on_my_page_and_a_cadre_on_the_dashboard(worker, client, client_as):
    client.force_login(worker)
    response = client.get("/")
    assert response.status_code == 302 and response.url == reverse("me:home")
    assert client_as("funing_admin").get("/").status_code == 200
