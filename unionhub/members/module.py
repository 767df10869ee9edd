"""Members: what the module adds to the platform."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.import_jobs import ImportKind
from unionhub.core.menu import model_item, page_item
from unionhub.core.pii_exports import UnmaskedExport
from unionhub.core.urlgen import page
from unionhub.members import views
from unionhub.members.api.views import JoinApplicationViewSet, MemberViewSet
from unionhub.members.dashboard import member_cards

menu = [
    model_item("members.member", _("Member registry"), icon="users", order=300),
    model_item("members.joinapplication", _("Join applications"), icon="user-plus", order=301),
    model_item("members.membertransfer", _("Member transfers"), icon="arrows-exchange", order=302),
    page_item(
        "members:dashboard",
        _("Membership statistics"),
        icon="chart-bar",
        permission="members.view_member",
        order=303,
    ),
]

dashboard_cards = [(300, member_cards)]

imports = [
    ImportKind(
        key="members",
        title=_("Import members"),
        importer="unionhub.members.importers.MemberImporter",
        permission="members.import_member",
        list_url_name="members:member_list",
        template_filename="会员导入模板.xlsx",
        update_help=_("matched by the ID number"),
    )
]

unmasked_exports = [
    UnmaskedExport(
        key="members",
        title=_("Member registry"),
        list_url_name="members:member_list",
        build="unionhub.members.views.member_export",
    )
]

url_bases = {"member": "", "joinapplication": "applications/", "membertransfer": "transfers/"}

pages = [
    page("dashboard/", views.MemberDashboardView, "dashboard"),
    # Public (no login): online joining and the applicant's status page.
    page("join/", views.JoinView, "join"),
    page("join/status/", views.JoinStatusView, "join_status"),
    page("join/employers/", views.JoinEmployerOptionsView, "join_employers"),
]

api_routes = [
    # Before "members": its detail route would otherwise take "members/applications/".
    ("members/applications", JoinApplicationViewSet, "member-joinapplication"),
    ("members", MemberViewSet, "member"),
]

role_grants = {
    "city_admin": ["members.*"],
    "county_admin": ["members.*"],
    "town_cadre": [
        "members.view_member",
        "members.add_member",
        "members.change_member",
        "members.view_joinapplication",
        "members.change_joinapplication",
        "members.review_joinapplication",
        "members.view_membertransfer",
        "members.add_membertransfer",
        "members.change_membertransfer",
    ],
    "union_chair": ["members.view_member", "members.view_membertransfer"],
}
