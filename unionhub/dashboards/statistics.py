"""Statutory year-end statistics (工会统计年报, "fill once, report everywhere"): the tables a
county-level union reports upward, computed from the records as they stood on a date, one row
per county-level unit and a 合计 row, every cell with the list of its records.

What "on a date" means, table by table (the same words appear in the workbook):

- grassroots unions: active grassroots organisations whose union was founded on or before the
  date (``EnterpriseUnion.founded_on``); organisations without an enterprise-union record
  (village, community unions) count from the day they were registered on the platform;
- members: members in the union now whose joining date is on or before the date;
- new-employment-form: the same members, by key group; pending join applications submitted
  on or before the date;
- ≥ 25-person enterprises: operating enterprises with ≥ 25 employees (the current register)
  founded on or before the date, and of them those covered by a union founded by then;
- union cadres: chairs / organisers of the enterprise unions founded by then; union social
  workers in post registered by then.

Categories the platform does not record (migrant-worker members, full-time and part-time
cadres) are named in the workbook as not recorded, never estimated.

Every count starts from ``Model.objects.visible_to(user)`` and is grouped by county-level unit
in one query per table (``CASE WHEN path LIKE '<county>%' …``)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Case, CharField, Count, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _

from unionhub.core.filtersets import start_of_next_day

__all__ = ["Cell", "Column", "Table", "statistics_tables", "statistics_workbook"]


@dataclass
class Column:
    key: str
    label: str
    definition: str
    html: Callable[[Any], str] | None = None  # fn(region) -> the web list of the records
    api: Callable[[Any], str] | None = None  # fn(region) -> the API list
    rate_of: tuple[str, str] | None = None  # (numerator key, denominator key)


@dataclass
class Cell:
    value: Any
    html_url: str = ""
    api_url: str = ""


@dataclass
class Table:
    number: int
    title: str
    unit: str
    columns: list[Column]
    rows: list[tuple[Any, list[Cell]]] = field(default_factory=list)
    total: list[Cell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def sheet(self) -> str:
        return _("Table %(n)s") % {"n": self.number}


def _end(as_of: dt.date) -> dt.datetime:
    return start_of_next_day(as_of)


def _county_key(lookup: str, regions: list[Any]) -> Case:
    return Case(
        *[When(**{f"{lookup}__startswith": r.path}, then=Value(r.code)) for r in regions],
        default=None,
        output_field=CharField(),
    )


def _grouped(qs, lookup: str, regions: list[Any], **aggregates) -> dict[str, dict[str, int]]:
    """``{county code: {aggregate: n}}`` in one query."""
    if not regions:
        return {}
    inside = Q()
    for r in regions:
        inside |= Q(**{f"{lookup}__startswith": r.path})
    rows = (
        qs.filter(inside)
        .annotate(county=_county_key(lookup, regions))
        .values("county")
        .order_by()
        .annotate(**aggregates)
    )
    return {row["county"]: row for row in rows}


def _url(name: str, params: dict[str, Any]) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse(name)}?{query}" if query else reverse(name)


def _api(path: str, params: dict[str, Any]) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def _fill(table: Table, regions: list[Any], counts: dict[str, dict[str, int]]) -> Table:
    totals = {c.key: 0 for c in table.columns}
    for region in regions:
        row_counts = counts.get(region.code, {})
        cells = []
        for column in table.columns:
            if column.rate_of:
                num, den = (row_counts.get(k) or 0 for k in column.rate_of)
                cells.append(Cell(_rate(num, den)))
                continue
            n = int(row_counts.get(column.key) or 0)
            totals[column.key] += n
            cells.append(
                Cell(
                    n,
                    column.html(region) if column.html else "",
                    column.api(region) if column.api else "",
                )
            )
        table.rows.append((region, cells))
    for column in table.columns:
        if column.rate_of:
            table.total.append(Cell(_rate(*(totals[k] for k in column.rate_of))))
        else:
            table.total.append(Cell(totals[column.key]))
    return table


def _rate(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- the five tables ------------------------------------------------------------------------


def _unions_table(user: Any, regions: list[Any], as_of: dt.date) -> Table:
    from unionhub.org.choices import OrgKind
    from unionhub.org.filtersets import founded_on_or_before
    from unionhub.org.models import OrgUnit

    kinds = [
        OrgKind.ENTERPRISE,
        OrgKind.JOINT,
        OrgKind.INDUSTRY,
        OrgKind.VILLAGE,
        OrgKind.COMMUNITY,
        OrgKind.OTHER,
    ]
    qs = (
        OrgUnit.objects.visible_to(user)
        .filter(kind__in=kinds, is_active=True)
        .filter(founded_on_or_before(as_of))
    )

    def link(kind: str | None):
        params = {"kind": kind, "founded_before": as_of.isoformat()}
        return lambda r: _url("org:orgunit_list", {**params, "region": r.pk})

    # No API link: the organisation API filters by parent, not by region (the web list does).
    columns = [
        Column(
            "total",
            _("Grassroots unions, total"),
            _("Active grassroots union organisations founded on or before the date"),
        )
    ] + [
        Column(
            k.value,
            str(k.label),
            _("Active grassroots unions of this kind founded on or before the date"),
            link(k.value),
        )
        for k in kinds
    ]
    aggregates = {"total": Count("pk")}
    aggregates.update({k.value: Count("pk", filter=Q(kind=k.value)) for k in kinds})
    table = Table(1, _("Grassroots trade unions by type"), _("unit: organisations"), columns)
    table.notes.append(
        _(
            "Founding date: the founding date of the enterprise union; organisations without "
            "one (village and community unions) count from the day they were registered on "
            "the platform."
        )
    )
    return _fill(table, regions, _grouped(qs, "region__path", regions, **aggregates))


def _members_base(user: Any, as_of: dt.date):
    from unionhub.members.models import Member
    from unionhub.members.selectors import members_on

    return Member.objects.visible_to(user).filter(members_on(as_of))


def _member_link(as_of: dt.date, **params):
    def html(region):
        return _url(
            "members:member_list",
            {"member_on": as_of.isoformat(), **params, "region": region.pk},
        )

    def api(region):
        return _api(
            "/api/v1/members/",
            {"member_on": as_of.isoformat(), **params, "region": region.pk},
        )

    return html, api


def _members_table(user: Any, regions: list[Any], as_of: dt.date) -> Table:
    from unionhub.members.choices import EIGHT_GROUPS

    all_html, all_api = _member_link(as_of)
    new_html, new_api = _member_link(as_of, is_new_employment="true")
    female_html, female_api = _member_link(as_of, gender="female")
    party_html, party_api = _member_link(as_of, party_member="true")
    groups_html, groups_api = _member_link(as_of, eight_groups="true")
    columns = [
        Column(
            "total",
            _("Members"),
            _(
                "Members on the date: joined on or before it, and still in the union or left after it"
            ),
            all_html,
            all_api,
        ),
        Column(
            "female",
            _("of whom women"),
            _("Members whose recorded sex is female"),
            female_html,
            female_api,
        ),
        Column(
            "new_employment",
            _("of whom new-employment-form workers"),
            _("Members marked as new-employment-form workers"),
            new_html,
            new_api,
        ),
        Column(
            "party",
            _("of whom CPC members"),
            _("Members whose political status is CPC member or probationary member"),
            party_html,
            party_api,
        ),
        Column(
            "eight_groups",
            _("of whom the eight key groups"),
            _("Members in one of the eight key groups of the national membership drive"),
            groups_html,
            groups_api,
        ),
    ]
    qs = _members_base(user, as_of)
    counts = _grouped(
        qs,
        "union__region__path",
        regions,
        total=Count("pk"),
        female=Count("pk", filter=Q(gender="female")),
        new_employment=Count("pk", filter=Q(is_new_employment=True)),
        party=Count("pk", filter=Q(political_status__in=["party_member", "probationary"])),
        eight_groups=Count("pk", filter=Q(key_group__in=[str(g) for g in EIGHT_GROUPS])),
    )
    table = Table(2, _("Members by category"), _("unit: persons"), columns)
    table.notes.append(
        _(
            "Migrant-worker members (农民工会员) are not recorded on the platform; this table "
            "does not report them."
        )
    )
    table.notes.append(
        _(
            "Members who left after the date are not counted: the platform keeps the current "
            "status of a member, not its history."
        )
    )
    return _fill(table, regions, counts)


def _new_employment_table(user: Any, regions: list[Any], as_of: dt.date) -> Table:
    from unionhub.members.choices import KeyGroup
    from unionhub.members.models import JoinApplication

    groups = [
        KeyGroup.TRUCK_DRIVER,
        KeyGroup.COURIER,
        KeyGroup.DELIVERY_RIDER,
        KeyGroup.RIDE_HAILING,
        KeyGroup.DOMESTIC_WORKER,
        KeyGroup.OTHER_PLATFORM,
    ]
    columns = []

    def pending_params(region) -> dict[str, Any]:
        return {
            "status": "pending",
            "is_new_employment": "true",
            "submitted_before": as_of.isoformat(),
            "region": region.pk,
        }

    html, api = _member_link(as_of, is_new_employment="true")
    columns.append(
        Column(
            "total",
            _("New-employment-form members"),
            _("Members on the date marked as new-employment-form workers"),
            html,
            api,
        )
    )
    for g in groups:
        html, api = _member_link(as_of, is_new_employment="true", key_group=g.value)
        columns.append(
            Column(
                g.value,
                str(g.label),
                _("New-employment-form members of this key group"),
                html,
                api,
            )
        )
    columns.append(
        Column(
            "pending",
            _("Join applications pending"),
            _(
                "Pending join applications of new-employment-form workers submitted on or "
                "before the date (by the town where they work)"
            ),
            lambda r: _url("members:joinapplication_list", pending_params(r)),
            lambda r: _api("/api/v1/members/applications/", pending_params(r)),
        )
    )
    aggregates = {"total": Count("pk")}
    aggregates.update({g.value: Count("pk", filter=Q(key_group=g.value)) for g in groups})
    counts = _grouped(
        _members_base(user, as_of).filter(is_new_employment=True),
        "union__region__path",
        regions,
        **aggregates,
    )
    pending = _grouped(
        JoinApplication.objects.visible_to(user).filter(
            status="pending", is_new_employment=True, created_at__lt=_end(as_of)
        ),
        "region__path",
        regions,
        pending=Count("pk"),
    )
    for code, row in pending.items():
        counts.setdefault(code, {})["pending"] = row["pending"]
    table = Table(3, _("New-employment-form workers in the union"), _("unit: persons"), columns)
    return _fill(table, regions, counts)


def _coverage_table(user: Any, regions: list[Any], as_of: dt.date) -> Table:
    from unionhub.enterprises.models import Enterprise
    from unionhub.enterprises.rules import covered_by_union_on, must_establish_q

    qs = (
        Enterprise.objects.visible_to(user)
        .filter(must_establish_q(), founded_on__lte=as_of)
        .annotate(covered=covered_by_union_on(as_of))
    )

    def link(**params):
        return (
            lambda r: _url("enterprises:enterprise_list", {**params, "region": r.code}),
            lambda r: _api("/api/v1/enterprises/", {**params, "region": r.code}),
        )

    day = as_of.isoformat()
    big_html, big_api = link(must_establish="true", founded_before=day)
    with_html, with_api = link(must_establish="true", founded_before=day, union_founded_before=day)
    columns = [
        Column(
            "big",
            _("Enterprises with 25 or more employees"),
            _("Operating enterprises with ≥ 25 employees, founded on or before the date"),
            big_html,
            big_api,
        ),
        Column(
            "with_union",
            _("of which with a union"),
            _("Of these, enterprises covered by a union founded on or before the date"),
            with_html,
            with_api,
        ),
        Column(
            "rate",
            _("Coverage (%)"),
            _("Enterprises with a union ÷ enterprises with 25 or more employees"),
            rate_of=("with_union", "big"),
        ),
    ]
    counts = _grouped(
        qs,
        "region__path",
        regions,
        big=Count("pk"),
        with_union=Count("pk", filter=Q(covered=True)),
    )
    table = Table(
        4,
        _("Union coverage of enterprises with 25 or more employees"),
        _("unit: enterprises, %"),
        columns,
    )
    table.notes.append(
        _(
            "Employees and operating status are the current register; the lists link the "
            "enterprises as registered today."
        )
    )
    return _fill(table, regions, counts)


def _cadres_table(user: Any, regions: list[Any], as_of: dt.date) -> Table:
    from unionhub.enterprises.models import EnterpriseUnion
    from unionhub.socialwork.models import SocialWorker

    def chair_params(region) -> dict[str, Any]:
        return {"founded_before": as_of.isoformat(), "has_chair": "true", "region": region.code}

    def worker_params(region) -> dict[str, Any]:
        return {"status": "active", "registered_before": as_of.isoformat(), "region": region.code}

    columns = [
        Column(
            "chairs",
            _("Union chairs and organisers"),
            _("Enterprise and joint unions founded on or before the date with a chair named"),
            lambda r: _url("enterprises:enterpriseunion_list", chair_params(r)),
            lambda r: _api("/api/v1/enterprise-unions/", chair_params(r)),
        ),
        Column(
            "social_workers",
            _("Union social workers"),
            _("Union social workers in post, registered on or before the date"),
            lambda r: _url("socialwork:socialworker_list", worker_params(r)),
            lambda r: _api("/api/v1/socialwork/workers/", worker_params(r)),
        ),
    ]
    counts = _grouped(
        EnterpriseUnion.objects.visible_to(user)
        .filter(founded_on__lte=as_of)
        .exclude(chair_name=""),
        "org_unit__region__path",
        regions,
        chairs=Count("pk"),
    )
    workers = _grouped(
        SocialWorker.objects.visible_to(user).filter(status="active", created_at__lt=_end(as_of)),
        "union__region__path",
        regions,
        social_workers=Count("pk"),
    )
    for code, row in workers.items():
        counts.setdefault(code, {})["social_workers"] = row["social_workers"]
    table = Table(5, _("Union cadres"), _("unit: persons"), columns)
    table.notes.append(
        _(
            "Full-time and part-time union cadres (专职、兼职工会干部) are not recorded on the "
            "platform; this table does not report them."
        )
    )
    return _fill(table, regions, counts)


def statistics_tables(*, user: Any, regions: list[Any], as_of: dt.date) -> list[Table]:
    """The five tables for ``regions`` (county-level units inside the user's scope)."""
    return [
        _unions_table(user, regions, as_of),
        _members_table(user, regions, as_of),
        _new_employment_table(user, regions, as_of),
        _coverage_table(user, regions, as_of),
        _cadres_table(user, regions, as_of),
    ]


# --- the workbook ---------------------------------------------------------------------------


def statistics_workbook(
    *, tables: list[Table], as_of: dt.date, area: str, base_url: str = ""
) -> bytes:
    """An .xlsx: one sheet per table (title row, unit and date row, header, a row per
    county-level unit, 合计 row, notes; each count a hyperlink to its records) and a sheet
    "数据来源" listing for every cell its definition and the web and API lists of its records."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDE7F3")
    sources: list[list[Any]] = []
    for table in tables:
        ws = wb.create_sheet(table.sheet)
        width = len(table.columns) + 1
        ws.cell(1, 1, f"{table.sheet}  {table.title}").font = Font(bold=True, size=14)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        ws.cell(1, 1).alignment = Alignment(horizontal="center")
        ws.cell(2, 1, _("Reporting unit: %(area)s") % {"area": area})
        ws.cell(2, max(2, width - 1), _("As of %(date)s") % {"date": as_of.isoformat()})
        ws.cell(2, width, table.unit)
        header = [_("County-level unit"), *[c.label for c in table.columns]]
        for col, text in enumerate(header, start=1):
            cell = ws.cell(3, col, text)
            cell.font = Font(bold=True)
            cell.fill = head_fill
            cell.border = border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        row_number = 4
        for region, cells in [*table.rows, (None, table.total)]:
            label = region.name if region is not None else _("Total")
            first = ws.cell(row_number, 1, label)
            first.border = border
            if region is None:
                first.font = Font(bold=True)
            for col, (column, cell) in enumerate(zip(table.columns, cells, strict=True), start=2):
                value = float(cell.value) if isinstance(cell.value, Decimal) else cell.value
                target = ws.cell(row_number, col, value if value is not None else "—")
                target.border = border
                if region is None:
                    target.font = Font(bold=True)
                if column.rate_of:
                    target.number_format = "0.0"
                if cell.html_url:
                    target.hyperlink = base_url + cell.html_url
                    target.font = Font(color="1A6DC4", underline="single")
                ref = f"'{table.sheet}'!{get_column_letter(col)}{row_number}"
                sources.append(
                    [
                        ref,
                        table.title,
                        label,
                        column.label,
                        value if value is not None else "—",
                        column.definition
                        if region is not None
                        else _("Sum of the rows above")
                        if not column.rate_of
                        else column.definition,
                        base_url + cell.html_url if cell.html_url else "",
                        base_url + cell.api_url if cell.api_url else "",
                    ]
                )
            row_number += 1
        for note in table.notes:
            row_number += 1
            ws.cell(row_number, 1, _("Note: %(note)s") % {"note": note})
        ws.column_dimensions["A"].width = 22
        for col in range(2, width + 1):
            ws.column_dimensions[get_column_letter(col)].width = 16
        ws.row_dimensions[3].height = 36
        ws.freeze_panes = "B4"
    src = wb.create_sheet("数据来源")
    src.append(
        [
            _("Cell"),
            _("Table"),
            _("County-level unit"),
            _("Item"),
            _("Value"),
            _("Definition"),
            _("Records (web list)"),
            _("Records (API)"),
        ]
    )
    for cell in src[1]:
        cell.font = Font(bold=True)
        cell.fill = head_fill
    for line in sources:
        src.append(line)
        if line[6]:
            src.cell(src.max_row, 7).hyperlink = line[6]
    for col, w in zip("ABCDEFGH", (14, 28, 18, 26, 10, 60, 60, 60), strict=True):
        src.column_dimensions[col].width = w
    src.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
