"""Seed the SME classification standard of 2011 (工信部联企业〔2011〕300号, domain.md §5.1).

The table is copied here (migrations never import app code); later versions are added as
new ``SmeStandard`` rows with their own effective dates."""

import datetime

from django.db import migrations

# industry: (metrics, {tier: lower bounds in the order of metrics})
SME_2011 = {
    "agriculture": (("revenue",), {"large": (20000,), "medium": (500,), "small": (50,)}),
    "industry": (
        ("employees", "revenue"),
        {"large": (1000, 40000), "medium": (300, 2000), "small": (20, 300)},
    ),
    "construction": (
        ("revenue", "assets"),
        {"large": (80000, 80000), "medium": (6000, 5000), "small": (300, 300)},
    ),
    "wholesale": (
        ("employees", "revenue"),
        {"large": (200, 40000), "medium": (20, 5000), "small": (5, 1000)},
    ),
    "retail": (
        ("employees", "revenue"),
        {"large": (300, 20000), "medium": (50, 500), "small": (10, 100)},
    ),
    "transport": (
        ("employees", "revenue"),
        {"large": (1000, 30000), "medium": (300, 3000), "small": (20, 200)},
    ),
    "warehousing": (
        ("employees", "revenue"),
        {"large": (200, 30000), "medium": (100, 1000), "small": (20, 100)},
    ),
    "postal": (
        ("employees", "revenue"),
        {"large": (1000, 30000), "medium": (300, 2000), "small": (20, 100)},
    ),
    "accommodation": (
        ("employees", "revenue"),
        {"large": (300, 10000), "medium": (100, 2000), "small": (10, 100)},
    ),
    "catering": (
        ("employees", "revenue"),
        {"large": (300, 10000), "medium": (100, 2000), "small": (10, 100)},
    ),
    "information": (
        ("employees", "revenue"),
        {"large": (2000, 100000), "medium": (100, 1000), "small": (10, 100)},
    ),
    "software": (
        ("employees", "revenue"),
        {"large": (300, 10000), "medium": (100, 1000), "small": (10, 50)},
    ),
    "real_estate": (
        ("revenue", "assets"),
        {"large": (200000, 10000), "medium": (1000, 5000), "small": (100, 2000)},
    ),
    "property": (
        ("employees", "revenue"),
        {"large": (1000, 5000), "medium": (300, 1000), "small": (100, 500)},
    ),
    "leasing": (
        ("employees", "assets"),
        {"large": (300, 120000), "medium": (100, 8000), "small": (10, 100)},
    ),
    "other": (("employees",), {"large": (300,), "medium": (100,), "small": (10,)}),
}


def seed(apps, schema_editor):
    SmeStandard = apps.get_model("enterprises", "SmeStandard")
    SmeThreshold = apps.get_model("enterprises", "SmeThreshold")
    standard, _ = SmeStandard.objects.get_or_create(
        version_code="MIIT-2011-300",
        defaults={
            "name": "中小企业划型标准规定（工信部联企业〔2011〕300号）",
            "effective_from": datetime.date(2011, 6, 18),
        },
    )
    for industry, (metrics, tiers) in SME_2011.items():
        for tier, bounds in tiers.items():
            for metric, bound in zip(metrics, bounds):
                SmeThreshold.objects.update_or_create(
                    standard=standard,
                    industry=industry,
                    tier=tier,
                    metric=metric,
                    defaults={"lower_bound": bound},
                )


def unseed(apps, schema_editor):
    apps.get_model("enterprises", "SmeStandard").objects.filter(
        version_code="MIIT-2011-300"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
