"""Public phone pages (no login): the QR entry page of a station, the help button, the
ticket status page and the "附近的驿站" finder. Stations are public information; nothing
personal is shown or kept in clear (the visitor token sits in a signed cookie)."""

from __future__ import annotations

import uuid

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views import View
from django.views.decorators.csrf import csrf_protect

from unionhub.core.throttling import PublicCheckInThrottle, PublicHelpThrottle, throttled
from unionhub.stations import choices, schedule, selectors, services
from unionhub.stations.forms import HelpForm, PhoneRegisterForm
from unionhub.stations.models import Station, Ticket

ENTRY_COOKIE = "uh_station_entry"
ENTRY_SALT = "stations.entry"
ENTRY_MAX_AGE = 24 * 3600
ENTRY_KEEP = 20  # stations remembered per phone
VISITOR_COOKIE = "uh_station_visitor"
VISITOR_SALT = "stations.visitor"
VISITOR_MAX_AGE = 365 * 24 * 3600


def remembered_visitor(request) -> tuple[str, str] | None:
    """(visitor token, occupation) from the signed cookie, or None."""
    raw = request.COOKIES.get(VISITOR_COOKIE)
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=VISITOR_SALT, max_age=VISITOR_MAX_AGE)
    except signing.BadSignature:
        return None
    token, occupation = data.get("v"), data.get("o")
    if not token or occupation not in choices.Occupation.values:
        return None
    return token, occupation


def opened_stations(request) -> dict[str, str]:
    """Stations whose page this phone opened in the last day ({pk: ISO time}), from the
    signed cookie — the phone page keeps no server-side session (an anonymous visit must
    not create a session row)."""
    raw = request.COOKIES.get(ENTRY_COOKIE)
    if not raw:
        return {}
    try:
        data = signing.loads(raw, salt=ENTRY_SALT, max_age=ENTRY_MAX_AGE)
    except signing.BadSignature:
        return {}
    return data if isinstance(data, dict) else {}


def _remember_entry(request, response, station: Station) -> None:
    entry = opened_stations(request)
    entry.pop(str(station.pk), None)
    entry[str(station.pk)] = timezone.now().isoformat(timespec="seconds")
    entry = dict(list(entry.items())[-ENTRY_KEEP:])
    response.set_cookie(
        ENTRY_COOKIE,
        signing.dumps(entry, salt=ENTRY_SALT, compress=True),
        max_age=ENTRY_MAX_AGE,
        httponly=True,
        samesite="Lax",
    )


def _remember(response, token: str, occupation: str) -> None:
    response.set_cookie(
        VISITOR_COOKIE,
        signing.dumps({"v": token, "o": occupation}, salt=VISITOR_SALT),
        max_age=VISITOR_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=False,
    )


def _station(code: str) -> Station:
    return get_object_or_404(
        selectors.with_schedule(Station.objects.filter(is_active=True).select_related("region")),
        code=code,
    )


@method_decorator(csrf_protect, name="dispatch")
@method_decorator(throttled(PublicCheckInThrottle), name="dispatch")  # POSTs per address
class PhoneEntryView(View):
    """GET: the station page after scanning its QR code. POST: check in (first visit:
    phone + occupation or member code; later: one tap with the remembered token)."""

    scope_exempt = (
        "public QR entry page of one station (public information); writes the caller's own check-in"
    )

    template_name = "stations/phone_entry.html"

    def get(self, request, code):
        station = _station(code)
        response = self._render(
            request, station, PhoneRegisterForm(initial={"event_id": uuid.uuid4()})
        )
        _remember_entry(request, response, station)
        return response

    def _render(self, request, station, form, status=200, error=None):
        now = timezone.now()
        state = selectors.station_state_at(station, now)
        remembered = remembered_visitor(request)
        ctx = {
            "station": station,
            "state": state,
            "next_open": None
            if state.is_open
            else schedule.format_opening(selectors.next_opening(station, now), now),
            "form": form,
            "remembered": remembered,
            "occupation_label": dict(choices.Occupation.choices).get(remembered[1])
            if remembered
            else "",
            "error": error,
            "help_form": HelpForm(),
            "event_id": form["event_id"].value() or uuid.uuid4(),
        }
        return render(request, self.template_name, ctx, status=status)

    def post(self, request, code):
        station = _station(code)
        remembered = remembered_visitor(request)
        one_tap = request.POST.get("one_tap") == "1" and remembered
        form = PhoneRegisterForm(request.POST)
        if one_tap:
            try:
                event_id = uuid.UUID(request.POST.get("event_id", ""))
            except ValueError:
                event_id = uuid.uuid4()
            kwargs = {"visitor": remembered[0], "occupation": remembered[1], "event_id": event_id}
        else:
            if not form.is_valid():
                return self._render(request, station, form, status=400)
            d = form.cleaned_data
            kwargs = {
                "phone": d["phone"] or None,
                "member_code": None if d["phone"] else d["member_code"],
                "occupation": d.get("occupation") or None,
                "event_id": d["event_id"],
            }
        try:
            result = services.checkin_record(
                actor=None, station=station, source=choices.CheckInSource.PHONE, **kwargs
            )
        except ValidationError as exc:
            return self._render(request, station, form, status=400, error=exc.messages[0])
        except services.Conflict:
            return self._render(
                request,
                station,
                form,
                status=409,
                error=gettext("This check-in was already sent; reload the page and try again."),
            )
        response = HttpResponseRedirect(
            reverse("stations:phone_done", args=[station.code])
            + ("?repeat=1" if not result.created else "")
        )
        _remember(response, result.checkin.visitor, result.checkin.occupation)
        return response


class PhoneDoneView(View):
    scope_exempt = "public confirmation page of one station; shows no records"

    def get(self, request, code):
        station = _station(code)
        return render(
            request,
            "stations/phone_done.html",
            {
                "station": station,
                "repeat": request.GET.get("repeat") == "1",
                "help_form": HelpForm(),
                "now": timezone.now(),
            },
        )


@method_decorator(csrf_protect, name="dispatch")
@method_decorator(throttled(PublicHelpThrottle), name="dispatch")
class PhoneHelpView(View):
    """The help button: a worker's request becomes a 24-hour service ticket."""

    scope_exempt = "public help button: creates a ticket, shows no records"

    def post(self, request, code):
        station = _station(code)
        form = HelpForm(request.POST)
        if not form.is_valid():
            return HttpResponseRedirect(reverse("stations:phone_entry", args=[station.code]))
        d = form.cleaned_data
        remembered = remembered_visitor(request)
        label = dict(choices.TicketCategory.choices)[d["category"]]
        ticket = services.ticket_raise(
            actor=None,
            station=station,
            category=d["category"],
            source=choices.TicketSource.WORKER,
            title=gettext("Help request: %(category)s") % {"category": label},
            description=d["description"],
            visitor=remembered[0] if remembered else "",
            # A signed-in worker's request is theirs: /me/ lists it under 我的求助.
            submitted_by=request.user if request.user.is_authenticated else None,
        )
        return HttpResponseRedirect(reverse("stations:public_ticket", args=[ticket.ref]))


class PublicTicketView(View):
    """Status of a help request, by its unguessable reference, with the running SLA clock."""

    scope_exempt = (
        "status of one help request by its unguessable reference (the requester's own ticket)"
    )

    def get(self, request, ref):
        ticket = get_object_or_404(Ticket.objects.select_related("station"), ref=ref)
        return render(
            request,
            "stations/public_ticket.html",
            {"ticket": ticket, "timeline": ticket.timeline.all(), "now": timezone.now()},
        )


class FinderView(View):
    """附近的驿站: the browser's location (static JS) → the public nearby API; with
    ``?lat=&lng=`` the list is rendered on the server too (no external map service)."""

    scope_exempt = (
        "public station finder: stations are public information (六有: findable on a map)"
    )

    def get(self, request):
        ctx = {"stations": None, "error": None, "open_now": request.GET.get("open_now") == "1"}
        if "lat" in request.GET or "lng" in request.GET:
            try:
                lat, lng = float(request.GET.get("lat", "")), float(request.GET.get("lng", ""))
                if not (-90 <= lat <= 90 and -180 <= lng <= 180):
                    raise ValueError
            except ValueError:
                ctx["error"] = gettext("The coordinates are not valid; locate yourself again.")
            else:
                ctx["stations"] = selectors.stations_nearby(
                    lat=lat, lng=lng, open_now=ctx["open_now"], limit=20
                )
                ctx["lat"], ctx["lng"] = lat, lng
        return render(request, "stations/finder.html", ctx, status=400 if ctx["error"] else 200)
