"""Care visits (走访慰问) move into the one activity ledger: each group of the old
``CareVisit`` rows with the same visiting union, date and kind becomes one activity of the
visit type whose visit targets are the people visited (linked to the registry), then the
old table goes. Nothing is lost: the amount and kind move to the target, the note to the
activity. Going back recreates the rows from the ledger's registry-linked targets."""

from collections import defaultdict

from django.db import migrations

KIND_LABELS = {
    "festival": "节日慰问",
    "illness": "看望病困",
    "hardship": "困难帮扶",
    "health_check": "健康体检",
    "other": "其他",
}
AREA_KINDS = ("city_federation", "county_federation", "town_federation")


def _organiser(OrgUnit, region):
    """The federation of the person's region or of the nearest region above it."""
    codes = [c for c in region.path.strip("/").split("/") if c]
    units = {
        u.region.code: u
        for u in OrgUnit.objects.filter(region__code__in=codes, kind__in=AREA_KINDS)
        .select_related("region")
        .order_by("pk")
    }
    for code in reversed(codes):
        if code in units:
            return units[code]
    return None


def forwards(apps, schema_editor):
    CareVisit = apps.get_model("people", "CareVisit")
    Activity = apps.get_model("activities", "Activity")
    VisitTarget = apps.get_model("activities", "VisitTarget")
    OrgUnit = apps.get_model("org", "OrgUnit")
    groups = defaultdict(list)
    organisers = {}
    for visit in CareVisit.objects.select_related("model_worker__region").order_by("pk"):
        region = visit.model_worker.region
        if region.pk not in organisers:
            organisers[region.pk] = _organiser(OrgUnit, region)
        organiser = organisers[region.pk]
        if organiser is None:
            raise RuntimeError(f"No union found for the care visit {visit.pk}")
        groups[(organiser.pk, visit.visited_on, visit.kind, visit.visitor)].append(visit)
    for (organiser_id, day, kind, visitor), visits in groups.items():
        label = KIND_LABELS.get(kind, kind)
        activity = Activity.objects.create(
            kind="visit",
            title=f"走访慰问劳模（{label}）",
            organiser_id=organiser_id,
            held_on=day,
            audience="劳模、工匠和先进工作者",
            note="\n".join(
                [f"走访单位：{visitor}"] + [v.note for v in visits if v.note]
            ),
            created_by_id=visits[0].created_by_id,
        )
        seen = set()
        for visit in visits:
            if visit.model_worker_id in seen:  # one person once per visit
                continue
            seen.add(visit.model_worker_id)
            VisitTarget.objects.create(
                activity=activity,
                name=visit.model_worker.name,
                category="model_worker",
                member_id=visit.model_worker.member_id,
                model_worker_id=visit.model_worker_id,
                given=label,
                amount=visit.amount,
                created_by_id=visit.created_by_id,
            )
        Activity.objects.filter(pk=activity.pk).update(person_times=len(seen))


def backwards(apps, schema_editor):
    CareVisit = apps.get_model("people", "CareVisit")
    VisitTarget = apps.get_model("activities", "VisitTarget")
    labels = {v: k for k, v in KIND_LABELS.items()}
    for target in VisitTarget.objects.filter(model_worker__isnull=False).select_related(
        "activity__organiser"
    ):
        CareVisit.objects.create(
            model_worker_id=target.model_worker_id,
            kind=labels.get(target.given, "other"),
            visited_on=target.activity.held_on,
            visitor=target.activity.organiser.name,
            amount=target.amount,
            created_by_id=target.created_by_id,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_protect_history"),
        ("activities", "0003_visit_target_model_worker"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="CareVisit"),
    ]
