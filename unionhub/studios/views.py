"""Pages of the studios: generic views per model (``/studios/`` for the studios,
``/studios/alliances/``, …), the actions (re-evaluate, rotate the lead, take and complete a
joint project) and the alliance board."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views import generic

from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedMixin,
)
from unionhub.people.views import register_crud
from unionhub.studios import forms, selectors, services
from unionhub.studios.filtersets import (
    AchievementFilterSet,
    AllianceFilterSet,
    AllianceMembershipFilterSet,
    FundingFilterSet,
    JointProjectFilterSet,
    StudioFilterSet,
    StudioMemberFilterSet,
)
from unionhub.studios.models import (
    ACHIEVEMENT_FIELDS,
    ALLIANCE_FIELDS,
    ALLIANCEMEMBERSHIP_FIELDS,
    FUNDING_FIELDS,
    JOINTPROJECT_FIELDS,
    STUDIO_FIELDS,
    STUDIOMEMBER_FIELDS,
    Achievement,
    Alliance,
    AllianceMembership,
    Funding,
    JointProject,
    Studio,
    StudioMember,
)


def _services(name: str) -> ModelServices:
    return ModelServices(
        create=getattr(services, f"{name}_create"),
        update=getattr(services, f"{name}_update"),
        delete=getattr(services, f"{name}_delete"),
    )


register_crud(
    Studio,
    forms.StudioForm,
    _services("studio"),
    StudioFilterSet,
    (*STUDIO_FIELDS, "region", "reevaluation_due", "last_reevaluated_on"),
    [
        ("name", _("name")),
        ("host_enterprise", _("host enterprise")),
        ("leader", _("leader")),
        ("level", _("level")),
        ("named_on", _("named on")),
        ("reevaluation_due", _("re-evaluation due")),
        ("region", _("region")),
    ],
    ("host_enterprise", "leader", "region"),
    object_actions=(("reevaluate", _("Record the re-evaluation"), "btn-outline-primary"),),
    related=(
        (
            _("Studio achievements"),
            "achievements",
            ("title", "kind", "appraisal_level", "achieved_on", "economic_benefit"),
        ),
        (_("studio members"), "members", ("name", "role", "joined_on")),
        (_("Studio funding"), "fundings", ("received_on", "amount", "source", "purpose")),
        (_("Mentoring"), "mentorships", ("apprentice_name", "started_on", "outcome")),
    ),
)
register_crud(
    StudioMember,
    forms.StudioMemberForm,
    _services("studiomember"),
    StudioMemberFilterSet,
    STUDIOMEMBER_FIELDS,
    [
        ("studio", _("studio")),
        ("name", _("name")),
        ("role", _("role")),
        ("joined_on", _("joined on")),
    ],
    ("studio",),
)
register_crud(
    Achievement,
    forms.AchievementForm,
    _services("achievement"),
    AchievementFilterSet,
    ACHIEVEMENT_FIELDS,
    [
        ("title", _("title")),
        ("studio", _("studio")),
        ("kind", _("kind")),
        ("appraisal_level", _("appraisal level")),
        ("achieved_on", _("achieved on")),
        ("economic_benefit", _("economic benefit (yuan)")),
    ],
    ("studio",),
)
register_crud(
    Alliance,
    forms.AllianceForm,
    _services("alliance"),
    AllianceFilterSet,
    (*ALLIANCE_FIELDS, "lead_since"),
    [
        ("name", _("name")),
        ("parent", _("parent alliance")),
        ("industry", _("industry")),
        ("lead_studio", _("lead studio")),
        ("region", _("region")),
    ],
    ("parent", "lead_studio", "region"),
    object_actions=(("rotate", _("Rotate the lead"), "btn-outline-primary"),),
    related=(
        (_("alliance memberships"), "memberships", ("studio", "joined_on")),
        (_("Joint projects"), "projects", ("title", "status", "taken_by", "posted_on")),
    ),
)
register_crud(
    AllianceMembership,
    forms.AllianceMembershipForm,
    _services("alliancemembership"),
    AllianceMembershipFilterSet,
    ALLIANCEMEMBERSHIP_FIELDS,
    [("alliance", _("alliance")), ("studio", _("studio")), ("joined_on", _("joined on"))],
    ("alliance", "studio"),
)
register_crud(
    JointProject,
    forms.JointProjectForm,
    _services("jointproject"),
    JointProjectFilterSet,
    (
        *JOINTPROJECT_FIELDS,
        "status",
        "taken_by",
        "taken_on",
        "completed_on",
        "outcome",
        "economic_benefit",
    ),
    [
        ("title", _("problem")),
        ("poster", _("posted by")),
        ("posted_on", _("posted on")),
        ("status", _("status")),
        ("taken_by", _("taken by")),
    ],
    ("poster", "taken_by"),
    object_actions=(
        ("take", _("Take the problem"), "btn-outline-primary"),
        ("complete", _("Record the outcome"), "btn-success"),
    ),
)

# Funding is a ledger: list, detail and add only.
FUNDING_SERVICES = ModelServices(create=services.funding_create)


@register_model_view(Funding, "list")
class FundingListView(ObjectListView):
    model = Funding
    filterset_class = FundingFilterSet
    select_related = ("studio",)
    columns = [
        ("studio", _("studio")),
        ("received_on", _("received on")),
        ("amount", _("amount (yuan)")),
        ("source", _("source")),
    ]


@register_model_view(Funding)
class FundingDetailView(ObjectDetailView):
    model = Funding
    select_related = ("studio",)
    fields = list(FUNDING_FIELDS)


@register_model_view(Funding, "add")
class FundingAddView(ObjectEditView):
    model = Funding
    form_class = forms.FundingForm
    services = FUNDING_SERVICES


@register_model_view(Studio, "reevaluate")
class StudioReevaluateView(ObjectActionView):
    model = Studio
    form_class = forms.ReevaluateForm
    service = staticmethod(services.studio_reevaluate)
    title = _("Record the re-evaluation")
    success_message = _("The re-evaluation was recorded.")


@register_model_view(Alliance, "rotate")
class AllianceRotateView(ObjectActionView):
    model = Alliance
    form_class = forms.RotateLeadForm
    service = staticmethod(services.alliance_rotate_lead)
    title = _("Rotate the lead")
    success_message = _("The lead passed to the new studio.")


@register_model_view(JointProject, "take")
class JointProjectTakeView(ObjectActionView):
    model = JointProject
    form_class = forms.TakeProjectForm
    service = staticmethod(services.jointproject_take)
    title = _("Take the problem")
    success_message = _("The studio took the problem.")


@register_model_view(JointProject, "complete")
class JointProjectCompleteView(ObjectActionView):
    model = JointProject
    form_class = forms.CompleteProjectForm
    service = staticmethod(services.jointproject_complete)
    title = _("Record the outcome")
    success_message = _("The outcome was recorded.")


class AllianceBoardView(ScopedMixin, generic.TemplateView):
    """The alliance page: each alliance, its industry sub-alliances and their studios with
    their achievements."""

    model = Alliance
    template_name = "studios/alliance_board.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["board"] = selectors.alliance_board(user=self.request.user)
        rollup = selectors.county_rollup(user=self.request.user)
        ctx["rollup"] = rollup if len(rollup) > 1 else []
        return ctx
