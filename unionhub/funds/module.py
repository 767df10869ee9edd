"""Union funds and refunds (射阳's brand): menu, grants, pages, API, the enterprise file's tab."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.detail_tabs import DetailTab
from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page
from unionhub.funds import selectors, views
from unionhub.funds.api import views as api

role_grants = {
    "city_admin": ["funds.*"],
    # The split rules are province-wide: county administrators read them only.
    "county_admin": [
        "funds.*_remittance",
        "funds.*_sizerecord",
        "funds.*_refundbatch",
        "funds.*_refund",
        "funds.*_ledgerentry",
        "funds.*_refundpolicyperiod",
        "funds.view_fundsplitrule",
    ],
    "town_cadre": ["funds.view_*"],
}

menu = [
    model_item("funds.refundbatch", _("Refund batches"), icon="receipt-refund", order=710),
    model_item("funds.refund", _("Union-fee refunds"), icon="cash", order=711),
    model_item("funds.remittance", _("Union-fund remittances"), icon="coin", order=712),
    model_item("funds.sizerecord", _("Size class by year"), icon="building", order=713),
    model_item("funds.ledgerentry", _("Funds ledger"), icon="list-numbers", order=714),
    page_item(
        "funds:policy",
        _("Refund policy periods"),
        icon="calendar",
        permission="funds.view_refund",
        order=715,
    ),
]

url_bases = {
    "remittance": "remittances/",
    "sizerecord": "size-records/",
    "refundbatch": "batches/",
    "refund": "refunds/",
    "ledgerentry": "ledger/",
}

pages = [page("policy/", views.PolicyView, "policy")]

api_routes = [
    ("funds/remittances", api.RemittanceViewSet, "funds-remittance"),
    ("funds/size-records", api.SizeRecordViewSet, "funds-sizerecord"),
    ("funds/batches", api.RefundBatchViewSet, "funds-refundbatch"),
    ("funds/refunds", api.RefundViewSet, "funds-refund"),
    ("funds/ledger", api.LedgerEntryViewSet, "funds-ledgerentry"),
    ("funds/beneficiaries", api.BeneficiaryViewSet, "funds-beneficiary"),
]

detail_tabs = [
    DetailTab(
        model="enterprises.Enterprise",
        key="funds",
        label=_("Union funds and refunds"),
        template="funds/_enterprise_tab.html",
        context=selectors.enterprise_tab,
        permission="funds.view_remittance",
        order=310,
    ),
]
