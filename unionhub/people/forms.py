from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.people.choices import VisitKind
from unionhub.people.models import (
    HONOUR_FIELDS,
    MENTORSHIP_FIELDS,
    MODEL_WORKER_FIELDS,
    NOMINATION_FIELDS,
    Honour,
    Mentorship,
    ModelWorker,
    Nomination,
)

#: the member registry is large: a member is picked by its record number, not from a list
MEMBER_ID = forms.NumberInput(attrs={"placeholder": _("member record number")})


class ModelWorkerForm(ScopedModelForm):
    class Meta:
        model = ModelWorker
        fields = MODEL_WORKER_FIELDS
        widgets = {"member": MEMBER_ID}


class HonourForm(ScopedModelForm):
    class Meta:
        model = Honour
        fields = HONOUR_FIELDS


class NominationForm(ScopedModelForm):
    class Meta:
        model = Nomination
        fields = NOMINATION_FIELDS
        widgets = {"member": MEMBER_ID}


class CareVisitForm(forms.Form):
    """A care visit to the person: added to an existing visit of the activity ledger, or a
    new visit of the chosen union on the date."""

    activity = forms.ModelChoiceField(
        label=_("existing visit"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to record a new visit with the union and date below."),
    )
    organiser = forms.ModelChoiceField(label=_("union that visits"), queryset=None, required=False)
    held_on = forms.DateField(label=_("visited on"), required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=VisitKind.choices, initial=VisitKind.FESTIVAL)
    given = forms.CharField(label=_("what was given"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("condolence money (yuan)"), max_digits=10, decimal_places=2, initial=0
    )

    def __init__(self, *args, user=None, **kwargs):
        from unionhub.activities.models import Activity
        from unionhub.org.models import OrgUnit

        super().__init__(*args, **kwargs)
        self.user = user
        from unionhub.org.choices import AREA_KINDS

        activities = Activity.objects.filter(kind="visit").select_related("organiser")
        unions = OrgUnit.objects.filter(kind__in=AREA_KINDS)
        if user is not None:
            activities = activities.visible_to(user)
            unions = unions.visible_to(user)
        self.fields["activity"].queryset = activities.order_by("-held_on", "-pk")
        self.fields["organiser"].queryset = unions
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class MentorshipForm(ScopedModelForm):
    class Meta:
        model = Mentorship
        fields = MENTORSHIP_FIELDS
        widgets = {"apprentice_member": MEMBER_ID}


class NoticeForm(forms.Form):
    notice_from = forms.DateField(label=_("public notice from"))
    notice_to = forms.DateField(label=_("public notice until"))


class AwardForm(forms.Form):
    awarded_on = forms.DateField(label=_("awarded on"))
    awarded_by = forms.CharField(label=_("awarded by"), max_length=100, required=False)
