"""The hall display account (role ``screen_viewer``, demo ``city_screen``) shows the big screen
in the browser and nothing else: it never obtains an API token (403 ``token_not_allowed`` with
a Chinese sentence, no token stored) and a token it holds anyway — issued before the account
became a display — is refused at authentication. Every other account still gets its token."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from unionhub.accounts import security
from unionhub.accounts.models import ApiToken, Role

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-2026!"
TOKEN_URL = "/api/v1/auth/token/"
HALL = "city_screen"


def _ask(username: str, password: str = PASSWORD):
    return APIClient().post(TOKEN_URL, {"username": username, "password": password}, format="json")


def _get(token: str, url: str = "/api/v1/org/units/"):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api.get(url)


def _make_display(user, *, keep_roles: bool = False) -> None:
    screen = Role.objects.get(code="screen_viewer")
    if keep_roles:
        user.roles.add(screen)
    else:
        user.roles.set([screen])


def _refused(response) -> None:
    assert response.status_code == 403, response.content[:300]
    body = response.json()
    assert body["code"] == "token_not_allowed"
    assert "大屏" in body["detail"] and "令牌" in body["detail"], body["detail"]


@pytest.mark.parametrize(
    ("username", "display", "status"),
    [
        (HALL, "demo", 403),  # the demo hall account
        ("xiangshui_admin", "only", 403),  # made a display: the screen role alone
        ("xiangshui_admin", "besides", 403),  # the screen role beside its own roles
        ("xiangshui_admin", "no", 200),  # a normal account still gets its token
        ("city_admin", "no", 200),
    ],
)
def test_the_hall_display_account_gets_no_token(user_named, username, display, status):
    user = user_named(username)
    if display in ("only", "besides"):
        _make_display(user, keep_roles=display == "besides")
    response = _ask(username)
    if status == 403:
        _refused(response)
        assert not ApiToken.objects.filter(user=user).exists()
    else:
        assert response.status_code == 200
        assert _get(response.json()["token"]).status_code == 200
        assert ApiToken.objects.filter(user=user).count() == 1


def test_a_wrong_password_of_the_hall_account_says_nothing_about_tokens(demo):
    response = _ask(HALL, "wrong-password!")
    assert response.status_code == 400
    assert "code" not in response.json() and "non_field_errors" in response.json()


@pytest.mark.parametrize("url", ["/api/v1/org/units/", "/api/v1/dashboards/city/"])
def test_an_existing_token_of_a_display_account_is_refused(user_named, url):
    token = _ask("xiangshui_admin").json()["token"]
    assert _get(token, url).status_code == 200
    _make_display(user_named("xiangshui_admin"))
    _refused(_get(token, url))


def test_the_token_service_refuses_the_hall_account(user_named):
    """The page “接口令牌” issues through the same service (the middleware already keeps the
    display account off that page)."""
    hall = user_named(HALL)
    with translation.override("zh-hans"), pytest.raises(PermissionDenied) as refused:
        security.token_issue(actor=hall)
    assert "大屏" in str(refused.value)
    assert not ApiToken.objects.filter(user=hall).exists()


def test_the_token_page_refuses_the_hall_account(client_as, user_named):
    response = client_as(HALL).post(reverse("accounts:tokens"), {"action": "issue"})
    assert response.status_code == 403
    assert not ApiToken.objects.filter(user=user_named(HALL)).exists()
