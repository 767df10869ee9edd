"""Enumerations of the station module: stable lowercase codes, Chinese labels in the UI."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StationKind(models.TextChoices):
    SELF_BUILT = "self_built", _("Self-built station")
    TOWN_CENTRE = "town_centre", _("Town service centre")
    PARTNER = "partner", _("Partner-built station")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Mode(models.TextChoices):
    MANNED = "manned", _("Manned")
    UNMANNED = "unmanned", _("Unmanned")


class ModeNow(models.TextChoices):
    MANNED = "manned", _("Manned")
    UNMANNED = "unmanned", _("Unmanned")
    CLOSED = "closed", _("Not open")


class Occupation(models.TextChoices):
    """contract.md "Occupation codes"."""

    TRUCK_DRIVER = "truck_driver", _("Truck driver")
    SANITATION = "sanitation", _("Sanitation worker")
    COURIER = "courier", _("Courier")
    DELIVERY_RIDER = "delivery_rider", _("Food-delivery rider")
    RIDE_HAILING = "ride_hailing", _("Ride-hailing driver")
    CONSTRUCTION = "construction", _("Construction worker")
    LANDSCAPING = "landscaping", _("Landscaping worker")
    OTHER = "other", _("Other")


class CheckInSource(models.TextChoices):
    DEVICE = "device", _("Device")
    PHONE = "phone", _("Phone page")
    DESK = "desk", _("Desk registration")


class StaffRole(models.TextChoices):
    STAFF = "staff", _("Station staff")
    SAFETY_OFFICER = "safety_officer", _("Safety officer")


class Facility(models.TextChoices):
    WATER = "water", _("Drinking water")
    REST = "rest", _("Rest seating")
    CHARGING = "charging", _("Phone charging")
    MICROWAVE = "microwave", _("Microwave")
    FRIDGE = "fridge", _("Fridge")
    TOILET = "toilet", _("Toilet")
    MEDICINE_KIT = "medicine_kit", _("Emergency medicine kit")
    AIR_CONDITIONING = "air_conditioning", _("Air conditioning")
    BOOKS = "books", _("Books")
    NURSING_ROOM = "nursing_room", _("Nursing room")
    WIFI = "wifi", _("Wi-Fi")
    AED = "aed", _("AED defibrillator")
    EBIKE_CHARGING = "ebike_charging", _("E-bike charging")
    LOCKERS = "lockers", _("Lockers")
    CCTV = "cctv", _("Video monitoring")
    ACCESS_CONTROL = "access_control", _("Electronic access control")
    ALARM_BUTTON = "alarm_button", _("One-button alarm")


class DeviceKind(models.TextChoices):
    DOOR = "door", _("Door controller")
    SCANNER = "scanner", _("QR scanner")
    COUNTER = "counter", _("People counter")
    CAMERA = "camera", _("Camera")
    ALARM = "alarm", _("Alarm button")


class DeviceEventKind(models.TextChoices):
    DOOR_OPEN = "door_open", _("Door opened")
    ENTRY = "entry", _("Entry")
    PEOPLE_COUNT = "people_count", _("People count")
    ALARM = "alarm", _("Alarm")
    FAULT = "fault", _("Fault")
    OTHER = "other", _("Other")


class TicketCategory(models.TextChoices):
    EQUIPMENT = "equipment", _("Equipment")
    HYGIENE = "hygiene", _("Hygiene")
    SAFETY = "safety", _("Safety")
    EMERGENCY = "emergency", _("Emergency help")


class TicketSource(models.TextChoices):
    WORKER = "worker", _("Worker (help button)")
    DEVICE = "device", _("Device alarm")
    STAFF = "staff", _("Staff")
    SYSTEM = "system", _("System (automatic)")


class TicketStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RESOLVED = "resolved", _("Resolved")


class EscalationLevel(models.IntegerChoices):
    NONE = 0, _("Not escalated")
    SAFETY_OFFICER = 1, _("Station safety officer")
    COUNTY = 2, _("County union labour-economy department")


class TicketEventKind(models.TextChoices):
    CREATED = "created", _("Raised")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ESCALATED = "escalated", _("Escalated")
    RESOLVED = "resolved", _("Resolved")
    NOTE = "note", _("Note")


class SpotCheckStatus(models.TextChoices):
    OPEN = "open", _("Rectification pending")
    CLOSED = "closed", _("Rectified and closed")


class DemandPointKind(models.TextChoices):
    COURIER_HUB = "courier_hub", _("Courier hub")
    SANITATION_DEPOT = "sanitation_depot", _("Sanitation depot")
    LOGISTICS_PARK = "logistics_park", _("Logistics park")
    COMMUNITY = "community", _("Community centre")
    OTHER = "other", _("Other")


DEFAULT_HYGIENE_CHECKLIST = [
    "地面清洁无杂物",
    "卫生间清洁无异味",
    "饮水机水质正常、滤芯在有效期",
    "微波炉、冰箱内外清洁",
    "垃圾已清运",
    "应急药箱药品齐全且在有效期",
]
