"""Loads the default indicator set and levels (unionhub/governance/defaults.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from unionhub.governance.defaults import load_default_rules

    load_default_rules(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
