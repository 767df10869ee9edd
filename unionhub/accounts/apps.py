from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "unionhub.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from django.contrib.auth.signals import (
            user_logged_in,
            user_logged_out,
            user_login_failed,
        )
        from django.db.models.signals import post_migrate

        from unionhub.accounts import signals
        from unionhub.core import dashboard, menu

        user_logged_in.connect(signals.on_login, dispatch_uid="uh_login")
        user_logged_out.connect(signals.on_logout, dispatch_uid="uh_logout")
        user_login_failed.connect(signals.on_login_failed, dispatch_uid="uh_login_failed")
        post_migrate.connect(signals.ensure_builtin_roles, dispatch_uid="uh_builtin_roles")

        menu.register(
            menu.MenuItem(
                key="users",
                label=_("Users"),
                url_name="accounts:user_list",
                icon="users",
                group=_("System"),
                permission="accounts.view_user",
                order=820,
            )
        )
        menu.register(
            menu.MenuItem(
                key="roles",
                label=_("Roles"),
                url_name="accounts:role_list",
                icon="shield",
                group=_("System"),
                permission="accounts.view_role",
                order=830,
            )
        )
        dashboard.register(_account_cards, order=910)


def _account_cards(user):
    """Home-page figure: accounts in the user's scope."""
    from django.urls import reverse

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
