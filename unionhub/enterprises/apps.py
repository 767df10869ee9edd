from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "unionhub.enterprises"
    label = "enterprises"
    verbose_name = _("Enterprises and union establishment")

    def ready(self) -> None:
        from unionhub.accounts import roles
        from unionhub.core import dashboard, import_jobs, menu
        from unionhub.enterprises.dashboard import enterprise_cards

        group = _("Union establishment")
        for key, label, url_name, icon, perm, order in [
            (
                "enterprises",
                _("Enterprises"),
                "enterprises:enterprise_list",
                "building-factory",
                "enterprises.view_enterprise",
                200,
            ),
            (
                "enterprise_overview",
                _("Establishment overview"),
                "enterprises:overview",
                "chart-bar",
                "enterprises.view_enterprise",
                201,
            ),
            (
                "enterprise_targets",
                _("Campaign targets"),
                "enterprises:target_list",
                "target",
                "enterprises.view_enterprise",
                202,
            ),
            (
                "enterprise_unions",
                _("Grassroots unions"),
                "enterprises:enterpriseunion_list",
                "users-group",
                "enterprises.view_enterpriseunion",
                203,
            ),
            (
                "enterprise_campaigns",
                _("Establishment campaigns"),
                "enterprises:campaign_list",
                "flag",
                "enterprises.view_campaign",
                204,
            ),
            (
                "enterprise_contacts",
                _("Contact records"),
                "enterprises:contactlog_list",
                "messages",
                "enterprises.view_contactlog",
                205,
            ),
        ]:
            menu.register(
                menu.MenuItem(
                    key=key,
                    label=label,
                    url_name=url_name,
                    icon=icon,
                    group=group,
                    permission=perm,
                    order=order,
                )
            )
        dashboard.register(enterprise_cards, order=200)
        import_jobs.register_import(
            import_jobs.ImportKind(
                key="enterprises",
                title=_("Import enterprises"),
                importer="unionhub.enterprises.importers.EnterpriseImporter",
                permission="enterprises.import_enterprise",
                list_url_name="enterprises:enterprise_list",
                template_filename="企业导入模板.xlsx",
                update_help=_("matched by the unified social credit code"),
            )
        )
        roles.grant("city_admin", ["enterprises.*"])
        roles.grant("county_admin", ["enterprises.*"])
        roles.grant(
            "town_cadre",
            [
                "enterprises.view_*",
                "enterprises.add_enterprise",
                "enterprises.change_enterprise",
                "enterprises.add_enterpriseunion",
                "enterprises.change_enterpriseunion",
                "enterprises.add_unionreelection",
                "enterprises.add_termdelay",
                "enterprises.add_contactlog",
                "enterprises.change_contactlog",
            ],
        )
        roles.grant("union_chair", ["enterprises.view_enterpriseunion"])
