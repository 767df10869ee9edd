"""Forms of the governance pages (the fields come from the models' field lists)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.governance.choices import ReportStatus
from unionhub.governance.models import (
    GRID_FIELDS,
    HARMONIOUS_FIELDS,
    LAYOFF_FIELDS,
    MEETING_FIELDS,
    MEETINGTASK_FIELDS,
    REPORT_FIELDS,
    Grid,
    GridMembership,
    GridWorker,
    HarmoniousUnit,
    JointMeeting,
    LayoffPlan,
    MeetingTask,
    MonitoringPoint,
    RiskReport,
)


class GridForm(ScopedModelForm):
    class Meta:
        model = Grid
        fields = GRID_FIELDS


class _PhoneForm(ScopedModelForm):
    """A model form with the protected mobile number as a plain field."""

    phone = forms.CharField(label=_("mobile phone"), max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["phone"] = self.instance.phone_for(self.user)
        self.fields["phone"].widget.attrs.setdefault("class", "form-control")


class GridWorkerForm(_PhoneForm):
    class Meta:
        model = GridWorker
        fields = ("grid", "name", "phone", "role")


class MembershipForm(ScopedModelForm):
    class Meta:
        model = GridMembership
        fields = ("grid", "enterprise", "assigned_on")


class MonitoringPointForm(_PhoneForm):
    class Meta:
        model = MonitoringPoint
        fields = ("enterprise", "informant_name", "phone", "designated_on", "is_active")


class ReportForm(ScopedModelForm):
    class Meta:
        model = RiskReport
        fields = REPORT_FIELDS
        widgets = {"facts": forms.Textarea(attrs={"rows": 3})}


class DisposalForm(forms.Form):
    acted_on = forms.DateField(label=_("acted on"))
    action = forms.CharField(label=_("action taken"), widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.CharField(
        label=_("result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    resolved_reports = forms.ModelMultipleChoiceField(
        label=_("reports resolved"),
        queryset=RiskReport.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, warning=None, **kwargs):
        super().__init__(*args, **kwargs)
        if warning is not None:
            self.fields["resolved_reports"].queryset = warning.reports.filter(
                status=ReportStatus.OPEN
            ).select_related("indicator", "level")


class ReevaluateForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, max_length=300)


class CloseForm(forms.Form):
    closure_reason = forms.CharField(
        label=_("closure reason"), widget=forms.Textarea(attrs={"rows": 3})
    )


class HarmoniousForm(ScopedModelForm):
    class Meta:
        model = HarmoniousUnit
        fields = HARMONIOUS_FIELDS


class EvaluateForm(forms.Form):
    score = forms.DecimalField(label=_("evaluation score"), max_digits=5, decimal_places=1)
    evaluation = forms.CharField(
        label=_("evaluation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DesignateForm(forms.Form):
    designated_on = forms.DateField(label=_("designated on"))


class RejectForm(forms.Form):
    evaluation = forms.CharField(
        label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LayoffForm(ScopedModelForm):
    class Meta:
        model = LayoffPlan
        fields = LAYOFF_FIELDS


class ConsultedForm(forms.Form):
    consulted_on = forms.DateField(label=_("consultation held on"))


class MeetingForm(ScopedModelForm):
    class Meta:
        model = JointMeeting
        fields = (*MEETING_FIELDS, "warnings", "enterprises")
        widgets = {
            "participants": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        warnings = self.fields["warnings"]
        warnings.queryset = warnings.queryset.select_related("enterprise", "level").order_by(
            "status", "-level__rank", "pk"
        )
        warnings.label_from_instance = lambda w: f"{w.level.name} · {w.enterprise}"
        self.fields["enterprises"].required = False
        warnings.required = False


class MeetingTaskForm(forms.ModelForm):
    class Meta:
        model = MeetingTask
        fields = MEETINGTASK_FIELDS

    def __init__(self, *args, user=None, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from unionhub.accounts.models import User

        owners = User.objects.filter(is_active=True, org_unit__isnull=False)
        if meeting is not None:
            # people of the meeting's area and of the unions above it
            path = meeting.region.path
            parts = [p for p in path.split("/") if p]
            above = ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]
            owners = owners.filter(
                Q(org_unit__region__path__startswith=path) | Q(org_unit__region__path__in=above)
            )
        self.fields["owner"].queryset = owners.order_by("username")


class MeetingTaskDoneForm(forms.Form):
    done_on = forms.DateField(label=_("done on"))
    result = forms.CharField(label=_("result"), widget=forms.Textarea(attrs={"rows": 3}))
