"""Forms of the points system. Record forms narrow every choice to the user's scope; the
employee's phone forms offer only their own programme's items and rewards."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.org.choices import AREA_KINDS
from unionhub.points.fields import (
    DEPARTMENT_FIELDS,
    POINTITEM_FIELDS,
    POINTSACCOUNT_FIELDS,
    PROGRAMME_FIELDS,
    REWARD_FIELDS,
)
from unionhub.points.models import (
    Department,
    PointItem,
    PointsAccount,
    Programme,
    Reward,
    RulesVersion,
    validate_evidence_file,
)


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        w = field.widget
        css = "form-select" if isinstance(w, forms.Select) else "form-control"
        w.attrs.setdefault("class", css)


class ProgrammeForm(ScopedModelForm):
    class Meta:
        model = Programme
        fields = list(PROGRAMME_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = self.fields["union"].queryset.exclude(kind__in=AREA_KINDS)


class PointItemForm(ScopedModelForm):
    class Meta:
        model = PointItem
        fields = list(POINTITEM_FIELDS)

    def clean(self):
        # The service's rule, run here too so the constraint check of the model never
        # meets an inverted range (the service runs it again on every path).
        from unionhub.points.services.programmes import check_pointitem

        data = super().clean()
        check_pointitem(data, self.instance)
        return data


class RewardForm(ScopedModelForm):
    class Meta:
        model = Reward
        fields = list(REWARD_FIELDS)


class DepartmentForm(ScopedModelForm):
    class Meta:
        model = Department
        fields = list(DEPARTMENT_FIELDS)


class PointsAccountForm(ScopedModelForm):
    class Meta:
        model = PointsAccount
        fields = list(POINTSACCOUNT_FIELDS)


class RulesVersionForm(forms.ModelForm):
    class Meta:
        model = RulesVersion
        fields = ["title", "effective_from", "document", "summary"]
        widgets = {"effective_from": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class MobileSubmissionForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Point item"), queryset=PointItem.objects.none())
    description = forms.CharField(
        label=_("Description"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = forms.FileField(
        label=_("Evidence (photo or PDF)"),
        required=False,
        help_text=_(
            "jpg, png, webp or pdf, at most 10 MB; required unless the item needs no evidence."
        ),
    )

    def __init__(self, *args: Any, items=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if items is not None:
            self.fields["item"].queryset = items
        # No ``capture``: the phone offers both the camera and a stored photo or PDF.
        self.fields["photo"].widget.attrs.update(
            accept="image/jpeg,image/png,image/webp,application/pdf"
        )
        _style(self)

    def clean_photo(self):
        # Same check as the model field (the service runs it again for the API).
        photo = self.cleaned_data.get("photo")
        if photo:
            validate_evidence_file(photo)
        return photo


class ReviewForm(forms.Form):
    points = forms.IntegerField(label=_("Points"), required=False, min_value=0)
    note = forms.CharField(label=_("Note or reason"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class BatchAwardForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Point item"), queryset=PointItem.objects.none())
    activity = forms.CharField(label=_("Activity"), max_length=80)
    occurred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    points = forms.IntegerField(label=_("Points each"), min_value=1)
    participants = forms.CharField(
        label=_("Participants"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Usernames or employee numbers, one per line or separated by commas."),
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = programme.items.filter(is_active=True)
        _style(self)


class SuggestionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    content = forms.CharField(
        label=_("Content"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


# --- action forms (one per ObjectActionView) ------------------------------------------------


class AdjustForm(forms.Form):
    points = forms.IntegerField(label=_("Points (±)"))
    reason = forms.CharField(label=_("Reason for the adjustment"), max_length=200, required=False)


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the reversal"), max_length=200, required=False)


class ApproveForm(forms.Form):
    points = forms.IntegerField(label=_("Points"), required=False, min_value=0)
    note = forms.CharField(label=_("Note or reason"), max_length=300, required=False)


class RejectForm(forms.Form):
    note = forms.CharField(label=_("Note or reason"), max_length=300, required=False)


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("Appeal against the rejection (once only)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppealDecisionForm(ApproveForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("uphold", _("Uphold and award")), ("dismiss", _("Dismiss"))],
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class SuggestionEvaluateForm(forms.Form):
    estimated_benefit = forms.DecimalField(
        label=_("Estimated benefit (yuan)"), max_digits=14, decimal_places=2
    )
    evaluation = forms.CharField(label=_("Evaluation"), max_length=500, required=False)


class SuggestionDecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("adopt", _("Adopt")), ("reject", _("Reject"))]
    )


class SuggestionImplementForm(forms.Form):
    realized_benefit = forms.DecimalField(
        label=_("Realized benefit (yuan)"), max_digits=14, decimal_places=2
    )
    department = forms.ModelChoiceField(
        label=_("Realizing department"), queryset=Department.objects.none(), required=False
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = programme.departments.all()
