from rest_framework.routers import DefaultRouter

from unionhub.members.api.views import MemberViewSet

router = DefaultRouter(include_root_view=False)
router.register("members", MemberViewSet, basename="member")

urlpatterns = router.urls
