"""Photos are images only (by content); workers' culture rules (plans, shows) and the
season plan vs done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from unionhub.activities import selectors, services
from unionhub.activities.models import ActivityPhoto
from unionhub.activities.tests.samples import activity_in, organiser_in, png
from unionhub.core.testing.assertions import assert_invalid

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "upload",
    [
        ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", name="scan.jpg"),
        ContentFile("签到表".encode(), name="list.png"),
        ContentFile(b"", name="empty.webp"),
    ],
    ids=["pdf-named-jpg", "text-named-png", "empty"],
)
def test_a_file_that_is_not_an_image_is_refused(demo, upload):
    activity = activity_in("binhai")
    before = ActivityPhoto.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.photo_add(actor=None, activity=activity, image=upload)
    assert_invalid(caught, code="photo_type", field="image")
    assert ActivityPhoto.objects.count() == before


def test_a_photo_is_kept_and_served_only_inside_the_scope(demo, client_as):
    photo = services.photo_add(actor=None, activity=activity_in("binhai"), image=png())
    own = client_as("binhai_admin").get(f"/activities/photos/{photo.pk}/file/")
    assert own.status_code == 200 and b"".join(own.streaming_content).startswith(b"\x89PNG")
    assert client_as("sheyang_admin").get(f"/activities/photos/{photo.pk}/file/").status_code == 404


def test_photo_page_refuses_a_non_image_with_a_chinese_reason(demo, client_as):
    activity = activity_in("binhai")
    client = client_as("binhai_admin")
    fake = ContentFile(b"not an image", name="photo.jpg")
    response = client.post(f"/activities/{activity.pk}/photo/", {"image": fake, "caption": ""})
    assert response.status_code == 400
    assert "不是照片" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"year": 1999}, "year", "year_range"),
        ({"year": 2101}, "year", "year_range"),
        ({"shows_planned": 0}, "shows_planned", "no_shows_planned"),
    ],
)
def test_bad_season_plan_is_refused(demo, overrides, field, code):
    data = {
        "organiser": organiser_in("dafeng"),
        "year": 2027,
        "title": "周周演",
        "shows_planned": 15,
    }
    with pytest.raises(ValidationError) as caught:
        services.seasonplan_create(actor=None, **{**data, **overrides})
    assert_invalid(caught, code=code, field=field)


@pytest.mark.parametrize("year", [2000, 2100])
def test_season_plan_year_boundaries_are_accepted(demo, year):
    plan = services.seasonplan_create(
        actor=None, organiser=organiser_in("dafeng"), year=year, title="周周演", shows_planned=1
    )
    assert plan.pk


def test_a_show_must_match_its_plan(demo):
    plan = services.seasonplan_create(
        actor=None, organiser=organiser_in("dafeng"), year=2026, title="周周演", shows_planned=2
    )
    base = {"organiser": organiser_in("dafeng"), "plan": plan, "title": "专场"}
    with pytest.raises(ValidationError) as caught:
        services.show_create(actor=None, held_on=dt.date(2027, 1, 5), **base)
    assert_invalid(caught, code="plan_year", field="plan")
    with pytest.raises(ValidationError) as caught:
        services.show_create(
            actor=None, held_on=dt.date(2026, 1, 5), **{**base, "organiser": organiser_in("tinghu")}
        )
    assert_invalid(caught, code="plan_organiser", field="plan")


def test_plan_vs_done_counts_the_shows_programmes_and_performers(demo, user_named):
    organiser = organiser_in("dafeng")
    plan = services.seasonplan_create(
        actor=None, organiser=organiser, year=2026, title="周周演", shows_planned=3
    )
    for n, special in enumerate((True, False)):
        show = services.show_create(
            actor=None,
            organiser=organiser,
            plan=plan,
            title=f"第{n + 1}场",
            held_on=dt.date(2026, 3 + n, 1),
            is_special=special,
            audience=100,
        )
        programme = services.programme_create(actor=None, show=show, title="合唱", kind="song")
        for m in range(3):
            services.performer_create(actor=None, programme=programme, name=f"演员{m}")
    rows = selectors.plan_progress(user=user_named("dafeng_admin"), year=2026)
    row = next(r for r in rows if r.plan == plan)
    assert (row.shows_done, row.specials_done, row.programmes, row.performers) == (2, 1, 2, 6)
    assert (row.shows_left, row.percent, row.audience) == (1, 67, 200)
    assert not any(
        r.plan == plan for r in selectors.plan_progress(user=user_named("sheyang_admin"))
    )


def test_a_performer_who_is_a_member_brings_their_employer(demo):
    from model_bakery import baker

    from unionhub.enterprises.models import Enterprise
    from unionhub.members.models import Member

    employer = baker.make(Enterprise, name="大丰港某公司", region=organiser_in("dafeng").region)
    member = Member(name="钱演员", union=organiser_in("dafeng"), employer=employer)
    member.id_number = "11010519491231002X"
    member.phone = "13912340000"
    member.save()
    show = services.show_create(
        actor=None, organiser=organiser_in("dafeng"), title="专场", held_on=dt.date(2026, 5, 1)
    )
    programme = services.programme_create(actor=None, show=show, title="独唱", kind="song")
    performer = services.performer_create(actor=None, programme=programme, name="", member=member)
    assert (performer.name, performer.employer) == ("钱演员", employer)


# --- caption and soft removal ---------------------------------------------------------------


def test_a_caption_is_edited_and_audited(demo, client_as):
    from unionhub.activities.tests.samples import photo_in
    from unionhub.core.models import ChangeRecord

    photo = photo_in("binhai")
    response = client_as("binhai_admin").post(
        f"/activities/photos/{photo.pk}/caption/", {"caption": "开班合影"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/activities/{photo.activity_id}/#tab-photos")
    photo.refresh_from_db()
    assert photo.caption == "开班合影"
    assert ChangeRecord.objects.filter(action="update", object_id=str(photo.pk)).exists()


def test_a_removed_photo_leaves_the_page_and_is_no_longer_served(demo, client_as):
    from unionhub.activities.tests.samples import photo_in

    photo = photo_in("binhai")
    client = client_as("binhai_admin")
    assert client.get(f"/activities/photos/{photo.pk}/file/").status_code == 200
    response = client.post(f"/activities/photos/{photo.pk}/remove/", {"reason": "照片重复"})
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.removed_at is not None and photo.removal_reason == "照片重复"
    assert photo.removed_by.username == "binhai_admin"
    assert ActivityPhoto.objects.filter(pk=photo.pk).exists()  # soft: the row stays
    assert client.get(f"/activities/photos/{photo.pk}/file/").status_code == 404
    page = client.get(f"/activities/{photo.activity_id}/")
    assert photo not in list(page.context["photos"])
    # a removed photo can be neither removed again nor re-captioned
    assert client.get(f"/activities/photos/{photo.pk}/remove/").status_code == 404


@pytest.mark.parametrize("service", ["photo_update", "photo_delete"])
def test_the_services_refuse_a_removed_photo(demo, service):
    from django.core.exceptions import ValidationError

    from unionhub.activities.tests.samples import photo_in
    from unionhub.core.testing.assertions import assert_invalid

    photo = photo_in("binhai")
    services.photo_delete(actor=None, activityphoto=photo)
    data = {"caption": "x"} if service == "photo_update" else {}
    with pytest.raises(ValidationError) as caught:
        getattr(services, service)(actor=None, activityphoto=photo, **data)
    assert_invalid(
        caught, code="photo_removed", field="caption" if service == "photo_update" else "reason"
    )


def test_another_county_cannot_touch_the_photo(demo, client_as):
    from unionhub.activities.tests.samples import photo_in

    photo = photo_in("binhai")
    client = client_as("dafeng_admin")
    assert client.post(f"/activities/photos/{photo.pk}/remove/", {}).status_code == 404
    assert (
        client.post(f"/activities/photos/{photo.pk}/caption/", {"caption": "x"}).status_code == 404
    )
