from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

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


class PointsConfig(AppConfig):
    name = "unionhub.points"
    label = "points"
    verbose_name = _("Points system")

    def ready(self) -> None:
        from unionhub.accounts import roles
        from unionhub.core import dashboard, menu
        from unionhub.points.dashboard import cards

        roles.grant("city_admin", ["points.*"])
        roles.grant("county_admin", ["points.*"])
        roles.grant("town_cadre", ["points.view_*"])
        roles.grant("union_chair", ["points.*"])
        roles.grant("worker", list(WORKER_PERMISSIONS))
        group = _("Points system")
        for key, label, url_name, icon, perm, order in [
            ("points-mine", _("My points"), "points:mobile", "star", "points.add_submission", 400),
            (
                "points-programmes",
                _("Points programmes"),
                "points:programme_list",
                "award",
                "points.view_programme",
                401,
            ),
            (
                "points-review",
                _("Review queue"),
                "points:review_queue",
                "checklist",
                "points.review_submission",
                402,
            ),
            (
                "points-submissions",
                _("Submissions"),
                "points:submission_list",
                "file-text",
                "points.change_submission",
                403,
            ),
            (
                "points-suggestions",
                _("Rationalization suggestions"),
                "points:suggestion_list",
                "bulb",
                "points.change_suggestion",
                404,
            ),
            (
                "points-redemptions",
                _("Redemption orders"),
                "points:redemption_list",
                "gift",
                "points.change_redemption",
                405,
            ),
            (
                "points-accounts",
                _("Points accounts"),
                "points:pointsaccount_list",
                "users",
                "points.change_pointsaccount",
                406,
            ),
            (
                "points-departments",
                _("Departments"),
                "points:department_list",
                "building",
                "points.change_department",
                406,
            ),
            (
                "points-ledger",
                _("Ledger"),
                "points:ledgerentry_list",
                "list-numbers",
                "points.view_programme",
                406,
            ),
            (
                "points-rollup",
                _("Points statistics"),
                "points:rollup",
                "chart-bar",
                "points.view_programme",
                407,
            ),
        ]:
            menu.register(menu.MenuItem(key, label, url_name, icon, group, perm, order))
        dashboard.register(cards, order=400)
