from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.bulk import TriState
from unionhub.core.forms import ScopedModelForm
from unionhub.enterprises.choices import OperatingStatus
from unionhub.enterprises.models import (
    CONTACT_FIELDS,
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
        fields = [
            "uscc",
            "name",
            "region",
            "industry_code",
            "ownership",
            "employees",
            "revenue_wan",
            "assets_wan",
            "founded_on",
            "operating_status",
            "has_party_org",
            "is_head_enterprise",
            "is_high_profile",
            "uscc_override_reason",
        ]
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
        fields = [
            "name",
            "enterprises",
            "form",
            "mode",
            "founded_on",
            "approved_on",
            "chair_name",
            "term_start",
            "term_years",
            "member_count",
        ]
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
        fields = ["elected_on", "term_years", "chair_name", "member_count", "note"]
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
        fields = ["delay_until", "approved_by", "approved_on", "document_no", "reason"]
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
        from unionhub.enterprises.models import Campaign

        model = Campaign
        fields = ["name", "year", "region", "starts_on", "ends_on"]
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
        from unionhub.enterprises.models import ContactLog

        model = ContactLog
        fields = list(CONTACT_FIELDS)
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
