from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "unionhub.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from unionhub.accounts.roles import grant
        from unionhub.core import dashboard, import_jobs
        from unionhub.core.menu import MenuItem, register
        from unionhub.core.pii_exports import UnmaskedExport, register_unmasked
        from unionhub.members.dashboard import member_cards

        import_jobs.register_import(
            import_jobs.ImportKind(
                key="members",
                title=_("Import members"),
                importer="unionhub.members.importers.MemberImporter",
                permission="members.import_member",
                list_url_name="members:member_list",
                template_filename="会员导入模板.xlsx",
                update_help=_("matched by the ID number"),
            )
        )
        register_unmasked(
            UnmaskedExport(
                key="members",
                title=_("Member registry"),
                list_url_name="members:member_list",
                build="unionhub.members.views.member_export",
            )
        )

        group = _("Members")
        register(
            MenuItem(
                "members.list",
                _("Member registry"),
                "members:member_list",
                "users",
                group,
                "members.view_member",
                300,
            )
        )
        register(
            MenuItem(
                "members.applications",
                _("Join applications"),
                "members:joinapplication_list",
                "user-plus",
                group,
                "members.view_joinapplication",
                301,
            )
        )
        register(
            MenuItem(
                "members.transfers",
                _("Member transfers"),
                "members:membertransfer_list",
                "arrows-exchange",
                group,
                "members.view_membertransfer",
                302,
            )
        )
        register(
            MenuItem(
                "members.dashboard",
                _("Membership statistics"),
                "members:dashboard",
                "chart-bar",
                group,
                "members.view_member",
                303,
            )
        )
        dashboard.register(member_cards, order=300)

        grant("city_admin", ["members.*"])
        grant("county_admin", ["members.*"])
        grant(
            "town_cadre",
            [
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
        )
        grant("union_chair", ["members.view_member", "members.view_membertransfer"])
