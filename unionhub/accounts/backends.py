"""Authentication backend: model permissions come from the user's roles (instead of Django
groups), and a request reads the user, their organisation, their roles and every permission
in two queries (issue #20: a list page's fixed cost is what every page pays)."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from unionhub.accounts.selectors import user_authz


class RoleBackend(ModelBackend):
    def get_user(self, user_id):
        from unionhub.accounts.models import User

        # The organisation and its region ride along: the scope, the top bar and most pages
        # read them on every request.
        user = (
            User._default_manager.select_related("org_unit__region__parent")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def _get_group_permissions(self, user_obj):
        return Permission.objects.filter(roles__users=user_obj)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                user_obj._perm_cache = super().get_all_permissions(user_obj)
            else:
                user_obj._perm_cache = set(user_authz(user_obj).permissions)
        return user_obj._perm_cache
