"""The composition rule of domain.md §4 as its first dated row: front-line workers at least
50 %, middle managers and above at most 20 % (the 2012 Regulations on Enterprise Democratic
Management and the provincial guidance the handbook cites)."""

import datetime as dt

from django.db import migrations


def seed(apps, schema_editor):
    Rule = apps.get_model("congress", "CompositionRule")
    Rule.objects.get_or_create(
        valid_from=dt.date(2012, 4, 1),
        defaults={
            "frontline_min_percent": 50,
            "managers_max_percent": 20,
            "basis": "企业民主管理规定（2012）及省级指导意见（domain.md §4）",
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("congress", "CompositionRule").objects.filter(
        valid_from=dt.date(2012, 4, 1)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("congress", "0002_composition_rule")]

    operations = [migrations.RunPython(seed, unseed)]
