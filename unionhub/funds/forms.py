from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.enterprises.models import Enterprise
from unionhub.funds.models import (
    BATCH_FIELDS,
    REMITTANCE_FIELDS,
    SIZE_RECORD_FIELDS,
    RefundBatch,
    Remittance,
    SizeRecord,
)


class RemittanceForm(ScopedModelForm):
    class Meta:
        model = Remittance
        fields = REMITTANCE_FIELDS


class SizeRecordForm(ScopedModelForm):
    class Meta:
        model = SizeRecord
        fields = SIZE_RECORD_FIELDS


class RefundBatchForm(ScopedModelForm):
    class Meta:
        model = RefundBatch
        fields = BATCH_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "fund_kind" in self.fields:
            self.fields["fund_kind"].disabled = True
        if "region" in self.fields:
            self.fields["region"].queryset = self.fields["region"].queryset.filter(
                level__in=("county", "city")
            )


class AddRefundForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=_("enterprise"), queryset=Enterprise.objects.none(), widget=forms.NumberInput
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["enterprise"].queryset = Enterprise.objects.visible_to(user)


class PayForm(forms.Form):
    paid_on = forms.DateField(label=_("paid on"))


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("reason for the reversal"), max_length=200)
    on = forms.DateField(label=_("reversed on"), required=False)
