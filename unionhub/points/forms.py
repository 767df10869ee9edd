"""Forms of the points system. Record forms narrow every choice to the user's scope; the
employee's phone forms offer only their own programme's items and rewards."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.org.choices import AREA_KINDS
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
        fields = ["union", "name", "slogan", "is_active", "expiry_policy", "expiry_years"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = self.fields["union"].queryset.exclude(kind__in=AREA_KINDS)


class PointItemForm(ScopedModelForm):
    class Meta:
        model = PointItem
        fields = [
            "programme",
            "category",
            "code",
            "name",
            "points_min",
            "points_max",
            "cap_count",
            "cap_period",
            "evidence",
            "description",
            "is_active",
            "order",
        ]

    def clean(self):
        data = super().clean()
        low, high = data.get("points_min"), data.get("points_max")
        if low and high and high < low:
            raise ValidationError({"points_max": _("The maximum cannot be below the minimum.")})
        category, programme = data.get("category"), data.get("programme")
        if category and programme and category.programme_id != programme.pk:
            raise ValidationError({"category": _("The category belongs to another programme.")})
        return data


class RewardForm(ScopedModelForm):
    class Meta:
        model = Reward
        fields = [
            "programme",
            "name",
            "description",
            "cost",
            "stock",
            "per_person_limit",
            "is_active",
        ]


class DepartmentForm(ScopedModelForm):
    class Meta:
        model = Department
        fields = ["programme", "name"]


class PointsAccountForm(ScopedModelForm):
    class Meta:
        model = PointsAccount
        fields = ["programme", "user", "department", "employee_no"]


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
