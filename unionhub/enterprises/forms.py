from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.bulk import TriState
from unionhub.core.forms import ScopedModelForm
from unionhub.enterprises.choices import OperatingStatus
from unionhub.enterprises.fields import (
    CAMPAIGN_FIELDS,
    CONTACT_FIELDS,
    DELAY_FIELDS,
    ENTERPRISE_FIELDS,
    REELECTION_FIELDS,
    UNION_INPUT_FIELDS,
)
from unionhub.enterprises.models import (
    Campaign,
    ContactLog,
    Enterprise,
    EnterpriseUnion,
    TermDelay,
    UnionReelection,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EnterpriseForm(ScopedModelForm):
    class Meta:
        model = Enterprise
        fields = ENTERPRISE_FIELDS
        widgets = {"founded_on": DateInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["region"].queryset = (
            self.fields["region"].queryset.filter(level__in=["county", "town"]).order_by("path")
        )
        if user is None or not user.has_perm("enterprises.override_uscc"):
            del self.fields["uscc_override_reason"]

    def _post_clean(self):
        # The service normalises and validates (so the form shows the same Chinese errors).
        pass


class EnterpriseBulkEditForm(forms.Form):
    """批量修改: only what a town cadre learns about many enterprises at once (a visit round,
    the market-supervision closure list); blank means unchanged."""

    operating_status = forms.ChoiceField(
        label=_("operating status"),
        choices=[("", _("(unchanged)")), *OperatingStatus.choices],
        required=False,
    )
    has_party_org = TriState(label=_("has a party organisation"))
    is_head_enterprise = TriState(label=_("head enterprise"))
    is_high_profile = TriState(label=_("high-profile enterprise"))


class EnterpriseUnionForm(ScopedModelForm):
    name = forms.CharField(label=_("name"), max_length=150, required=False)

    class Meta:
        model = EnterpriseUnion
        fields = UNION_INPUT_FIELDS
        widgets = {
            "founded_on": DateInput(),
            "approved_on": DateInput(),
            "term_start": DateInput(),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["enterprises"].queryset = self.fields["enterprises"].queryset.order_by("name")
        if self.instance.pk:
            self.fields["name"].initial = self.instance.org_unit.name

    def _post_clean(self):
        pass


class ReelectionForm(forms.ModelForm):
    class Meta:
        model = UnionReelection
        fields = REELECTION_FIELDS
        widgets = {"elected_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    def _post_clean(self):
        pass


class TermDelayForm(forms.ModelForm):
    """登记延期换届: the approval of the next-higher union, as its document says."""

    class Meta:
        model = TermDelay
        fields = DELAY_FIELDS
        widgets = {"delay_until": DateInput(), "approved_on": DateInput()}

    def __init__(self, *args, approvers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if approvers is not None:
            self.fields["approved_by"].queryset = approvers
            self.fields["approved_by"].initial = approvers.first()
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    def _post_clean(self):
        # The service validates (the same Chinese errors for every caller).
        pass


class CampaignForm(ScopedModelForm):
    class Meta:
        model = Campaign
        fields = CAMPAIGN_FIELDS
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.filter(level="county")

    def _post_clean(self):
        pass


class CampaignTargetsForm(forms.Form):
    """One number per town of the campaign's county."""

    def __init__(self, *args, towns=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.towns = list(towns)
        for town in self.towns:
            self.fields[f"town_{town.pk}"] = forms.IntegerField(
                label=town.name,
                min_value=0,
                required=False,
                initial=current.get(town.pk, 0),
                widget=forms.NumberInput(attrs={"class": "form-control"}),
            )

    def targets(self):
        return {t: self.cleaned_data.get(f"town_{t.pk}") or 0 for t in self.towns}


class ContactLogForm(ScopedModelForm):
    class Meta:
        model = ContactLog
        fields = CONTACT_FIELDS
        widgets = {"contacted_on": DateInput(), "next_contact_on": DateInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        current = getattr(self.instance, "enterprise_id", None) or self.initial.get("enterprise")
        current = getattr(current, "pk", current)
        self.fields["enterprise"].queryset = (
            self.fields["enterprise"]
            .queryset.filter(~Q(target_reasons="") | Q(pk=current or 0))
            .order_by("name")
        )

    def _post_clean(self):
        pass
