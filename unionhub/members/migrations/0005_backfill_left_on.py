"""Members recorded as having left before ``left_on`` existed get the day their record was
last changed. That day is never before the real leaving day (the status change was the
change or an earlier one), so the retention period counted from it can only end later,
never earlier, than the true one."""

from django.db import migrations
from django.utils import timezone


def backfill(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    rows = list(Member.objects.filter(status="left", left_on__isnull=True).only("pk", "updated_at"))
    for row in rows:
        row.left_on = timezone.localdate(row.updated_at)
    Member.objects.bulk_update(rows, ["left_on"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("members", "0004_member_left_on_anonymised")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
