"""Seeds Jiangsu's split of union funds (grassroots 60 %, upper levels 40 %, domain.md §1.5
[M]: a parameter to confirm with 盐城市总工会财务部) and splits the remittances recorded
before the split existed by it."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations

JIANGSU = "32"
PERCENT = Decimal("60")


def seed(apps, schema_editor):
    FundSplitRule = apps.get_model("funds", "FundSplitRule")
    Remittance = apps.get_model("funds", "Remittance")
    if not FundSplitRule.objects.filter(province_code=JIANGSU).exists():
        FundSplitRule.objects.create(
            province_code=JIANGSU,
            grassroots_percent=PERCENT,
            valid_from=dt.date(2000, 1, 1),
            valid_to=None,
            legal_basis="江苏省工会经费分成比例：基层工会留成60%，上级工会40%（待财务部确认文号）",
        )
    for r in Remittance.objects.filter(
        enterprise__region__path__startswith=JIANGSU, split_percent=0, fund_kind="funds"
    ).iterator():
        grassroots = (r.amount * PERCENT / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        Remittance.objects.filter(pk=r.pk).update(
            split_percent=PERCENT, grassroots_share=grassroots, upper_share=r.amount - grassroots
        )


class Migration(migrations.Migration):
    dependencies = [("funds", "0002_fund_kinds_split_reversal")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
