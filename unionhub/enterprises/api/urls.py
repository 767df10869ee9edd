from rest_framework.routers import DefaultRouter

from unionhub.enterprises.api.views import EnterpriseUnionViewSet, EnterpriseViewSet

router = DefaultRouter(include_root_view=False)
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("enterprise-unions", EnterpriseUnionViewSet, basename="enterpriseunion")

urlpatterns = router.urls
