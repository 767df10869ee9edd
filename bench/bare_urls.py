"""URLs of the bare baseline (bench/bare_wsgi.py): ``POST /bare/<station id>/checkins/``
inserts one row with one SQL statement, no authentication, no validation beyond JSON."""

from __future__ import annotations

import hashlib
import json
import uuid

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

SQL = (
    "INSERT INTO stations_checkin (created_at, updated_at, station_id, event_id, at, occupation,"
    " visitor, is_member, source, fingerprint) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    " RETURNING id"
)


@csrf_exempt
def bare_checkin(request, pk: int):
    if request.method != "POST":
        return HttpResponse(status=405)
    data = json.loads(request.body or b"{}")
    now = timezone.now()
    visitor = hashlib.sha256(str(data.get("phone", "")).encode()).hexdigest()
    with connection.cursor() as cur:
        cur.execute(
            SQL,
            [now, now, pk, str(uuid.UUID(data["event_id"])), now,
             data.get("occupation", "other"), visitor, False, "device", visitor],
        )  # fmt: skip
        new_id = cur.fetchone()[0]
    return JsonResponse({"id": new_id, "counted": True}, status=201)


urlpatterns = [path("bare/<int:pk>/checkins/", bare_checkin)]
