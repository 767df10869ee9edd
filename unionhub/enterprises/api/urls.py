from rest_framework.routers import DefaultRouter

from unionhub.enterprises.api.views import (
    CampaignViewSet,
    ContactLogViewSet,
    EnterpriseUnionViewSet,
    EnterpriseViewSet,
    TermDelayViewSet,
)

router = DefaultRouter(include_root_view=False)
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("enterprise-unions", EnterpriseUnionViewSet, basename="enterpriseunion")
router.register("enterprise-union-delays", TermDelayViewSet, basename="termdelay")
router.register("enterprise-campaigns", CampaignViewSet, basename="campaign")
router.register("enterprise-contacts", ContactLogViewSet, basename="contactlog")

urlpatterns = router.urls
