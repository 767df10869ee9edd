"""Accounts' declarations: the system menu entries, the home-page figure, and the grants of
the platform's own pages (core's audit log and unmasked exports) to the built-in roles."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import model_item

menu = [
    model_item("accounts.user", _("Users"), icon="users", order=820),
    model_item("accounts.role", _("Roles"), icon="shield", order=830),
]

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
