from rest_framework.routers import SimpleRouter

from unionhub.points.api import views

router = SimpleRouter()
router.register("points/accounts", views.PointsAccountViewSet, basename="points-account")
router.register("points/rewards", views.RewardViewSet, basename="points-reward")
router.register("points/redemptions", views.RedemptionViewSet, basename="points-redemption")
router.register("points/submissions", views.SubmissionViewSet, basename="points-submission")
router.register("points/ledger", views.LedgerEntryViewSet, basename="points-ledgerentry")
router.register("points/suggestions", views.SuggestionViewSet, basename="points-suggestion")

urlpatterns = router.urls
