from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig, consume


class AccountsConfig(ModuleConfig):
    name = "unionhub.accounts"
    verbose_name = _("Accounts and roles")
    menu_group = _("System")

    def ready(self) -> None:
        from django.contrib.auth.signals import (
            user_logged_in,
            user_logged_out,
            user_login_failed,
        )
        from django.db.models.signals import post_migrate

        from unionhub.accounts import roles, selectors, signals
        from unionhub.core.scope import register_scope_resolver

        # Core resolves scopes and built-in roles through accounts, never the other way.
        register_scope_resolver(selectors.user_scope_resolve, selectors.user_scope_label)
        consume("role_grants", roles.grant_declared)
        user_logged_in.connect(signals.on_login, dispatch_uid="uh_login")
        user_logged_out.connect(signals.on_logout, dispatch_uid="uh_logout")
        user_login_failed.connect(signals.on_login_failed, dispatch_uid="uh_login_failed")
        post_migrate.connect(signals.ensure_builtin_roles, dispatch_uid="uh_builtin_roles")
        super().ready()
