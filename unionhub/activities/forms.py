"""Forms of the module's pages. Members are picked by their phone number (a select of every
member would be thousands long); the form resolves it inside the user's scope."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.activities.choices import VisitCategory
from unionhub.activities.models import (
    ACTIVITY_FIELDS,
    PROGRAMME_FIELDS,
    SEASON_PLAN_FIELDS,
    SHOW_FIELDS,
    Activity,
    Performer,
    Programme,
    SeasonPlan,
    Show,
    VisitTarget,
)
from unionhub.core.forms import ScopedModelForm


class _MemberByPhone(ScopedModelForm):
    """Adds ``member_phone``: the member with that phone (in the user's scope) becomes
    ``member``; left empty, the record stays unlinked."""

    member_phone = forms.CharField(
        label=_("member's mobile phone"),
        required=False,
        max_length=20,
        help_text=_("Optional: links the record to the registered member with this phone."),
    )

    def clean_member_phone(self):
        from unionhub.members.forms import member_by_identity

        value = (self.cleaned_data.get("member_phone") or "").strip()
        if value:
            self.member = member_by_identity(value, user=self.user)
        return value

    def clean(self):
        data = super().clean()
        data.pop("member_phone", None)
        if hasattr(self, "member"):
            data["member"] = self.member
        elif self.instance.pk is None:
            data["member"] = None
        # editing without a phone keeps the member already linked
        return data


class ActivityForm(ScopedModelForm):
    class Meta:
        model = Activity
        fields = ACTIVITY_FIELDS
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class VisitTargetForm(_MemberByPhone):
    class Meta:
        model = VisitTarget
        fields = ("activity", "model_worker", "name", "category", "given", "amount")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = self.fields["activity"].queryset.filter(kind="visit")
        # A person of the model-worker registry brings their name and category along.
        self.fields["name"].required = False
        self.fields["category"].required = False
        self.fields["model_worker"].queryset = (
            self.fields["model_worker"].queryset.filter(is_active=True).select_related("region")
        )

    def clean(self):
        data = super().clean()
        person = data.get("model_worker")
        if person is not None:
            data["name"] = data.get("name") or person.name
            data["category"] = data.get("category") or VisitCategory.MODEL_WORKER
        if not data.get("name") and "name" not in self.errors:
            self.add_error("name", _("Enter the name of the person visited."))
        if not data.get("category") and "category" not in self.errors:
            self.add_error("category", _("Choose the category of the person visited."))
        return data


class SeasonPlanForm(ScopedModelForm):
    class Meta:
        model = SeasonPlan
        fields = SEASON_PLAN_FIELDS


class ShowForm(ScopedModelForm):
    class Meta:
        model = Show
        fields = SHOW_FIELDS


class ProgrammeForm(ScopedModelForm):
    class Meta:
        model = Programme
        fields = PROGRAMME_FIELDS


class PerformerForm(_MemberByPhone):
    class Meta:
        model = Performer
        fields = ("programme", "name", "employer")


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("photo"), help_text=_("JPG, PNG or WEBP, at most 10 MB."))
    caption = forms.CharField(label=_("caption"), max_length=200, required=False)


class PhotoCaptionForm(forms.Form):
    caption = forms.CharField(label=_("caption"), max_length=200, required=False)


class PhotoRemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("reason for removal"),
        max_length=200,
        required=False,
        help_text=_("The photo leaves the activity; the record of the removal is kept."),
    )


class SignInForm(forms.Form):
    """The participant's phone page (and the host's walk-in form)."""

    name = forms.CharField(label=_("full name"), max_length=50)
    phone = forms.CharField(label=_("mobile phone"), max_length=20, required=False)
    employer_name = forms.CharField(label=_("employer"), max_length=150, required=False)
