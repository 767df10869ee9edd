from rest_framework.routers import DefaultRouter

from unionhub.members.api.views import JoinApplicationViewSet, MemberViewSet

router = DefaultRouter(include_root_view=False)
# Before "members": its detail route would otherwise take "members/applications/".
router.register("members/applications", JoinApplicationViewSet, basename="member-joinapplication")
router.register("members", MemberViewSet, basename="member")

urlpatterns = router.urls
