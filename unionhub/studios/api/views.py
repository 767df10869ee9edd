"""The studios' API: scoped read-only lists and details (``/api/v1/studios/…``)."""

from unionhub.core.api import ScopedReadOnlyViewSet
from unionhub.studios import filtersets as f
from unionhub.studios.api import serializers as s
from unionhub.studios.models import (
    Achievement,
    Alliance,
    AllianceMembership,
    Funding,
    JointProject,
    Studio,
    StudioMember,
)


class StudioViewSet(ScopedReadOnlyViewSet):
    queryset = Studio.objects.all()
    serializer_class = s.StudioSerializer
    filterset_class = f.StudioFilterSet
    select_related = ("region",)


class StudioMemberViewSet(ScopedReadOnlyViewSet):
    queryset = StudioMember.objects.all()
    serializer_class = s.StudioMemberSerializer
    filterset_class = f.StudioMemberFilterSet


class AchievementViewSet(ScopedReadOnlyViewSet):
    queryset = Achievement.objects.all()
    serializer_class = s.AchievementSerializer
    filterset_class = f.AchievementFilterSet


class FundingViewSet(ScopedReadOnlyViewSet):
    queryset = Funding.objects.all()
    serializer_class = s.FundingSerializer
    filterset_class = f.FundingFilterSet


class AllianceViewSet(ScopedReadOnlyViewSet):
    queryset = Alliance.objects.all()
    serializer_class = s.AllianceSerializer
    filterset_class = f.AllianceFilterSet
    select_related = ("region",)


class AllianceMembershipViewSet(ScopedReadOnlyViewSet):
    queryset = AllianceMembership.objects.all()
    serializer_class = s.AllianceMembershipSerializer
    filterset_class = f.AllianceMembershipFilterSet


class JointProjectViewSet(ScopedReadOnlyViewSet):
    queryset = JointProject.objects.all()
    serializer_class = s.JointProjectSerializer
    filterset_class = f.JointProjectFilterSet
