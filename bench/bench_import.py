"""Excel import of N enterprise rows (issue 8, benchmark 1).

* candidate: UnionHub's ``EnterpriseImporter`` (core engine + enterprises columns, every
  validation of the enterprises issue), exactly what ``manage.py import_enterprises`` runs;
* peer: django-import-export 4.4 with its fastest documented configuration (``use_bulk``,
  ``batch_size``, ``skip_diff``, ``skip_unchanged``) importing the same file;
* floor: python-calamine merely reading every cell of the file.

Each import writes new rows (USCCs not in the database) inside a transaction that is rolled
back, so every run starts from the same table. Peak RSS of the UnionHub importer is measured
in a subprocess (``VmHWM`` of /proc/self/status), so the peer's memory does not pollute it."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.harness import ROOT, Result

ROWS = {"tiny": 2_000, "county": 100_000, "city": 100_000}
HEADERS = [
    "统一社会信用代码", "企业名称", "所在地区代码", "行业代码", "经济类型", "从业人员数",
    "营业收入(万元)", "资产总额(万元)", "成立日期", "经营状态", "是否建立党组织",
    "是否头部企业", "是否社会知名企业",
]  # fmt: skip
OWNERSHIP = ["私营"] * 6 + ["国有", "集体", "外商投资", "港澳台投资", "其他"]
STATUS = ["在营"] * 8 + ["停业", "注销"]
INDUSTRY = ["C", "C13", "C34", "E", "F", "G", "H", "I", "K", "M"]
USCC_OFFSET = 50_000_000  # far above generate_scale's enterprise ids


class _RollBack(Exception):
    pass


def bench_file(rows: int) -> Path:
    """The same .xlsx for every run, written once (xlsxwriter, constant_memory)."""
    import random

    import xlsxwriter

    from unionhub.enterprises.scale import make_uscc
    from unionhub.org.models import Region

    target = ROOT / "var" / "bench" / f"enterprises_{rows}.xlsx"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    towns = list(Region.objects.filter(level="town").order_by("code").values_list("code", "path"))
    rnd = random.Random(8)
    tmp = target.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    ws = wb.add_worksheet("企业导入模板")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, HEADERS)
    for i in range(rows):
        code, path = towns[i % len(towns)]
        county = path.split("/")[1]
        emp = rnd.randrange(1, 2_000)
        ws.write_row(
            i + 1,
            0,
            [
                make_uscc(USCC_OFFSET + i, county), f"盐城基准测试企业{i:06d}有限公司", code,
                INDUSTRY[i % len(INDUSTRY)], OWNERSHIP[i % len(OWNERSHIP)], emp,
                round(emp * rnd.uniform(10, 90), 2), round(emp * rnd.uniform(10, 60), 2),
            ],
        )  # fmt: skip
        ws.write_datetime(i + 1, 8, dt.datetime(2000, 1, 1) + dt.timedelta(days=i % 9000), date_fmt)
        ws.write_row(
            i + 1,
            9,
            [
                STATUS[i % len(STATUS)],
                "是" if i % 7 == 0 else "否",
                "否",
                "是" if i % 97 == 0 else "否",
            ],
        )
    wb.close()
    tmp.rename(target)
    return target


# --- the three paths ----------------------------------------------------------------------


def read_only(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    n = 0
    for row in CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows():
        n += len(row)
    return n


def unionhub_import(path: Path) -> dict:
    from django.db import transaction

    from unionhub.accounts.models import User
    from unionhub.core.middleware import acting_as
    from unionhub.enterprises.importers import EnterpriseImporter

    actor = User.objects.get(username="city_admin")
    out = {}
    try:
        with transaction.atomic(), acting_as(actor):
            result = EnterpriseImporter(actor=actor).run(str(path))
            out = {"created": result.created, "rejected": result.rejected, "total": result.total}
            raise _RollBack
    except _RollBack:
        pass
    return out


def _die_resource():
    from import_export import fields, resources, widgets
    from import_export.instance_loaders import CachedInstanceLoader

    from unionhub.enterprises.models import Enterprise
    from unionhub.org.models import Region

    class ChoiceWidget(widgets.Widget):
        def __init__(self, mapping):
            super().__init__()
            self.mapping = mapping

        def clean(self, value, row=None, **kwargs):
            return self.mapping.get(value, "other")

    class YesNo(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            return value == "是"

    from unionhub.enterprises.importers import OWNERSHIP_LABELS, STATUS_LABELS

    class EnterpriseResource(resources.ModelResource):
        uscc = fields.Field(attribute="uscc", column_name="统一社会信用代码")
        name = fields.Field(attribute="name", column_name="企业名称")
        region = fields.Field(
            attribute="region",
            column_name="所在地区代码",
            widget=widgets.ForeignKeyWidget(Region, field="code"),
        )
        industry_code = fields.Field(attribute="industry_code", column_name="行业代码")
        ownership = fields.Field(
            attribute="ownership", column_name="经济类型", widget=ChoiceWidget(OWNERSHIP_LABELS)
        )
        employees = fields.Field(
            attribute="employees", column_name="从业人员数", widget=widgets.IntegerWidget()
        )
        revenue_wan = fields.Field(
            attribute="revenue_wan", column_name="营业收入(万元)", widget=widgets.DecimalWidget()
        )
        assets_wan = fields.Field(
            attribute="assets_wan", column_name="资产总额(万元)", widget=widgets.DecimalWidget()
        )
        founded_on = fields.Field(
            attribute="founded_on", column_name="成立日期", widget=widgets.DateWidget()
        )
        operating_status = fields.Field(
            attribute="operating_status", column_name="经营状态", widget=ChoiceWidget(STATUS_LABELS)
        )
        has_party_org = fields.Field(
            attribute="has_party_org", column_name="是否建立党组织", widget=YesNo()
        )
        is_head_enterprise = fields.Field(
            attribute="is_head_enterprise", column_name="是否头部企业", widget=YesNo()
        )
        is_high_profile = fields.Field(
            attribute="is_high_profile", column_name="是否社会知名企业", widget=YesNo()
        )

        class Meta:
            model = Enterprise
            import_id_fields = ("uscc",)
            fields = (
                "uscc", "name", "region", "industry_code", "ownership", "employees",
                "revenue_wan", "assets_wan", "founded_on", "operating_status",
                "has_party_org", "is_head_enterprise", "is_high_profile",
            )  # fmt: skip
            use_bulk = True
            batch_size = 1_000
            # One query for all existing keys instead of one per row (documented for speed;
            # keeps the create-or-update semantics UnionHub's importer also has).
            instance_loader_class = CachedInstanceLoader
            skip_diff = True
            skip_unchanged = True
            use_transactions = True

        def before_save_instance(self, instance, row, **kwargs):
            instance.industry_section = (instance.industry_code or "?")[0]

    return EnterpriseResource()


def die_import(path: Path) -> dict:
    import tablib
    from django.db import transaction

    resource = _die_resource()
    out = {}
    try:
        with transaction.atomic():
            with path.open("rb") as fh:
                dataset = tablib.Dataset().load(fh.read(), format="xlsx")
            result = resource.import_data(dataset, dry_run=False, raise_errors=True)
            out = {"created": result.totals.get("new", 0), "errors": result.has_errors()}
            raise _RollBack
    except _RollBack:
        pass
    return out


def write_floor(path: Path) -> float | None:
    """Seconds the database alone needs to take the file's rows (PostgreSQL): the instances
    the importer would write are built first, untimed, then only the COPY writer (binary
    COPY, ids from the sequence) is timed, batch by batch, inside a transaction that is
    rolled back. Twelve indexes on the enterprise table make this most of an import."""
    from django.db import connection, transaction

    from unionhub.core.importing import _CopyWriter
    from unionhub.enterprises.importers import EnterpriseImporter
    from unionhub.enterprises.models import Enterprise

    if connection.vendor != "postgresql":
        return None
    importer = EnterpriseImporter()
    importer.prepare()
    iterator, cells = importer._open(str(path))
    rows = importer._parse(iterator, cells)
    took = 0.0
    try:
        with transaction.atomic():
            writer = _CopyWriter(Enterprise, connection)
            while True:
                batch = [
                    importer.build(values)
                    for _, values, errors in itertools.islice(rows, importer.copy_batch_size)
                    if not errors
                ]
                if not batch:
                    break
                t0 = time.perf_counter()
                writer.insert(batch, "default")
                writer.wait()
                took += time.perf_counter() - t0
            raise _RollBack
    except _RollBack:
        pass
    return took


# --- measurement --------------------------------------------------------------------------

_CHILD = """
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
import django
django.setup()
from pathlib import Path
from bench.bench_import import unionhub_import
t0 = time.perf_counter()
out = unionhub_import(Path({path!r}))
out["seconds"] = time.perf_counter() - t0
# VmHWM is the peak of this program's own address space. ru_maxrss is not used: Linux keeps
# it across fork + exec, so it would report the (larger) benchmark parent's peak.
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
out["peak_rss_mb"] = (
    int(hwm[0].split()[1]) / 1024 if hwm
    else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
)
print("RESULT " + json.dumps(out))
"""


def importer_in_subprocess(path: Path) -> dict:
    from django.conf import settings

    code = _CHILD.format(root=str(ROOT), path=str(path))
    env = os.environ.copy()  # production settings: DEBUG off (no query log in memory)
    env.update(
        DEBUG="0",
        SECRET_KEY=settings.SECRET_KEY,
        PII_KEY=settings.PII_KEY,
        ALLOWED_HOSTS="localhost",
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"importer subprocess failed: {proc.stderr[-2000:]}")


def _timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t0, out


def run(scale: str) -> list[Result]:
    rows = ROWS[scale]
    path = bench_file(rows)
    repeat = 3
    read_times, uh_times = [], []
    uh_out = {}
    read_only(path)  # warm the page cache
    for _ in range(repeat):
        t, _n = _timed(read_only, path)
        read_times.append(t)
        t, uh_out = _timed(unionhub_import, path)
        uh_times.append(t)
    die_t, die_out = _timed(die_import, path)  # one run: it is the slow one
    write_t = write_floor(path)
    child = importer_in_subprocess(path)
    uh, floor = statistics.median(uh_times), statistics.median(read_times)
    notes = [
        f"{rows:,} rows; UnionHub {rows / uh:,.0f} rows/s (created {uh_out.get('created')}, "
        f"rejected {uh_out.get('rejected')}); django-import-export {rows / die_t:,.0f} rows/s "
        f"(created {die_out.get('created')}); calamine read {rows / floor:,.0f} rows/s",
        f"UnionHub importer in a fresh process: {child['seconds']:.1f}s, "
        f"peak RSS {child['peak_rss_mb']:.0f} MB (target ≤ 300 MB: "
        f"{'PASS' if child['peak_rss_mb'] <= 300 else 'FAIL'})",
    ]
    if write_t is not None:
        notes.append(
            f"database floor: COPY of the prepared rows alone {write_t:.1f}s "
            f"= {write_t / floor:.1f}× the read-only time (the import overlaps it with "
            f"reading and checking the next batch)"
        )
    return [
        Result(
            f"excel import {rows // 1000}k vs import-export",
            "UnionHub importer",
            "django-import-export bulk",
            uh,
            die_t,
            target_ratio=0.1,
            notes=notes,
        ),
        Result(
            f"excel import {rows // 1000}k vs read-only",
            "UnionHub importer",
            "calamine read",
            uh,
            floor,
            target_ratio=3.0,
        ),
        Result(
            "excel import peak RSS (MB)",
            "UnionHub importer",
            "limit 300 MB",
            child["peak_rss_mb"],
            300.0,
            target_ratio=1.0,
            unit="MB",
        ),
    ]
