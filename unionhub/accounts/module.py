"""Accounts' declarations: the system menu entries, the home-page figure, and the grants of
the platform's own pages (core's audit log and unmasked exports) to the built-in roles."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from unionhub.accounts import views, views_security
from unionhub.accounts.api.views import TokenObtainView
from unionhub.core.menu import model_item
from unionhub.core.urlgen import page

menu = [
    model_item("accounts.user", _("Users"), icon="users", order=820),
    model_item("accounts.role", _("Roles"), icon="shield", order=830),
]

url_bases = {"user": "users/", "role": "roles/"}

pages = [
    page("login/", views.LoginView, "login"),
    page("logout/", views.LogoutView, "logout"),
    page("password/", views.PasswordChangeView, "password_change"),
    page("display/", views.DisplayPreferenceView, "display"),
    page("login/otp/", views_security.LoginOtpView, "login_otp"),
    page("otp/", views_security.OtpView, "otp"),
    page("logins/", views_security.LoginRecordListView, "logins"),
    page("sessions/", views_security.SessionListView, "sessions"),
    page("sessions/revoke/", views_security.SessionRevokeView, "session_revoke"),
    page("tokens/", views_security.TokenListView, "tokens"),
    page(
        "users/<int:pk>/security/act/",
        views_security.UserSecurityActionView,
        "user_security_action",
    ),
]

api_urls = [path("auth/token/", TokenObtainView.as_view(), name="api-token")]

role_grants = {
    # County administrators request clear-value exports and approve those of their towns;
    # the city administrator (core.*) approves the counties'.
    "county_admin": [
        "core.view_exportrequest",
        "core.add_exportrequest",
        "core.approve_exportrequest",
    ],
}


def account_cards(user):
    """Home-page figure: accounts in the user's scope."""
    from unionhub.accounts.models import User
    from unionhub.core.dashboard import Card

    if not user.has_perm("accounts.view_user"):
        return []
    count = User.objects.visible_to(user).filter(is_active=True).count()
    return [
        Card(
            title=_("Users"),
            value=count,
            url=reverse("accounts:user_list"),
            hint=_("active accounts in your data scope"),
        )
    ]


dashboard_cards = [(910, account_cards)]
