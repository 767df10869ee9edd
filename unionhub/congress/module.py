"""Workers' congress (职代会) and the Jiangsu star rating: what the module adds to the
platform (menu, grants, pages, API, the enterprise file's tab)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from unionhub.congress import selectors, views
from unionhub.congress.api import views as api
from unionhub.core.detail_tabs import DetailTab
from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page

RUBRIC = ["congress.view_starrubric", "congress.view_rubricitem", "congress.view_starthreshold"]

role_grants = {
    "city_admin": ["congress.*"],
    # The rubric is city-wide: counties apply it, the city federation maintains it.
    "county_admin": [
        "congress.view_*",
        "congress.*_congress",
        "congress.*_representative",
        "congress.*_session",
        "congress.*_resolution",
        "congress.*_proposal",
        "congress.*_starevaluation",
        "congress.evaluate_congress",
        *RUBRIC,
    ],
    "town_cadre": ["congress.view_*"],
    "union_chair": [
        "congress.view_*",
        "congress.*_congress",
        "congress.*_representative",
        "congress.*_session",
        "congress.*_resolution",
        "congress.*_proposal",
        "congress.view_starevaluation",
        *RUBRIC,
    ],
}

menu = [
    model_item("congress.congress", _("Workers' congresses"), icon="users-group", order=700),
    model_item("congress.session", _("Congress sessions"), icon="calendar-event", order=701),
    model_item("congress.proposal", _("Congress proposals"), icon="file-text", order=702),
    model_item("congress.starevaluation", _("Star evaluations"), icon="star", order=703),
    page_item(
        "congress:rubric",
        _("Star rating rubric"),
        icon="list-check",
        permission="congress.view_starrubric",
        order=704,
    ),
]

url_bases = {
    "congress": "congresses/",
    "representative": "representatives/",
    "session": "sessions/",
    "resolution": "resolutions/",
    "proposal": "proposals/",
    "starevaluation": "evaluations/",
}

pages = [page("rubric/", views.RubricView, "rubric")]

api_routes = [
    ("congress/congresses", api.CongressViewSet, "congress-congress"),
    ("congress/representatives", api.RepresentativeViewSet, "congress-representative"),
    ("congress/sessions", api.SessionViewSet, "congress-session"),
    ("congress/resolutions", api.ResolutionViewSet, "congress-resolution"),
    ("congress/proposals", api.ProposalViewSet, "congress-proposal"),
    ("congress/evaluations", api.StarEvaluationViewSet, "congress-evaluation"),
]

api_urls = [
    path("congress/vote-check/", api.VoteCheckView.as_view(), name="congress-vote-check"),
]

detail_tabs = [
    DetailTab(
        model="enterprises.Enterprise",
        key="congress",
        label=_("Workers' congress"),
        template="congress/_enterprise_tab.html",
        context=selectors.enterprise_tab,
        permission="congress.view_congress",
        order=300,
    ),
]
