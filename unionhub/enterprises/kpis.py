"""The establishment KPIs (contract.md "KPIs"), computed by ``unionhub.core.kpis``."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.kpis.registry import Kpi, Part, Records
from unionhub.enterprises.rules import must_establish_q

ENTERPRISE = "enterprises.Enterprise"
API = "/api/v1/enterprises/"
HTML = "enterprises:enterprise_list"
HAS_UNION = ["built", "term_overdue", "dormant"]
# Trade Union Law art. 11: 25 or more ("二十五人以上") must establish a union; enterprises
# still operating (closed or suspended ones are not asked to).
BIG = must_establish_q()


def _by_status(code: str, status: str, name, order: int) -> Kpi:
    return Kpi(
        code=f"establishment.{code}",
        name=name,
        unit="家",
        aggregation="count",
        part=Part(ENTERPRISE, Q(union_status=status)),
        records=Records(API, {"union_status": status}, html=HTML),
        order=order,
    )


KPIS = [
    Kpi(
        code="establishment.enterprises",
        name=_("Enterprises"),
        unit="家",
        aggregation="count",
        part=Part(ENTERPRISE),
        records=Records(API, html=HTML),
        description=_("Every enterprise registered in the region, whatever its status."),
        order=200,
    ),
    _by_status("built", "built", _("Enterprises with a union in term"), 201),
    _by_status("not_built", "not_built", _("Enterprises without a union"), 202),
    _by_status("term_overdue", "term_overdue", _("Unions with an overdue term"), 203),
    _by_status("dormant", "dormant", _("Dormant unions"), 204),
    Kpi(
        code="establishment.targets",
        name=_("Establishment targets"),
        unit="家",
        aggregation="count",
        part=Part(ENTERPRISE, ~Q(target_reasons="")),
        records=Records(API, {"is_target": "true"}, html=HTML),
        description=_("Enterprises any rule of the establishment campaign names as a target."),
        order=205,
    ),
    Kpi(
        code="establishment.coverage_25plus",
        name=_("Union coverage of enterprises with 25 or more employees"),
        unit="%",
        aggregation="rate",
        part=Part(ENTERPRISE, BIG & Q(union_status__in=HAS_UNION)),
        denominator=(Part(ENTERPRISE, BIG),),
        records=Records(
            API,
            {"must_establish": "true", "has_union": "true"},
            html=HTML,
        ),
        description=_(
            "Operating enterprises with 25 or more employees that have a union (built, term "
            "overdue or dormant), as a share of all operating enterprises with 25 or more "
            "employees."
        ),
        order=206,
    ),
]
