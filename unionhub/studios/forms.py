from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.studios.models import (
    ACHIEVEMENT_FIELDS,
    ALLIANCE_FIELDS,
    ALLIANCEMEMBERSHIP_FIELDS,
    FUNDING_FIELDS,
    JOINTPROJECT_FIELDS,
    STUDIO_FIELDS,
    STUDIOMEMBER_FIELDS,
    Achievement,
    Alliance,
    AllianceMembership,
    Funding,
    JointProject,
    Studio,
    StudioMember,
)


class StudioForm(ScopedModelForm):
    class Meta:
        model = Studio
        fields = STUDIO_FIELDS


class StudioMemberForm(ScopedModelForm):
    class Meta:
        model = StudioMember
        fields = STUDIOMEMBER_FIELDS
        widgets = {"member": forms.NumberInput()}


class AchievementForm(ScopedModelForm):
    class Meta:
        model = Achievement
        fields = ACHIEVEMENT_FIELDS


class FundingForm(ScopedModelForm):
    class Meta:
        model = Funding
        fields = FUNDING_FIELDS


class AllianceForm(ScopedModelForm):
    class Meta:
        model = Alliance
        fields = ALLIANCE_FIELDS


class AllianceMembershipForm(ScopedModelForm):
    class Meta:
        model = AllianceMembership
        fields = ALLIANCEMEMBERSHIP_FIELDS


class JointProjectForm(ScopedModelForm):
    class Meta:
        model = JointProject
        fields = JOINTPROJECT_FIELDS


class ReevaluateForm(forms.Form):
    reevaluated_on = forms.DateField(label=_("re-evaluated on"))
    passed = forms.BooleanField(label=_("passed"), required=False, initial=True)
    note = forms.CharField(label=_("note"), required=False, max_length=200)


class RotateLeadForm(forms.Form):
    lead_studio = forms.ModelChoiceField(label=_("new lead studio"), queryset=Studio.objects.none())
    since = forms.DateField(label=_("lead since"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["lead_studio"].queryset = Studio.objects.visible_to(user)


class TakeProjectForm(forms.Form):
    studio = forms.ModelChoiceField(label=_("studio"), queryset=Studio.objects.none())
    taken_on = forms.DateField(label=_("taken on"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["studio"].queryset = Studio.objects.visible_to(user).filter(is_active=True)


class CompleteProjectForm(forms.Form):
    completed_on = forms.DateField(label=_("completed on"))
    solved = forms.BooleanField(label=_("solved"), required=False, initial=True)
    outcome = forms.CharField(label=_("outcome"), widget=forms.Textarea(attrs={"rows": 3}))
    economic_benefit = forms.DecimalField(
        label=_("economic benefit (yuan)"), max_digits=14, decimal_places=2, initial=0
    )
