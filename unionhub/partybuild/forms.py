"""Forms of the module: every choice of a related record narrowed to the user's scope;
the rules themselves live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.org.choices import RegionLevel
from unionhub.partybuild.choices import ReviewDecision
from unionhub.partybuild.models import (
    CULTIVATION_FIELDS,
    DEMONSTRATION_FIELDS,
    DEPUTY_FIELDS,
    LECTURE_FIELDS,
    PARTICIPATION_FIELDS,
    PARTY_FACTS_FIELDS,
    Cultivation,
    Demonstration,
    Deputy,
    Lecture,
    Participation,
    PartyFacts,
)


def _member_by_id(form: forms.BaseForm) -> None:
    # A county has thousands of members: the member is entered by its number (shown in the
    # member registry), not picked from a list that would be megabytes long.
    if "member" in form.fields:
        form.fields["member"].widget = forms.NumberInput(attrs={"class": "form-control"})
        form.fields["member"].help_text = _(
            "The member's number in the member registry (optional)."
        )


def _towns_and_counties(form: forms.BaseForm) -> None:
    if "region" in form.fields:
        field = form.fields["region"]
        field.queryset = field.queryset.filter(
            level__in=[RegionLevel.COUNTY, RegionLevel.TOWN]
        ).order_by("path")


class PartyFactsForm(ScopedModelForm):
    class Meta:
        model = PartyFacts
        fields = PARTY_FACTS_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # the facts stay with their enterprise
            del self.fields["enterprise"]


class ParticipationForm(ScopedModelForm):
    class Meta:
        model = Participation
        fields = PARTICIPATION_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # another enterprise or year is another enrolment
            del self.fields["enterprise"]
            del self.fields["year"]


class DemonstrationForm(ScopedModelForm):
    class Meta:
        model = Demonstration
        fields = DEMONSTRATION_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _towns_and_counties(self)


class LectureForm(ScopedModelForm):
    link = forms.URLField(
        label=_("link"),
        required=False,
        assume_scheme="https",
        help_text=_("Where the video or slides are."),
    )

    class Meta:
        model = Lecture
        fields = LECTURE_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _towns_and_counties(self)


class DeputyForm(ScopedModelForm):
    class Meta:
        model = Deputy
        fields = DEPUTY_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _towns_and_counties(self)
        _member_by_id(self)


class CultivationForm(ScopedModelForm):
    class Meta:
        model = Cultivation
        fields = CULTIVATION_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _member_by_id(self)


class ReportSubmitForm(forms.Form):
    submitted_on = forms.DateField(label=_("submitted on"), initial=timezone.localdate)
    content = forms.CharField(
        label=_("what was planned or done"), widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), choices=ReviewDecision.choices)
    comment = forms.CharField(
        label=_("review comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reviewed_on = forms.DateField(
        label=_("reviewed on"), initial=timezone.localdate, required=False
    )
