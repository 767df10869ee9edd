"""Every URL of the module keeps its path and name now that they are generated from the
registered views (``module.py`` ``url_bases`` / ``pages`` / ``api_routes`` / ``api_urls``)."""

from __future__ import annotations

import uuid

import pytest
from django.urls import resolve, reverse

REF = uuid.UUID(int=1)

PAGES = [
    ("stations:station_list", [], "/stations/"),
    ("stations:station_add", [], "/stations/add/"),
    ("stations:station", [7], "/stations/7/"),
    ("stations:station_edit", [7], "/stations/7/edit/"),
    ("stations:station_delete", [7], "/stations/7/delete/"),
    ("stations:station_poster", [7], "/stations/7/poster.pdf"),
    ("stations:schedulewindow_add", [], "/stations/windows/add/"),
    ("stations:schedulewindow_edit", [7], "/stations/windows/7/edit/"),
    ("stations:schedulewindow_delete", [7], "/stations/windows/7/delete/"),
    ("stations:scheduleexception_add", [], "/stations/exceptions/add/"),
    ("stations:scheduleexception_edit", [7], "/stations/exceptions/7/edit/"),
    ("stations:scheduleexception_delete", [7], "/stations/exceptions/7/delete/"),
    ("stations:stationstaff_add", [], "/stations/staff/add/"),
    ("stations:stationstaff_delete", [7], "/stations/staff/7/delete/"),
    ("stations:ticket_list", [], "/stations/tickets/"),
    ("stations:ticket_add", [], "/stations/tickets/add/"),
    ("stations:ticket", [7], "/stations/tickets/7/"),
    ("stations:ticket_action", [7], "/stations/tickets/7/action/"),
    ("stations:checkin_list", [], "/stations/checkins/"),
    ("stations:device_list", [], "/stations/devices/"),
    ("stations:device_add", [], "/stations/devices/add/"),
    ("stations:device", [7], "/stations/devices/7/"),
    ("stations:device_edit", [7], "/stations/devices/7/edit/"),
    ("stations:management", [], "/stations/management/"),
    ("stations:hygienecheck_list", [], "/stations/hygiene/"),
    ("stations:hygienecheck_add", [], "/stations/hygiene/add/"),
    ("stations:hygienecheck", [7], "/stations/hygiene/7/"),
    ("stations:patrollog_list", [], "/stations/patrols/"),
    ("stations:patrollog_add", [], "/stations/patrols/add/"),
    ("stations:patrollog", [7], "/stations/patrols/7/"),
    ("stations:patrollog_review", [7], "/stations/patrols/7/review/"),
    ("stations:spotcheck_list", [], "/stations/spot-checks/"),
    ("stations:spotcheck_add", [], "/stations/spot-checks/add/"),
    ("stations:spotcheck", [7], "/stations/spot-checks/7/"),
    ("stations:spotcheck_close", [7], "/stations/spot-checks/7/close/"),
    ("stations:statistics", [], "/stations/statistics/"),
    ("stations:screen", [], "/stations/screen/"),
    ("stations:coverage", [], "/stations/coverage/"),
    ("stations:demandpoint_list", [], "/stations/demand-points/"),
    ("stations:demandpoint_add", [], "/stations/demand-points/add/"),
    ("stations:demandpoint", [7], "/stations/demand-points/7/"),
    ("stations:demandpoint_edit", [7], "/stations/demand-points/7/edit/"),
    ("stations:demandpoint_delete", [7], "/stations/demand-points/7/delete/"),
    ("stations:finder", [], "/stations/nearby/"),
    ("stations:phone_entry", ["XS-001"], "/stations/s/XS-001/"),
    ("stations:phone_done", ["XS-001"], "/stations/s/XS-001/done/"),
    ("stations:phone_help", ["XS-001"], "/stations/s/XS-001/help/"),
    ("stations:public_ticket", [REF], f"/stations/t/{REF}/"),
    # the generic Excel export beside every list
    ("stations:station_export", ["xlsx"], "/stations/export.xlsx"),
    ("stations:ticket_export", ["xlsx"], "/stations/tickets/export.xlsx"),
    ("stations:checkin_export", ["xlsx"], "/stations/checkins/export.xlsx"),
]

API = [
    ("stations-station-list", [], "/api/v1/stations/"),
    ("stations-station-detail", [7], "/api/v1/stations/7/"),
    ("stations-ticket-list", [], "/api/v1/stations/tickets/"),
    ("stations-ticket-detail", [7], "/api/v1/stations/tickets/7/"),
    ("stations-nearby", [], "/api/v1/stations/nearby/"),
    ("stations-station-checkins", [7], "/api/v1/stations/7/checkins/"),
    ("stations-device-events", [], "/api/v1/stations/devices/events/"),
    ("stations-device-heartbeat", [], "/api/v1/stations/devices/heartbeat/"),
]


@pytest.mark.parametrize("name, args, url", PAGES + API)
def test_url_kept(name, args, url):
    assert reverse(name, args=args) == url
    assert resolve(url).url_name == name.split(":")[-1]


LISTS = [
    "station",
    "ticket",
    "checkin",
    "device",
    "hygienecheck",
    "patrollog",
    "spotcheck",
    "demandpoint",
]


def _rows(response) -> list[tuple]:
    import io

    from openpyxl import load_workbook

    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))


@pytest.mark.parametrize("model", LISTS)
def test_every_list_has_the_generic_excel_export_in_scope(model, client_as, demo):
    from unionhub.stations.tests import samples

    sample = next(f for m, f in samples.SAMPLES.items() if m._meta.model_name == model)
    sample("xiangshui")
    url = reverse(f"stations:{model}_export", args=["xlsx"])
    mine = _rows(client_as("xiangshui_admin").get(url))
    theirs = _rows(client_as("sheyang_admin").get(url))
    assert len(mine) > len(theirs)  # 响水's row is in 响水's export, not in 射阳's
