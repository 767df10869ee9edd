"""Keep this process's caches current.

Compiled opening schedules (selectors.compiled_schedule): any save or delete of a weekly
window or a date exception, through a service, a page or the admin, bumps the station's
version stamp. Bulk writes that send no signals call ``services.schedule_changed`` themselves
(``schedule_set``). Cached devices (selectors._devices) are dropped when a device changes."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from unionhub.stations.models import Device, ScheduleException, ScheduleWindow, Station


def _schedule_row_changed(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures load stations with their own stamps
        return
    from unionhub.stations.services.stations import schedule_changed

    cached = instance._state.fields_cache.get("station")
    schedule_changed(instance.station_id, station=cached if isinstance(cached, Station) else None)


def _station_changed(sender, instance, **kwargs):
    # A saved station already has a new ``updated_at``; a deleted one must not leave its
    # schedule behind in this process.
    from unionhub.stations.selectors import forget_compiled_schedule

    forget_compiled_schedule(instance.pk)


def _device_changed(sender, instance, **kwargs):
    # This process forgets at once; the others find out at the key's next use, because a
    # check-in with a cached device is confirmed by the database (selectors._devices).
    from unionhub.stations.selectors import device_forget

    device_forget(instance.key_hash)


def connect() -> None:
    for model in (ScheduleWindow, ScheduleException):
        post_save.connect(_schedule_row_changed, sender=model, dispatch_uid=f"sched-{model}")
        post_delete.connect(_schedule_row_changed, sender=model, dispatch_uid=f"sched-d-{model}")
    post_save.connect(_station_changed, sender=Station, dispatch_uid="sched-station")
    post_delete.connect(_station_changed, sender=Station, dispatch_uid="sched-station-d")
    post_save.connect(_device_changed, sender=Device, dispatch_uid="device-cache")
    post_delete.connect(_device_changed, sender=Device, dispatch_uid="device-cache-d")
