from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.accounts.models import Role, User
from unionhub.accounts.selectors import role_list
from unionhub.core.forms import ScopedModelForm

# Columns of the permission matrix (按钮权限), in the order cadres expect them.
MATRIX_ACTIONS: list[tuple[str, Any]] = [
    ("view", _("View")),
    ("add", pgettext_lazy("button", "Add")),
    ("change", _("Edit")),
    ("delete", _("Delete")),
    ("import", _("Import")),
    ("export", _("Export")),
    ("approve", _("Approve")),
    ("view_personal_data", _("View personal data")),
]


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Role) -> str:
        return f"{obj.name}（{obj.get_data_scope_display()}）"


class UserForm(ScopedModelForm):
    """Create or edit an account: its organisation (inside the admin's scope) and roles
    (only those the admin may hand out; each shows the data scope it gives)."""

    password = forms.CharField(
        label=_("Password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("At least 10 characters, not common, not all digits. Leave empty to keep."),
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "org_unit", "roles", "is_active"]
        field_classes = {"roles": RoleChoiceField}
        widgets = {"roles": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["org_unit"].required = True
        self.fields["org_unit"].queryset = self.fields["org_unit"].queryset.order_by("path")
        if user is not None:
            self.fields["roles"].queryset = role_list(user=user)
        self.fields["roles"].widget.attrs["class"] = "form-check-input"
        self.fields["roles"].help_text = _(
            "The data scope of a role is counted from the user's organisation; several roles "
            "add up (the widest wins)."
        )
        if not self.instance.pk:
            self.fields["password"].required = True
            self.fields["password"].help_text = _(
                "At least 10 characters, not common, not all digits."
            )


class RoleForm(ScopedModelForm):
    """A role: a data scope plus a permission matrix grouped by module. Only permissions the
    admin holds are offered (no privilege escalation)."""

    class Meta:
        model = Role
        fields = ["name", "code", "description", "data_scope", "custom_units", "permissions"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        perms = Permission.objects.filter(content_type__app_label__in=_module_labels())
        if user is not None and not user.is_superuser:
            held = user.get_all_permissions()
            keep = [
                p.pk
                for p in perms.select_related("content_type")
                if f"{p.content_type.app_label}.{p.codename}" in held
            ]
            perms = Permission.objects.filter(pk__in=keep)
        self.fields["permissions"].queryset = perms.select_related("content_type").order_by(
            "content_type__app_label", "content_type__model", "codename"
        )
        self.fields["permissions"].widget = forms.CheckboxSelectMultiple()
        self.fields["permissions"].required = False
        self.fields["custom_units"].queryset = self.fields["custom_units"].queryset.order_by("path")
        self.fields["custom_units"].widget.attrs["size"] = 8
        self.fields["custom_units"].required = False

    def selected_permission_ids(self) -> set[int]:
        if self.is_bound:
            return {
                int(v) for v in self.data.getlist(self.add_prefix("permissions")) if v.isdigit()
            }
        if self.instance.pk:
            return set(self.instance.permissions.values_list("pk", flat=True))
        return set()

    def permission_matrix(self) -> list[dict[str, Any]]:
        """Modules → record types → one cell per action column (None where the action does
        not exist for that record type) plus any other custom permissions."""
        return permission_matrix(
            self.fields["permissions"].queryset, selected=self.selected_permission_ids()
        )


def permission_matrix(perms, *, selected: set[int]) -> list[dict[str, Any]]:
    modules: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for perm in perms:
        ct = perm.content_type
        model = ct.model_class()
        try:
            module_label = str(apps.get_app_config(ct.app_label).verbose_name)
        except LookupError:
            module_label = ct.app_label
        module = modules.setdefault(ct.app_label, {"label": module_label, "rows": OrderedDict()})
        row = module["rows"].setdefault(
            ct.model,
            {
                "label": str(model._meta.verbose_name_plural) if model else ct.model,
                "cells": {code: None for code, _label in MATRIX_ACTIONS},
                "other": [],
            },
        )
        cell = {"pk": perm.pk, "name": permission_label(perm), "checked": perm.pk in selected}
        action = _action_of(perm.codename, ct.model)
        if action is not None:
            row["cells"][action] = cell
        else:
            row["other"].append(cell)
    result = []
    for module in modules.values():
        rows = [
            {
                "label": row["label"],
                "cells": [row["cells"][code] for code, _label in MATRIX_ACTIONS],
                "other": row["other"],
            }
            for row in module["rows"].values()
        ]
        result.append({"label": module["label"], "rows": rows})
    return result


#: Django's default permissions, as verbs of the Chinese UI
DEFAULT_PERMISSION_VERBS = {
    "view": _("View"),
    "add": pgettext_lazy("button", "Add"),
    "change": _("Edit"),
    "delete": _("Delete"),
}


def permission_label(perm: Permission) -> str:
    """The permission's name in the UI language. The database keeps Django's English name
    ("Can add enterprise", written at migrate time); the label is computed instead: the
    action's verb and the model's verbose name ("新增企业"), or the model's own declared
    (translated) name of a custom permission ("可以接受校验位不正确的统一社会信用代码")."""
    model = perm.content_type.model_class()
    if model is None:
        return perm.name
    meta = model._meta
    for codename, label in meta.permissions:
        if codename == perm.codename:
            return str(label)
    verb, _sep, model_name = perm.codename.partition("_")
    if model_name == meta.model_name and verb in DEFAULT_PERMISSION_VERBS:
        return _("%(action)s %(model)s") % {
            "action": DEFAULT_PERMISSION_VERBS[verb],
            "model": meta.verbose_name,
        }
    return perm.name


def _action_of(codename: str, model_name: str) -> str | None:
    if codename == "view_personal_data":
        return "view_personal_data"
    for code, _label in MATRIX_ACTIONS:
        if codename == f"{code}_{model_name}":
            return code
    return None


def _module_labels() -> list[str]:
    return [c.label for c in apps.get_app_configs() if c.name.startswith("unionhub.")]
