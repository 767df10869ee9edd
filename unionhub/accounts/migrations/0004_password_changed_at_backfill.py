"""Existing accounts start their password-expiry clock at the upgrade (their real change
date is unknown), so nobody is sent to the change-password page the day it ships."""

from django.db import migrations
from django.utils import timezone


def backfill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(password_changed_at__isnull=True).update(password_changed_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_account_security")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
