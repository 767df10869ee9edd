from rest_framework.routers import SimpleRouter

from unionhub.org.api.views import OrgUnitViewSet, RegionViewSet

router = SimpleRouter()
router.register("org/regions", RegionViewSet, basename="org-region")
router.register("org/units", OrgUnitViewSet, basename="org-orgunit")

urlpatterns = router.urls
