"""Drop the three ``varchar_pattern_ops`` companions Django adds on PostgreSQL to the
indexes of ``uscc`` (unique), ``union_status`` and ``target_reasons`` (issue 20).

They serve only ``LIKE 'prefix%'``. EXPLAIN of the enterprise list, search and figures
(docs/performance.md): status and reasons are compared with ``=`` / ``IN`` (the plain index
serves them), ``target_reasons__contains`` is ``LIKE '%…%'`` and the search is
``UPPER(…) LIKE '%…%'`` (no B-tree serves those), the USCC look-ups are ``=`` (the unique
index). Each one costs every import and every enterprise write an index update. ``name``
keeps its companion (the list's search orders and filters by name)."""

from django.db import migrations

FIELDS = ("uscc", "union_status", "target_reasons")


def _names(apps, schema_editor):
    model = apps.get_model("enterprises", "Enterprise")
    table = model._meta.db_table
    for name in FIELDS:
        column = model._meta.get_field(name).column
        yield column, schema_editor._create_index_name(table, [column], suffix="_like")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _column, index in _names(apps, schema_editor):
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index}"')


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("enterprises", "Enterprise")._meta.db_table
    for column, index in _names(apps, schema_editor):
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" ("{column}" varchar_pattern_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0007_protect_history")]

    operations = [migrations.RunPython(drop, restore)]
