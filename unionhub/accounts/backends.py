from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class RoleBackend(ModelBackend):
    """Model permissions come from the user's roles (instead of Django groups)."""

    def _get_group_permissions(self, user_obj):
        return Permission.objects.filter(roles__users=user_obj)
