"""Sign-in without an account: the signed link, expiry after the event (boundary at 24:00 of
the last day), duplicates counted once, members recognised by phone, walk-ins by the host,
the phone protected."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from unionhub.activities import hostlinks, services
from unionhub.activities.choices import ActivityKind, SignInSource
from unionhub.activities.models import SignIn
from unionhub.activities.tests.samples import organiser_in
from unionhub.core.testing.assertions import assert_invalid

pytestmark = pytest.mark.django_db


def _activity(held_on=None, ends_on=None, kind=ActivityKind.TRAINING):
    return services.activity_create(
        actor=None,
        kind=kind,
        title="安全生产培训",
        organiser=organiser_in("binhai"),
        held_on=held_on or timezone.localdate(),
        ends_on=ends_on,
    )


def _at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute, second)))


@pytest.mark.parametrize(
    ("ends", "when", "accepted"),
    [
        (None, (0, 8, 0, 0), True),  # the day of the activity, morning
        (None, (0, 23, 59, 59), True),  # the last second of the day
        (None, (1, 0, 0, 0), False),  # 24:00: the link has expired
        (2, (2, 23, 59, 59), True),  # a 3-day class: its last day still counts
        (2, (3, 0, 0, 0), False),
    ],
)
def test_sign_in_closes_at_the_end_of_the_last_day(demo, ends, when, accepted):
    day = dt.date(2026, 6, 1)
    activity = _activity(held_on=day, ends_on=day + dt.timedelta(days=ends) if ends else None)
    now = _at(day + dt.timedelta(days=when[0]), *when[1:])
    if accepted:
        result = services.signin_record(
            actor=None, activity=activity, name="张三", phone="13800000001", now=now
        )
        assert result.created
    else:
        with pytest.raises(ValidationError) as caught:
            services.signin_record(
                actor=None, activity=activity, name="张三", phone="13800000001", now=now
            )
        assert_invalid(caught, code="signin_closed")
        assert not SignIn.objects.filter(activity=activity).exists()


@pytest.mark.parametrize(
    ("name", "phone", "source", "field", "code"),
    [
        ("", "13800000001", SignInSource.QR, "name", "required"),
        ("张三", "", SignInSource.QR, "phone", "required"),
        ("张三", "12345", SignInSource.QR, "phone", "phone"),
        ("张三", "1380000000a", SignInSource.WALK_IN, "phone", "phone"),
    ],
)
def test_bad_sign_in_is_refused(demo, name, phone, source, field, code):
    activity = _activity()
    with pytest.raises(ValidationError) as caught:
        services.signin_record(actor=None, activity=activity, name=name, phone=phone, source=source)
    assert_invalid(caught, code=code, field=field)
    assert not activity.signins.exists()


def test_a_visit_has_no_sign_in(demo):
    visit = _activity(kind=ActivityKind.VISIT)
    with pytest.raises(ValidationError) as caught:
        services.signin_record(actor=None, activity=visit, name="张三", phone="13800000001")
    assert_invalid(caught, code="not_signable")


def test_same_phone_twice_counts_once_whatever_its_spelling(demo):
    activity = _activity()
    first = services.signin_record(actor=None, activity=activity, name="张三", phone="13800000001")
    again = services.signin_record(
        actor=None, activity=activity, name="张三丰", phone="+86 138-0000-0001"
    )
    assert first.created and not again.created
    assert again.signin.pk == first.signin.pk
    activity.refresh_from_db()
    assert activity.person_times == 1


def test_the_phone_is_stored_only_encrypted(demo):
    activity = _activity()
    signin = services.signin_record(
        actor=None, activity=activity, name="张三", phone="13800000001"
    ).signin
    row = SignIn.objects.filter(pk=signin.pk).values("phone_enc", "phone_hash").get()
    assert "13800000001" not in row["phone_enc"] and "13800000001" not in row["phone_hash"]
    assert SignIn.objects.get(pk=signin.pk).phone == "13800000001"
    assert signin.phone_masked == "138****0001"


def test_a_member_is_recognised_by_phone(demo):
    from model_bakery import baker

    from unionhub.enterprises.models import Enterprise
    from unionhub.members.models import Member

    employer = baker.make(Enterprise, name="滨海某化工公司", region=organiser_in("binhai").region)
    member = Member(name="周会员", union=organiser_in("binhai"), employer=employer)
    member.id_number = "11010519491231002X"
    member.phone = "13912345678"
    member.save()
    result = services.signin_record(
        actor=None, activity=_activity(), name="周会员", phone="13912345678"
    )
    assert result.signin.member == member
    assert result.signin.employer_name == "滨海某化工公司"  # from the member record


def test_public_page_signs_in_and_a_forged_or_host_token_is_404(demo, client):
    activity = _activity()
    url = hostlinks.signin_path(activity)
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "张三", "phone": "13800000001", "employer_name": "某厂"})
    assert response.status_code == 302 and response["Location"].endswith("/done/")
    response = client.post(url, {"name": "张三", "phone": "13800000001"})
    assert response["Location"].endswith("/done/?repeat=1")
    assert activity.signins.count() == 1
    assert client.get(url[:-3] + "xx/").status_code == 404
    host_token = hostlinks.host_token(activity)
    assert client.get(f"/activities/s/{host_token}/").status_code == 404
    signin_token = hostlinks.signin_token(activity)
    assert client.get(f"/activities/h/{signin_token}/").status_code == 404


def test_expired_link_says_why_and_writes_nothing(demo, client):
    activity = _activity(held_on=timezone.localdate() - dt.timedelta(days=1))
    url = hostlinks.signin_path(activity)
    page = client.get(url)
    assert page.status_code == 200 and "已过期" in page.content.decode()
    response = client.post(url, {"name": "张三", "phone": "13800000001"})
    assert response.status_code == 400
    assert "已过期" in response.content.decode()
    assert not activity.signins.exists()


def test_host_page_shows_attendance_and_adds_walk_ins(demo, client):
    activity = _activity()
    services.signin_record(actor=None, activity=activity, name="扫码者", phone="13800000009")
    token = hostlinks.host_token(activity)
    page = client.get(f"/activities/h/{token}/")
    body = page.content.decode()
    assert page.status_code == 200 and "扫码者" in body and "<svg" in body
    assert "13800000009" not in body  # no phone on the host's page
    response = client.post(f"/activities/h/{token}/walkin/", {"name": "现场来宾", "phone": ""})
    assert response.status_code == 302
    live = client.get(f"/activities/h/{token}/attendance/").content.decode()
    assert "现场来宾" in live and "扫码者" in live
    assert activity.signins.get(name="现场来宾").source == SignInSource.WALK_IN


def test_qr_encodes_the_signed_sign_in_url(demo, client_as):
    activity = _activity()
    response = client_as("binhai_admin").get(f"/activities/{activity.pk}/qr/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    other = client_as("sheyang_admin").get(f"/activities/{activity.pk}/qr/")
    assert other.status_code == 404


def test_api_masks_the_phone_without_the_personal_data_permission(demo, api_as):
    activity = _activity()
    services.signin_record(actor=None, activity=activity, name="张三", phone="13800000001")
    url = f"/api/v1/activities/signins/?activity={activity.pk}"
    admin = api_as("binhai_admin").get(url).json()["results"][0]
    assert admin["phone"] == "13800000001"
    town = api_as("binhai_town").get(url).json()
    if town["count"]:  # the town cadre sees the activity only if it is in their town
        assert town["results"][0]["phone"] == "138****0001"


def test_after_the_activity_the_host_link_shows_the_count_but_no_names(demo, client):
    activity = _activity(held_on=timezone.localdate() - dt.timedelta(days=3))
    day = activity.held_on
    services.signin_record(
        actor=None, activity=activity, name="早到者", phone="13800000007", now=_at(day, 9)
    )
    body = client.get(f"/activities/h/{hostlinks.host_token(activity)}/").content.decode()
    assert "已过期" in body and "早到者" not in body
    response = client.post(
        f"/activities/h/{hostlinks.host_token(activity)}/walkin/", {"name": "迟到者"}
    )
    assert response.status_code == 400 and "已过期" in response.content.decode()
    assert activity.signins.count() == 1


def test_links_are_stable_and_earlier_timestamped_links_still_open():
    from django.core import signing

    activity = _activity()
    assert hostlinks.signin_token(activity) == hostlinks.signin_token(activity)
    earlier = signing.dumps(activity.pk, salt=hostlinks.SIGNIN_SALT, compress=True)
    assert hostlinks.activity_for_token(earlier, salt=hostlinks.SIGNIN_SALT) == activity
    assert hostlinks.activity_for_token(earlier, salt=hostlinks.HOST_SALT) is None
