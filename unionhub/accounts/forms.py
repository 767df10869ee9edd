from __future__ import annotations

from django import forms
from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _

from unionhub.accounts.models import Role, User
from unionhub.accounts.selectors import role_list
from unionhub.core.forms import ScopedModelForm


class UserForm(ScopedModelForm):
    password = forms.CharField(
        label=_("Password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("At least 10 characters, not common, not all digits. Leave empty to keep."),
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "org_unit", "roles", "is_active"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["org_unit"].required = True
        if user is not None:
            self.fields["roles"].queryset = role_list(user=user)
        self.fields["roles"].widget.attrs["class"] = "form-select"
        self.fields["roles"].widget.attrs["size"] = 6


class RoleForm(ScopedModelForm):
    class Meta:
        model = Role
        fields = ["name", "code", "description", "data_scope", "custom_units", "permissions"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        perms = Permission.objects.filter(content_type__app_label__in=_module_labels())
        if user is not None and not user.is_superuser:
            held = user.get_all_permissions()
            perms = [p for p in perms.select_related("content_type")
                     if f"{p.content_type.app_label}.{p.codename}" in held]
            perms = Permission.objects.filter(pk__in=[p.pk for p in perms])
        self.fields["permissions"].queryset = perms.select_related("content_type").order_by(
            "content_type__app_label", "codename"
        )
        self.fields["permissions"].widget = forms.CheckboxSelectMultiple()
        self.fields["permissions"].widget.choices = self.fields["permissions"].choices
        self.fields["custom_units"].widget.attrs["size"] = 6


def _module_labels() -> list[str]:
    from django.apps import apps

    return [c.label for c in apps.get_app_configs() if c.name.startswith("unionhub.")]


class PasswordChangeForm(forms.Form):
    pass
