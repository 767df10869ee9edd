"""Enterprise points (阜宁's brand): what the module adds to the platform."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page
from unionhub.points import views
from unionhub.points.api import views as api
from unionhub.points.dashboard import cards

WORKER_PERMISSIONS = [
    "points.view_pointsaccount",
    "points.view_ledgerentry",
    "points.view_submission",
    "points.add_submission",
    "points.view_appeal",
    "points.add_appeal",
    "points.view_reward",
    "points.view_redemption",
    "points.add_redemption",
    "points.view_suggestion",
    "points.add_suggestion",
]

role_grants = {
    "city_admin": ["points.*"],
    "county_admin": ["points.*"],
    "town_cadre": ["points.view_*"],
    "union_chair": ["points.*"],
    "worker": WORKER_PERMISSIONS,
}

menu = [
    page_item(
        "points:mobile", _("My points"), icon="star", permission="points.add_submission", order=400
    ),
    model_item("points.programme", _("Points programmes"), icon="award", order=401),
    page_item(
        "points:review_queue",
        _("Review queue"),
        icon="checklist",
        permission="points.review_submission",
        order=402,
    ),
    model_item(
        "points.submission",
        _("Submissions"),
        icon="file-text",
        permission="points.change_submission",
        order=403,
    ),
    model_item(
        "points.suggestion",
        _("Rationalization suggestions"),
        icon="bulb",
        permission="points.change_suggestion",
        order=404,
    ),
    model_item(
        "points.redemption",
        _("Redemption orders"),
        icon="gift",
        permission="points.change_redemption",
        order=405,
    ),
    model_item(
        "points.pointsaccount",
        _("Points accounts"),
        icon="users",
        permission="points.change_pointsaccount",
        order=406,
    ),
    model_item(
        "points.department",
        _("Departments"),
        icon="building",
        permission="points.change_department",
        order=406,
    ),
    model_item(
        "points.ledgerentry",
        _("Ledger"),
        icon="list-numbers",
        permission="points.view_programme",
        order=406,
    ),
    page_item(
        "points:rollup",
        _("Points statistics"),
        icon="chart-bar",
        permission="points.view_programme",
        order=407,
    ),
]

dashboard_cards = [(400, cards)]

url_bases = {
    "programme": "programmes/",
    "pointitem": "items/",
    "pointsaccount": "accounts/",
    "ledgerentry": "ledger/",
}

pages = [
    page("", views.ProgrammeListView, "programme_list"),
    page("m/", views.MobileView, "mobile"),
    page("statistics/", views.RollupView, "rollup"),
    page("review/", views.ReviewQueueView, "review_queue"),
    page("programmes/<int:pk>/rules/", views.RulesVersionAddView, "rulesversion_add"),
    page("programmes/<int:pk>/award/", views.BatchAwardView, "award_batch"),
]

api_routes = [
    ("points/accounts", api.PointsAccountViewSet, "points-account"),
    ("points/rewards", api.RewardViewSet, "points-reward"),
    ("points/redemptions", api.RedemptionViewSet, "points-redemption"),
    ("points/submissions", api.SubmissionViewSet, "points-submission"),
    ("points/ledger", api.LedgerEntryViewSet, "points-ledgerentry"),
    ("points/suggestions", api.SuggestionViewSet, "points-suggestion"),
]
