"""API viewsets: every query through ``visible_to``, every write through the services."""

from __future__ import annotations

from django.db.models import Count

from unionhub.activities import filtersets
from unionhub.activities.api import serializers
from unionhub.activities.models import (
    Activity,
    Performer,
    Programme,
    SeasonPlan,
    Show,
    SignIn,
    VisitTarget,
)
from unionhub.activities.views import (
    ACTIVITY_SERVICES,
    PERFORMER_SERVICES,
    PROGRAMME_SERVICES,
    SEASON_PLAN_SERVICES,
    SHOW_SERVICES,
    SIGNIN_SERVICES,
    VISIT_TARGET_SERVICES,
)
from unionhub.core.api import ScopedModelViewSet


class _ScopedViewSet(ScopedModelViewSet):
    def http_method_not_allowed(self, request, *args, **kwargs):
        # An object outside the caller's scope is 404 whatever the method (contract).
        if self.kwargs.get("pk") is not None:
            self.get_object()
        return super().http_method_not_allowed(request, *args, **kwargs)


class ActivityViewSet(_ScopedViewSet):
    queryset = Activity.objects.all()
    serializer_class = serializers.ActivitySerializer
    filterset_class = filtersets.ActivityFilterSet  # kind, organiser, series, region, dates
    select_related = ("organiser",)
    services = ACTIVITY_SERVICES

    def get_queryset(self):
        return super().get_queryset().annotate(signin_total=Count("signins"))


class VisitTargetViewSet(_ScopedViewSet):
    queryset = VisitTarget.objects.all()
    serializer_class = serializers.VisitTargetSerializer
    filterset_class = filtersets.VisitTargetFilterSet  # activity, category, kind, region, dates
    select_related = ("activity",)
    services = VISIT_TARGET_SERVICES


class SignInViewSet(_ScopedViewSet):
    """Read and remove; sign-ins are made by the signed link or the walk-in form."""

    queryset = SignIn.objects.all()
    serializer_class = serializers.SignInSerializer
    filterset_class = filtersets.SignInFilterSet
    http_method_names = ["get", "head", "options", "delete"]
    services = SIGNIN_SERVICES


class SeasonPlanViewSet(_ScopedViewSet):
    queryset = SeasonPlan.objects.all()
    serializer_class = serializers.SeasonPlanSerializer
    filterset_class = filtersets.SeasonPlanFilterSet  # organiser, year, region
    services = SEASON_PLAN_SERVICES


class ShowViewSet(_ScopedViewSet):
    queryset = Show.objects.all()
    serializer_class = serializers.ShowSerializer
    filterset_class = filtersets.ShowFilterSet  # organiser, plan, is_special, theme, region, dates
    services = SHOW_SERVICES


class ProgrammeViewSet(_ScopedViewSet):
    queryset = Programme.objects.all()
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = filtersets.ProgrammeFilterSet
    services = PROGRAMME_SERVICES


class PerformerViewSet(_ScopedViewSet):
    queryset = Performer.objects.all()
    serializer_class = serializers.PerformerSerializer
    filterset_class = filtersets.PerformerFilterSet
    services = PERFORMER_SERVICES
