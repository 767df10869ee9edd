from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "unionhub.stations"
    label = "stations"
    verbose_name = _("Outdoor-worker stations")

    def ready(self) -> None:
        from unionhub.accounts.roles import grant
        from unionhub.core import dashboard, menu
        from unionhub.stations import signals
        from unionhub.stations.dashboard import station_cards

        signals.connect()

        group = _("Outdoor-worker stations")
        items = [
            (
                "stations.stations",
                _("Stations"),
                "stations:station_list",
                "home",
                "stations.view_station",
                500,
            ),
            (
                "stations.tickets",
                _("Service tickets"),
                "stations:ticket_list",
                "alert",
                "stations.view_ticket",
                501,
            ),
            (
                "stations.checkins",
                _("Check-ins"),
                "stations:checkin_list",
                "list",
                "stations.view_checkin",
                502,
            ),
            (
                "stations.management",
                _("Three-level management"),
                "stations:management",
                "check",
                "stations.view_hygienecheck",
                503,
            ),
            (
                "stations.stats",
                _("Visit statistics"),
                "stations:statistics",
                "chart",
                "stations.view_checkin",
                504,
            ),
            (
                "stations.screen",
                _("Big screen"),
                "stations:screen",
                "screen",
                "stations.view_checkin",
                505,
            ),
            (
                "stations.coverage",
                _("15-minute service circle"),
                "stations:coverage",
                "map",
                "stations.view_demandpoint",
                506,
            ),
            (
                "stations.devices",
                _("Devices"),
                "stations:device_list",
                "cpu",
                "stations.view_device",
                507,
            ),
            (
                "stations.finder",
                _("Nearby stations (public)"),
                "stations:finder",
                "map-pin",
                None,
                508,
            ),
        ]
        for key, label, url_name, icon, perm, order in items:
            menu.register(menu.MenuItem(key, label, url_name, icon, group, perm, order))
        dashboard.register(station_cards, order=400)

        grant("city_admin", ["stations.*"])
        grant("county_admin", ["stations.*"])
        grant(
            "town_cadre",
            [
                "stations.view_*",
                "stations.add_station",
                "stations.change_station",
                "stations.add_schedulewindow",
                "stations.change_schedulewindow",
                "stations.delete_schedulewindow",
                "stations.add_scheduleexception",
                "stations.change_scheduleexception",
                "stations.add_ticket",
                "stations.change_ticket",
                "stations.add_checkin",
                "stations.add_spotcheck",
                "stations.change_spotcheck",
            ],
        )
        grant(
            "station_staff",
            [
                "org.view_region",
                "stations.view_station",
                "stations.view_schedulewindow",
                "stations.view_scheduleexception",
                "stations.add_scheduleexception",
                "stations.view_stationstaff",
                "stations.view_device",
                "stations.view_deviceevent",
                "stations.view_checkin",
                "stations.add_checkin",
                "stations.view_ticket",
                "stations.add_ticket",
                "stations.change_ticket",
                "stations.view_ticketevent",
                "stations.view_hygienecheck",
                "stations.add_hygienecheck",
                "stations.change_hygienecheck",
                "stations.view_patrollog",
                "stations.add_patrollog",
                "stations.change_patrollog",
                "stations.view_spotcheck",
                "stations.view_demandpoint",
            ],
        )
