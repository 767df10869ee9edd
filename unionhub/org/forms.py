from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.org.models import OrgUnit


class OrgUnitForm(ScopedModelForm):
    class Meta:
        model = OrgUnit
        fields = ["name", "short_name", "code", "kind", "parent", "region", "is_active"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.order_by("path")
        self.fields["parent"].queryset = self.fields["parent"].queryset.order_by("path")


class OrgUnitMoveForm(forms.Form):
    parent = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("New parent"))
