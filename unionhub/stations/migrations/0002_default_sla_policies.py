from django.db import migrations

# Acknowledge 5 minutes for emergencies, 30 minutes otherwise (issue 6); resolve limits per
# category are configurable data.
DEFAULTS = [
    ("emergency", 5, 60),
    ("safety", 30, 240),
    ("equipment", 30, 1440),
    ("hygiene", 30, 480),
]


def seed(apps, schema_editor):
    SlaPolicy = apps.get_model("stations", "SlaPolicy")
    for category, ack, resolve in DEFAULTS:
        SlaPolicy.objects.get_or_create(
            category=category, defaults={"acknowledge_minutes": ack, "resolve_minutes": resolve}
        )


class Migration(migrations.Migration):
    dependencies = [("stations", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
