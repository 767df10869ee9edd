from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.people.models import (
    CAREVISIT_FIELDS,
    HONOUR_FIELDS,
    MENTORSHIP_FIELDS,
    MODEL_WORKER_FIELDS,
    NOMINATION_FIELDS,
    CareVisit,
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


class CareVisitForm(ScopedModelForm):
    class Meta:
        model = CareVisit
        fields = CAREVISIT_FIELDS


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
