"""The governance API: read-only lists (the KPIs' records) and filing reports."""

from unionhub.core.api import ScopedModelViewSet, ScopedReadOnlyViewSet
from unionhub.core.services import ModelServices
from unionhub.governance import services
from unionhub.governance.api import serializers as s
from unionhub.governance.filtersets import (
    GridFilterSet,
    HarmoniousFilterSet,
    LayoffFilterSet,
    MeetingFilterSet,
    MembershipFilterSet,
    MonitoringPointFilterSet,
    ReportFilterSet,
    WarningFilterSet,
)
from unionhub.governance.models import (
    Grid,
    GridMembership,
    HarmoniousUnit,
    JointMeeting,
    LayoffPlan,
    MonitoringPoint,
    RiskReport,
    RiskWarning,
)


class GridViewSet(ScopedReadOnlyViewSet):
    queryset = Grid.objects.all()
    serializer_class = s.GridSerializer
    filterset_class = GridFilterSet
    select_related = ("region",)


class MembershipViewSet(ScopedReadOnlyViewSet):
    queryset = GridMembership.objects.all()
    serializer_class = s.MembershipSerializer
    filterset_class = MembershipFilterSet  # size_group, grid_kind, region
    select_related = ("enterprise", "grid")


class MonitoringPointViewSet(ScopedReadOnlyViewSet):
    queryset = MonitoringPoint.objects.all()
    serializer_class = s.MonitoringPointSerializer
    filterset_class = MonitoringPointFilterSet
    select_related = ("enterprise",)


class ReportViewSet(ScopedModelViewSet):
    """``POST`` files a report (monitoring points' informants, grid workers, staff): the
    rules judge it and open or raise the enterprise's warning."""

    queryset = RiskReport.objects.all()
    serializer_class = s.ReportSerializer
    filterset_class = ReportFilterSet
    select_related = ("enterprise", "indicator", "level")
    http_method_names = ["get", "post", "head", "options"]
    services = ModelServices(create=services.report_file)


class WarningViewSet(ScopedReadOnlyViewSet):
    queryset = RiskWarning.objects.all()
    serializer_class = s.WarningSerializer
    filterset_class = WarningFilterSet  # status, level, region
    select_related = ("enterprise", "level")


class HarmoniousViewSet(ScopedReadOnlyViewSet):
    queryset = HarmoniousUnit.objects.all()
    serializer_class = s.HarmoniousSerializer
    filterset_class = HarmoniousFilterSet  # in_force_on, level, year, region
    select_related = ("region",)


class LayoffViewSet(ScopedReadOnlyViewSet):
    queryset = LayoffPlan.objects.all()
    serializer_class = s.LayoffSerializer
    filterset_class = LayoffFilterSet


class MeetingViewSet(ScopedReadOnlyViewSet):
    """ "1+1+N" joint meetings with their follow-up tasks (read only)."""

    queryset = JointMeeting.objects.all()
    serializer_class = s.MeetingSerializer
    filterset_class = MeetingFilterSet
    select_related = ("region", "convener")
    prefetch_related = ("warnings", "enterprises", "tasks__owner")
