import django_filters
from django.utils.translation import gettext_lazy as _

from unionhub.accounts.models import Role, User
from unionhub.core.filtersets import ScopedFilterSet
from unionhub.core.scope import ScopeKind


class UserFilterSet(ScopedFilterSet):
    search_fields = ("username", "full_name", "org_unit__name")
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = User
        fields = ["is_active"]


class RoleFilterSet(ScopedFilterSet):
    search_fields = ("name", "code", "description")
    data_scope = django_filters.ChoiceFilter(choices=ScopeKind.choices, label=_("Data scope"))

    class Meta:
        model = Role
        fields = ["data_scope"]
