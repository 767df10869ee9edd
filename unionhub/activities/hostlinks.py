"""Tools for hosts without an account: the signed sign-in link a participant opens (and its
QR code), and the signed host link that shows the live attendance. Both are
``django.core.signing`` tokens over the activity's id (different salts, so one cannot stand
for the other); the sign-in link stops working after the activity (``Activity.signin_open``).
The tokens carry no timestamp, so an activity's link is the same every time it is shown (a
printed QR code and the one on the host's phone agree); links issued with the earlier
timestamped format are still accepted."""

from __future__ import annotations

import io

import segno
from django.core import signing
from django.urls import reverse

from unionhub.activities.models import Activity

SIGNIN_SALT = "activities.signin"
HOST_SALT = "activities.host"


def signin_token(activity: Activity) -> str:
    return signing.Signer(salt=SIGNIN_SALT).sign_object(activity.pk, compress=True)


def host_token(activity: Activity) -> str:
    return signing.Signer(salt=HOST_SALT).sign_object(activity.pk, compress=True)


def _unsign(token: str, salt: str):
    if token.count(":") >= 2:  # payload:time:signature — a link issued before tokens lost the time
        return signing.loads(token, salt=salt)
    return signing.Signer(salt=salt).unsign_object(token)


def activity_for_token(token: str, *, salt: str) -> Activity | None:
    """The activity a token was signed for, or None for a forged or altered token."""
    try:
        pk = _unsign(token, salt)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return Activity.objects.select_related("organiser").filter(pk=pk).first()


def signin_path(activity: Activity) -> str:
    return reverse("activities:signin", args=[signin_token(activity)])


def host_path(activity: Activity) -> str:
    return reverse("activities:host", args=[host_token(activity)])


def qr_svg(url: str) -> str:
    """The QR code of ``url`` as inline SVG (no image request, no external script)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=6, border=2, xmldecl=False, svgns=True, nl=False
    )
    return buffer.getvalue().decode()


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()
