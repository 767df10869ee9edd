"""The field lists of the station module, declared once per model and used by the edit
form, the API serializer, the detail page and the tests (the Excel export follows the
list's columns)."""

from __future__ import annotations

# --- stations ------------------------------------------------------------------------------
#: what a station's edit form writes
STATION_FIELDS = (
    "name",
    "code",
    "kind",
    "region",
    "org_unit",
    "address",
    "lat",
    "lng",
    "is_smart",
    "facilities",
    "hygiene_checklist",
    "honours",
    "contact_phone",
    "is_active",
)
#: the detail page (facilities and the checklist have their own panels)
STATION_DETAIL_FIELDS = tuple(
    f for f in STATION_FIELDS if f not in ("facilities", "hygiene_checklist")
)
#: the API (contract.md "Stations"; the owning union and the checklist stay on the pages)
STATION_API_FIELDS = tuple(f for f in STATION_FIELDS if f not in ("org_unit", "hygiene_checklist"))
STATION_API_READ_ONLY = ("is_open_now", "mode_now")

# --- schedules and staff --------------------------------------------------------------------
SCHEDULE_WINDOW_FIELDS = ("station", "weekday", "start", "end", "mode")
SCHEDULE_EXCEPTION_FIELDS = ("station", "date", "closed", "start", "end", "mode", "reason")
STATION_STAFF_FIELDS = ("station", "user", "role")

# --- devices --------------------------------------------------------------------------------
DEVICE_FIELDS = ("station", "name", "kind", "is_active")
DEVICE_DETAIL_FIELDS = ("name", "station", "kind", "key_prefix", "last_seen_at", "is_active")

# --- tickets --------------------------------------------------------------------------------
#: what staff give when raising a ticket; the rest is the ticket's life
TICKET_FIELDS = ("station", "category", "title", "description")
TICKET_STATE_FIELDS = (
    "source",
    "status",
    "raised_at",
    "acknowledge_due",
    "resolve_due",
    "acknowledged_at",
    "resolved_at",
    "escalation",
    "escalated_to",
)
TICKET_DETAIL_FIELDS = (
    "station",
    "category",
    "source",
    "title",
    "description",
    "status",
    "raised_at",
    "acknowledge_due",
    "resolve_due",
    "acknowledged_at",
    "acknowledged_by",
    "resolved_at",
    "escalation",
    "escalated_to",
    "device",
)

# --- three-level management -----------------------------------------------------------------
HYGIENE_CHECK_FIELDS = ("station", "date", "note")
HYGIENE_CHECK_DETAIL_FIELDS = ("station", "date", "passed", "results", "note")
PATROL_LOG_FIELDS = ("station", "at", "normal", "observations")
PATROL_LOG_DETAIL_FIELDS = (*PATROL_LOG_FIELDS, "reviewed_by", "reviewed_at", "review_note")
SPOT_CHECK_FIELDS = ("station", "date", "inspector", "passed", "findings", "rectify_by", "photo")
SPOT_CHECK_DETAIL_FIELDS = (
    *SPOT_CHECK_FIELDS,
    "status",
    "closed_on",
    "closure_note",
)

# --- coverage -------------------------------------------------------------------------------
DEMAND_POINT_FIELDS = ("name", "kind", "region", "lat", "lng", "dense")
