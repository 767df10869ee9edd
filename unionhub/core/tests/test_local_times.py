"""Every page shows times in Asia/Shanghai as ``YYYY-MM-DD HH:MM`` (issue #21: the ticket
list showed ``2026-12-01 20:22:10.662088+00:00`` for a ticket submitted 12-02 04:22).

Every registered list and detail page (discovered like the scope matrix, with its read
matrix sample) is rendered with the sample's times moved to 23:30 UTC — already the next
day, 07:30, in Yancheng: the page must never print the UTC value, and where it shows one of
those times it shows the local day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, models
from django.template import Context, Template
from django.urls import reverse

from unionhub.core import formatting
from unionhub.core.testing.scope_matrix import endpoints, samples

UTC_MOMENT = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)
LOCAL_TEXT = "2026-12-02 07:30"
# Django's default Chinese date format of the UTC day ("2026年12月1日"); a month on its
# own ("2026年12月", a monthly record) is not a time and may be shown.
RAW_UTC = ("2026-12-01 23:30", "23:30:00", "+00:00", "2026年12月1日")

PAGES = [
    e
    for e in endpoints()
    if e.model is not None
    and not (e.is_api or e.is_download or e.serves_file)
    and e.params in ([], ["pk"])
]


def _datetime_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]


def _shown_fields(endpoint) -> set[str]:
    cls = getattr(endpoint.view, "view_class", None)
    if endpoint.params:
        return set(getattr(cls, "fields", ()) or ())
    return {name for name, _label in getattr(cls, "columns", ()) or ()}


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", PAGES, ids=lambda e: e.name or e.route)
def test_page_shows_local_times(endpoint, client_as):
    sample = samples()[endpoint.model]("xiangshui")
    # Only the times the sample has: setting an empty one (a photo's removed_at) would
    # change what the record is, not when.
    moments = [name for name in _datetime_fields(type(sample)) if getattr(sample, name)]
    if moments:
        if connection.vendor == "postgresql":
            # The audit trail's append-only trigger would refuse the back-dating; switch
            # triggers off for this test's transaction only (the test database's superuser).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        type(sample)._base_manager.filter(pk=sample.pk).update(**dict.fromkeys(moments, UTC_MOMENT))
    url = reverse(endpoint.name, kwargs={"pk": sample.pk} if endpoint.params else {})
    response = client_as("city_admin").get(url, {"page_size": 500})
    if response.status_code == 405 or not response["Content-Type"].startswith("text/html"):
        pytest.skip("an action or a download, not a page")
    assert response.status_code == 200, (endpoint.name, response.status_code)
    page = response.content.decode()
    for raw in RAW_UTC:
        at = page.find(raw)
        assert at < 0, f"{endpoint.name} prints {raw!r}: …{page[max(at - 300, 0) : at + 60]}…"
    shown = _shown_fields(endpoint) & set(moments)
    if shown and (endpoint.params or str(sample) in page):
        assert LOCAL_TEXT in page, f"{endpoint.name} shows {sorted(shown)} without the local time"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (UTC_MOMENT, "2026-12-02 07:30"),
        (dt.datetime(2026, 12, 1, 15, 59, tzinfo=dt.UTC), "2026-12-01 23:59"),
        (dt.datetime(2026, 12, 1, 16, 0, tzinfo=dt.UTC), "2026-12-02 00:00"),
        (dt.date(2026, 12, 2), "2026-12-02"),
        (None, ""),
    ],
)
def test_local_value_formats_in_shanghai(value, expected):
    assert formatting.local_value(value) == expected


def test_templates_format_dates_the_same_way():
    out = Template("{{ at }}|{{ at|date }}|{{ day }}|{% load unionhub %}{{ at|local }}").render(
        Context({"at": UTC_MOMENT, "day": dt.date(2026, 12, 2)})
    )
    assert out == "2026-12-02 07:30|2026-12-02|2026-12-02|2026-12-02 07:30"
