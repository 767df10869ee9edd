"""Forms of collective bargaining: the record forms (fields from ``models``) and one small
form per action on a case, a representative, a campaign or an offer."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.bargaining.choices import OfferStatus
from unionhub.bargaining.models import (
    CAMPAIGN_FIELDS,
    CASE_FIELDS,
    CLAUSE_FIELDS,
    DRAFT_FIELDS,
    MINIMUM_WAGE_FIELDS,
    REPRESENTATIVE_FIELDS,
    SESSION_FIELDS,
    WAGE_STANDARD_FIELDS,
    BargainingCase,
    BargainingSession,
    ContractDraft,
    MinimumWage,
    OfferCampaign,
    Representative,
    StandardClause,
    WageStandard,
)
from unionhub.core.forms import ScopedFilterForm, ScopedModelForm
from unionhub.enterprises.choices import SizeClass
from unionhub.members.choices import KeyGroup
from unionhub.members.forms import MemberIdentityField, member_by_identity
from unionhub.org.models import Region


class CaseForm(ScopedModelForm):
    class Meta:
        model = BargainingCase
        fields = CASE_FIELDS
        widgets = {
            "covered_enterprises": forms.SelectMultiple(attrs={"size": 8}),
        }


class _LinksMember:
    """``member_identity`` becomes ``member`` (the member with that ID number or phone in
    the user's scope); the number itself is never stored on the representative."""

    def clean_member_identity(self):
        value = (self.cleaned_data.get("member_identity") or "").strip()
        if value:
            self.cleaned_data["member"] = member_by_identity(value, user=self.user)
        return ""

    def clean(self):
        data = super().clean()
        data.pop("member_identity", None)
        return data


class RepresentativeForm(_LinksMember, ScopedModelForm):
    member_identity = MemberIdentityField()

    class Meta:
        model = Representative
        fields = REPRESENTATIVE_FIELDS


class CampaignForm(ScopedModelForm):
    class Meta:
        model = OfferCampaign
        fields = CAMPAIGN_FIELDS


class VoteForm(forms.Form):
    total = forms.IntegerField(label=_("entitled to vote"), min_value=0)
    present = forms.IntegerField(label=pgettext_lazy("bargaining", "present"), min_value=0)
    yes = forms.IntegerField(label=_("yes votes"), min_value=0)
    declared_adopted = forms.BooleanField(
        label=_("the meeting declared the draft adopted"), required=False
    )


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("signed on"))
    term_start = forms.DateField(label=pgettext_lazy("bargaining", "term starts"), required=False)
    term_years = forms.IntegerField(
        label=pgettext_lazy("bargaining", "term (years)"), required=False, min_value=0
    )


class FileForm(forms.Form):
    filed_on = forms.DateField(label=_("filed on"))


class ReceiptForm(forms.Form):
    received_on = forms.DateField(label=_("received by the labour administration on"))


class ObjectionForm(forms.Form):
    objection_on = forms.DateField(label=_("objection raised on"))
    objection_note = forms.CharField(label=_("objection"), max_length=300)


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("published on"))


class VacateForm(forms.Form):
    vacated_on = forms.DateField(label=_("seat vacated on"))


class ReplaceForm(_LinksMember, forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=50)
    position = forms.CharField(label=_("position"), max_length=100, required=False)
    member_identity = MemberIdentityField()
    is_outside_expert = forms.BooleanField(label=_("outside expert"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class SendForm(ScopedFilterForm):
    """Which enterprises receive the campaign's offers."""

    sent_on = forms.DateField(label=_("sent on"))
    region = forms.ModelChoiceField(
        label=_("region"),
        queryset=Region.objects.filter(level__in=["county", "town"]),
        required=False,
    )
    industry_code = forms.CharField(label=_("industry code"), max_length=5, required=False)
    key_group = forms.ChoiceField(
        label=_("key group"), choices=[("", "—"), *KeyGroup.choices], required=False
    )
    size_classes = forms.MultipleChoiceField(
        label=_("size"),
        choices=SizeClass.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    limit = forms.IntegerField(
        label=_("at most this many enterprises"), min_value=1, max_value=500, initial=20
    )


class ReceiveForm(forms.Form):
    received_on = forms.DateField(label=pgettext_lazy("bargaining", "received on"))


class RespondForm(forms.Form):
    responded_on = forms.DateField(label=_("responded on"))
    agrees = forms.BooleanField(label=_("agrees to bargain"), required=False, initial=True)


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"),
        choices=[
            (s, s.label) for s in (OfferStatus.AGREED, OfferStatus.SUSPENDED, OfferStatus.FAILED)
        ],
    )


class CoverageForm(forms.Form):
    on = forms.DateField(
        label=pgettext_lazy("bargaining", "In force on"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control"}),
    )


class WageStandardForm(ScopedModelForm):
    class Meta:
        model = WageStandard
        fields = WAGE_STANDARD_FIELDS


class MinimumWageForm(ScopedModelForm):
    class Meta:
        model = MinimumWage
        fields = MINIMUM_WAGE_FIELDS


def _case_id(form) -> str | None:
    value = form.data.get("case") or form.initial.get("case")
    if value is None and form.instance.pk:
        value = form.instance.case_id
    return str(getattr(value, "pk", value)) if value else None


class SessionForm(ScopedModelForm):
    """A meeting record; once the case is known, the chair is one of its sitting chiefs
    and the attendees are its sitting representatives."""

    class Meta:
        model = BargainingSession
        fields = SESSION_FIELDS
        widgets = {"attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case_id = _case_id(self)
        if case_id and case_id.isdigit():
            reps = self.fields["attendees"].queryset.filter(case_id=case_id)
            self.fields["attendees"].queryset = reps.filter(vacated_on__isnull=True)
            self.fields["chair"].queryset = reps.filter(is_chief=True, vacated_on__isnull=True)
        if self.instance.pk:
            self.fields["case"].disabled = True


class DraftForm(ScopedModelForm):
    library_clauses = forms.ModelMultipleChoiceField(
        label=_("add standard clauses"),
        queryset=StandardClause.objects.filter(is_active=True).order_by("topic", "title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Appended to the text, numbered after its last clause."),
    )

    class Meta:
        model = ContractDraft
        fields = DRAFT_FIELDS
        widgets = {"text": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case_id = _case_id(self)
        if case_id and case_id.isdigit():
            self.fields["session"].queryset = self.fields["session"].queryset.filter(
                case_id=case_id
            )


class ClauseForm(ScopedModelForm):
    class Meta:
        model = StandardClause
        fields = CLAUSE_FIELDS
