"""Forms of the social-worker archives (parse input only; the rules are in the services)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.org.choices import OrgKind
from unionhub.socialwork.models import (
    ASSESSMENT_ROUND_FIELDS,
    MONTHLY_RECORD_FIELDS,
    POSTING_FIELDS,
    QUALIFICATION_FIELDS,
    QUARTERLY_REPORT_FIELDS,
    SOCIAL_WORKER_FIELDS,
    STUDY_SESSION_FIELDS,
    TRAINING_FIELDS,
    AssessmentRound,
    MonthlyRecord,
    Posting,
    Qualification,
    QuarterlyReport,
    SocialWorker,
    StudySession,
    Training,
)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


class SocialWorkerForm(ScopedModelForm):
    """The archive's head. ID number and phone are entered in clear and stored encrypted;
    on edit the stored values are shown masked and kept when the field is left blank."""

    id_number = forms.CharField(label=_("ID number"), max_length=20, required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)

    class Meta:
        model = SocialWorker
        fields = SOCIAL_WORKER_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["id_number"].widget.attrs["placeholder"] = self.instance.id_number_for(None)
            self.fields["phone"].widget.attrs["placeholder"] = self.instance.phone_for(None)
            self.fields["id_number"].help_text = _("Leave blank to keep the stored number.")
            self.fields["phone"].help_text = _("Leave blank to keep the stored number.")
        self.order_fields(["name", "id_number", "phone"])


class PostingForm(ScopedModelForm):
    class Meta:
        model = Posting
        fields = POSTING_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        union = self.fields["union"]
        union.queryset = union.queryset.filter(kind=OrgKind.TOWN_FEDERATION)


class QualificationForm(ScopedModelForm):
    class Meta:
        model = Qualification
        fields = QUALIFICATION_FIELDS


class TrainingForm(ScopedModelForm):
    class Meta:
        model = Training
        fields = TRAINING_FIELDS


class MonthlyRecordForm(ScopedModelForm):
    month = forms.DateField(
        label=_("month"), widget=MonthInput(), input_formats=["%Y-%m", "%Y-%m-%d"]
    )

    class Meta:
        model = MonthlyRecord
        fields = MONTHLY_RECORD_FIELDS


class QuarterlyReportForm(ScopedModelForm):
    class Meta:
        model = QuarterlyReport
        fields = QUARTERLY_REPORT_FIELDS


class StudySessionForm(ScopedModelForm):
    class Meta:
        model = StudySession
        fields = STUDY_SESSION_FIELDS
        widgets = {"participants": forms.SelectMultiple(attrs={"size": 10})}


class CriteriaField(forms.CharField):
    """The scoring scheme as one criterion a line, ``名称=权重`` (e.g. ``竞赛比武=15``)."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(f"{c.get('name', '')}={c.get('weight', '')}" for c in value)
        return value

    def to_python(self, value: Any) -> list[dict[str, Any]]:
        text = super().to_python(value)
        criteria = []
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            name, sep, weight = line.replace("＝", "=").rpartition("=")
            if not sep:
                raise forms.ValidationError(
                    _gettext("Line %(n)d: write a criterion as name=weight, e.g. 竞赛比武=15.")
                    % {"n": number},
                    code="criterion_format",
                )
            criteria.append({"name": name.strip(), "weight": weight.strip()})
        return criteria


class AssessmentRoundForm(ScopedModelForm):
    criteria = CriteriaField(
        label=_("scoring scheme"),
        required=False,
        help_text=_(
            "One criterion a line as name=weight; the weights add up to 100. Empty: "
            "county union 40, post 30, contests 15, honours 15."
        ),
    )

    class Meta:
        model = AssessmentRound
        fields = ASSESSMENT_ROUND_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        union = self.fields["union"]
        union.queryset = union.queryset.filter(
            kind__in=[OrgKind.COUNTY_FEDERATION, OrgKind.TOWN_FEDERATION, OrgKind.CITY_FEDERATION]
        )


class AssessmentScoreForm(forms.Form):
    """One social worker's scores in a round: a field per criterion of its scheme."""

    worker = forms.ModelChoiceField(label=_("social worker"), queryset=SocialWorker.objects.none())
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args: Any, round_: AssessmentRound, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.round = round_
        self.fields["worker"].queryset = (
            SocialWorker.objects.visible_to(user)
            .filter(union__path__startswith=round_.union.path, hired_on__year__lte=round_.year)
            .order_by("name")
        )
        for index, criterion in enumerate(round_.criteria):
            self.fields[f"score_{index}"] = forms.DecimalField(
                label=f"{criterion['name']}（{criterion['weight']}%）",
                min_value=Decimal("0"),
                max_value=Decimal("100"),
                decimal_places=1,
            )
        self.order_fields(["worker", *(f"score_{i}" for i in range(len(round_.criteria))), "note"])

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "worker": data["worker"],
            "note": data.get("note", ""),
            "scores": {c["name"]: data[f"score_{i}"] for i, c in enumerate(self.round.criteria)},
        }


class OwnMonthlyRecordForm(forms.ModelForm):
    """The social worker's own monthly record (the archive is theirs, not chosen)."""

    month = forms.DateField(
        label=_("month"), widget=MonthInput(), input_formats=["%Y-%m", "%Y-%m-%d"]
    )

    class Meta:
        model = MonthlyRecord
        fields = ("month", "summary", "cases", "visits", "hours")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("review note"), max_length=200, required=False)
