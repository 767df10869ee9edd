from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.congress.choices import Satisfaction
from unionhub.congress.models import (
    CONGRESS_FIELDS,
    EVALUATION_FIELDS,
    PROPOSAL_FIELDS,
    REPRESENTATIVE_FIELDS,
    RESOLUTION_FIELDS,
    RUBRIC_FIELDS,
    RUBRIC_ITEM_FIELDS,
    SESSION_FIELDS,
    THRESHOLD_FIELDS,
    Congress,
    Proposal,
    Representative,
    Resolution,
    RubricItem,
    Session,
    StarEvaluation,
    StarRubric,
    StarThreshold,
)
from unionhub.core.forms import ScopedModelForm


def _form(model_, fields_):
    meta = type("Meta", (), {"model": model_, "fields": fields_})
    return type(f"{model_.__name__}Form", (ScopedModelForm,), {"Meta": meta})


CongressForm = _form(Congress, CONGRESS_FIELDS)
RepresentativeForm = _form(Representative, REPRESENTATIVE_FIELDS)
SessionForm = _form(Session, SESSION_FIELDS)
ResolutionForm = _form(Resolution, RESOLUTION_FIELDS)
ProposalForm = _form(Proposal, PROPOSAL_FIELDS)
StarRubricForm = _form(StarRubric, RUBRIC_FIELDS)
RubricItemForm = _form(RubricItem, RUBRIC_ITEM_FIELDS)
StarThresholdForm = _form(StarThreshold, THRESHOLD_FIELDS)
StarEvaluationForm = _form(StarEvaluation, EVALUATION_FIELDS)


class AttendanceForm(forms.Form):
    present = forms.IntegerField(label=_("present"), min_value=0)


class RollCallForm(forms.Form):
    """The roll call of a session: ticks for present and for on leave; the rest are absent."""

    present = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("attendance", "Present"),
        queryset=Representative.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    on_leave = forms.ModelMultipleChoiceField(
        label=_("On leave"),
        queryset=Representative.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        if session is not None:
            listed = session.congress.representatives.order_by("category", "name", "pk")
            marks = dict(session.roll.values_list("representative_id", "status"))
            for name, status in (("present", "present"), ("on_leave", "leave")):
                self.fields[name].queryset = listed
                self.fields[name].initial = [pk for pk, s in marks.items() if s == status]


class AcceptProposalForm(forms.Form):
    handling_unit = forms.CharField(label=_("handling department"), max_length=100)


class DeclineProposalForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=200)


class HandleProposalForm(forms.Form):
    reply = forms.CharField(label=_("reply"), widget=forms.Textarea(attrs={"rows": 3}))
    satisfaction = forms.ChoiceField(
        label=_("satisfaction"), choices=[("", "—"), *Satisfaction.choices], required=False
    )


class ScoreForm(forms.Form):
    """One field per rubric item of the evaluation: points, or a veto checkbox."""

    def __init__(self, *args, evaluation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.evaluation = evaluation
        for score in evaluation.scores.select_related("item").order_by(
            "item__is_veto", "item__order", "item__pk"
        ):
            item = score.item
            name = f"item_{item.pk}"
            label = f"{item.category} · {item.name}"
            if item.is_veto:
                self.fields[name] = forms.BooleanField(
                    label=label, required=False, initial=score.veto_triggered
                )
            else:
                self.fields[name] = forms.IntegerField(
                    label=f"{label}（0–{item.max_points}）",
                    min_value=0,
                    required=False,
                    initial=score.points,
                )

    def service_data(self) -> dict:
        points, vetoes = {}, set()
        for name, value in self.cleaned_data.items():
            item_id = int(name.removeprefix("item_"))
            if isinstance(self.fields[name], forms.BooleanField):
                if value:
                    vetoes.add(item_id)
            else:
                points[item_id] = value or 0
        return {"points": points, "vetoes": vetoes}
