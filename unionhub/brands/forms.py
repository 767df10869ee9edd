"""Forms of the brand registry: the brand (county and year fixed once created), an
indicator with its yearly target, and the city's return with a reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.brands.models import BRAND_FIELDS, BRANDKPI_FIELDS, Brand, BrandKpi
from unionhub.brands.selectors import kpi_choices
from unionhub.core.forms import ScopedModelForm


class BrandForm(ScopedModelForm):
    class Meta:
        model = Brand
        fields = BRAND_FIELDS
        widgets = {"narrative": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "region" in self.fields:
            self.fields["region"].queryset = self.fields["region"].queryset.filter(level="county")
        if self.instance.pk:  # county and year are fixed: carry a brand over instead
            for name in ("region", "year"):
                self.fields.pop(name, None)

    def _post_clean(self):
        # The service validates (and names the fields of) every rule; a model-level unique
        # check here would only repeat it less clearly.
        pass


class BrandKpiForm(ScopedModelForm):
    code = forms.ChoiceField(label=_("indicator"), choices=())
    target = forms.DecimalField(
        label=_("target for the brand's year"),
        required=False,
        max_digits=16,
        decimal_places=2,
        help_text=_("Kept in the KPI registry: the indicator pages show the same target."),
    )

    class Meta:
        model = BrandKpi
        fields = BRANDKPI_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = kpi_choices()
        if "brand" in self.fields:
            self.fields["brand"].queryset = self.fields["brand"].queryset.filter(
                status__in=("draft", "returned")
            )
        if self.instance.pk:
            from unionhub.brands.services import brandkpi_target

            self.fields.pop("brand", None)
            self.initial.setdefault("target", brandkpi_target(self.instance))

    def _post_clean(self):
        pass


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for return"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
