"""Scope-matrix samples: one record of each model inside a county, and payloads for the
write matrix (organisers, activities, shows in that county)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.files.base import ContentFile
from django.utils import timezone

from unionhub.activities import services
from unionhub.activities.choices import ActivityKind, SignInSource
from unionhub.activities.models import (
    Activity,
    ActivityPhoto,
    Performer,
    Programme,
    SeasonPlan,
    Show,
    SignIn,
    VisitTarget,
)
from unionhub.org.demo import first_town_union
from unionhub.org.models import OrgUnit


def png(name: str = "photo.png", colour=(196, 30, 58)) -> ContentFile:
    """A small real PNG (made by Pillow), so the photo validator accepts it."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def organiser_in(slug: str) -> OrgUnit:
    """The county's first town union organises the samples."""
    return first_town_union(slug)


def _today() -> dt.date:
    return timezone.localdate()


def activity_in(slug: str) -> Activity:
    title = f"样例培训{slug}"
    return Activity.objects.filter(title=title).first() or services.activity_create(
        actor=None,
        kind=ActivityKind.TRAINING,
        title=title,
        organiser=organiser_in(slug),
        held_on=_today(),
        head_count=10,
    )


def visit_in(slug: str) -> Activity:
    title = f"样例走访{slug}"
    return Activity.objects.filter(title=title).first() or services.activity_create(
        actor=None,
        kind=ActivityKind.VISIT,
        title=title,
        organiser=organiser_in(slug),
        held_on=_today(),
    )


def target_in(slug: str) -> VisitTarget:
    visit = visit_in(slug)
    return visit.targets.first() or services.visittarget_create(
        actor=None, activity=visit, name="样例老党员", category="old_party_member", given="慰问金"
    )


def signin_in(slug: str) -> SignIn:
    activity = activity_in(slug)
    return services.signin_record(
        actor=None,
        activity=activity,
        name="样例职工",
        phone="13900000001",
        employer_name="样例企业",
        source=SignInSource.QR,
    ).signin


def photo_in(slug: str) -> ActivityPhoto:
    activity = activity_in(slug)
    return activity.photos.first() or services.photo_add(
        actor=None, activity=activity, image=png(), caption="样例照片"
    )


def plan_in(slug: str) -> SeasonPlan:
    organiser = organiser_in(slug)
    year = _today().year
    return SeasonPlan.objects.filter(organiser=organiser, year=year).first() or (
        services.seasonplan_create(
            actor=None, organiser=organiser, year=year, title="样例周周演", shows_planned=4
        )
    )


def show_in(slug: str) -> Show:
    title = f"样例演出{slug}"
    return Show.objects.filter(title=title).first() or services.show_create(
        actor=None,
        organiser=organiser_in(slug),
        plan=plan_in(slug),
        title=title,
        held_on=_today(),
        audience=100,
    )


def programme_in(slug: str) -> Programme:
    show = show_in(slug)
    return show.programmes.first() or services.programme_create(
        actor=None, show=show, order=1, title="样例合唱", kind="song"
    )


def performer_in(slug: str) -> Performer:
    programme = programme_in(slug)
    return programme.performers.first() or services.performer_create(
        actor=None, programme=programme, name="样例演员"
    )


SAMPLES = {
    Activity: activity_in,
    ActivityPhoto: photo_in,
    VisitTarget: target_in,
    SignIn: signin_in,
    SeasonPlan: plan_in,
    Show: show_in,
    Programme: programme_in,
    Performer: performer_in,
}


# --- the write matrix ---------------------------------------------------------------------


def _unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}"


def _activity_form(slug: str) -> dict:
    return {
        "kind": "lecture",
        "title": _unique("新讲座"),
        "series": "",
        "organiser": organiser_in(slug).pk,
        "held_on": _today().isoformat(),
        "ends_on": "",
        "place": "职工之家",
        "audience": "职工",
        "head_count": 30,
        "cost": "100.00",
        "note": "",
    }


def _activity_api(slug: str) -> dict:
    return {**_activity_form(slug), "ends_on": None}


FORM_DATA = {
    Activity: _activity_form,
    VisitTarget: lambda slug: {
        "activity": visit_in(slug).pk,
        "name": _unique("困难职工"),
        "category": "worker_in_difficulty",
        "member_phone": "",
        "given": "米、油",
        "amount": "200.00",
    },
    SeasonPlan: lambda slug: {
        "organiser": organiser_in(slug).pk,
        "year": _today().year + 1,
        "title": _unique("周周演"),
        "shows_planned": 12,
        "themes": "五一专场",
    },
    Show: lambda slug: {
        "organiser": organiser_in(slug).pk,
        "plan": "",
        "title": _unique("周周演"),
        "held_on": _today().isoformat(),
        "place": "文化广场",
        "theme": "",
        "audience": 200,
    },
    Programme: lambda slug: {
        "show": show_in(slug).pk,
        "order": 2,
        "title": _unique("舞蹈"),
        "kind": "dance",
    },
    Performer: lambda slug: {
        "programme": programme_in(slug).pk,
        "name": _unique("演员"),
        "member_phone": "",
        "employer": "",
    },
}

API_DATA = {
    Activity: _activity_api,
    VisitTarget: lambda slug: {
        "activity": visit_in(slug).pk,
        "name": _unique("困难职工"),
        "category": "worker_in_difficulty",
        "given": "米、油",
        "amount": "200.00",
    },
    Show: lambda slug: {**FORM_DATA[Show](slug), "plan": None},
    Performer: lambda slug: {
        "programme": programme_in(slug).pk,
        "name": _unique("演员"),
        "member": None,
        "employer": None,
    },
}

ACTION_DATA = {
    "activities:activity_walkin": lambda activity: {
        "name": "现场报名",
        "phone": "13900000002",
        "employer_name": "某企业",
    },
    "activities:activity_photo": lambda activity: {"image": png(), "caption": "现场照片"},
    "activities:activityphoto_caption": lambda photo: {"caption": "改过的说明"},
    "activities:activityphoto_remove": lambda photo: {"reason": "照片重复"},
}

_PUBLIC = "public page of one activity reached by its signed link (no account); see test_signin.py"
WRITE_EXEMPT = {
    "activities:signin": _PUBLIC,
    "activities:host_walkin": _PUBLIC,
}
