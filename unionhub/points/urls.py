from django.urls import path

from unionhub.points import views

app_name = "points"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="programme_list"),
    path("m/", views.MobileView.as_view(), name="mobile"),
    path("statistics/", views.RollupView.as_view(), name="rollup"),
    path("programmes/add/", views.ProgrammeEditView.as_view(), name="programme_add"),
    path("programmes/<int:pk>/", views.ProgrammeView.as_view(), name="programme"),
    path("programmes/<int:pk>/edit/", views.ProgrammeEditView.as_view(), name="programme_edit"),
    path(
        "programmes/<int:pk>/rules/", views.RulesVersionAddView.as_view(), name="rulesversion_add"
    ),
    path("programmes/<int:pk>/award/", views.BatchAwardView.as_view(), name="award_batch"),
    path("items/", views.PointItemListView.as_view(), name="pointitem_list"),
    path("items/add/", views.PointItemEditView.as_view(), name="pointitem_add"),
    path("items/<int:pk>/", views.PointItemView.as_view(), name="pointitem"),
    path("items/<int:pk>/edit/", views.PointItemEditView.as_view(), name="pointitem_edit"),
    path("rewards/", views.RewardListView.as_view(), name="reward_list"),
    path("rewards/add/", views.RewardEditView.as_view(), name="reward_add"),
    path("rewards/<int:pk>/", views.RewardView.as_view(), name="reward"),
    path("rewards/<int:pk>/edit/", views.RewardEditView.as_view(), name="reward_edit"),
    path("accounts/", views.PointsAccountListView.as_view(), name="pointsaccount_list"),
    path("accounts/add/", views.PointsAccountEditView.as_view(), name="pointsaccount_add"),
    path("accounts/<int:pk>/", views.PointsAccountView.as_view(), name="pointsaccount"),
    path(
        "accounts/<int:pk>/edit/", views.PointsAccountEditView.as_view(), name="pointsaccount_edit"
    ),
    path("departments/", views.DepartmentListView.as_view(), name="department_list"),
    path("departments/add/", views.DepartmentEditView.as_view(), name="department_add"),
    path("departments/<int:pk>/", views.DepartmentView.as_view(), name="department"),
    path("departments/<int:pk>/edit/", views.DepartmentEditView.as_view(), name="department_edit"),
    path("ledger/", views.LedgerEntryListView.as_view(), name="ledgerentry_list"),
    path("ledger/<int:pk>/", views.LedgerEntryView.as_view(), name="ledgerentry"),
    path("review/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("submissions/", views.SubmissionListView.as_view(), name="submission_list"),
    path("submissions/<int:pk>/", views.SubmissionView.as_view(), name="submission"),
    path(
        "submissions/<int:pk>/evidence/",
        views.SubmissionEvidenceView.as_view(),
        name="submission_evidence",
    ),
    path("redemptions/", views.RedemptionListView.as_view(), name="redemption_list"),
    path("redemptions/<int:pk>/", views.RedemptionView.as_view(), name="redemption"),
    path("suggestions/", views.SuggestionListView.as_view(), name="suggestion_list"),
    path("suggestions/<int:pk>/", views.SuggestionView.as_view(), name="suggestion"),
]
