"""Social-worker growth archives (亭湖's 成长档案): what the module adds to the platform."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.import_jobs import ImportKind
from unionhub.core.menu import model_item, page_item
from unionhub.core.urlgen import page
from unionhub.socialwork import views
from unionhub.socialwork.api import views as api
from unionhub.socialwork.dashboard import cards

menu = [
    page_item(
        "socialwork:mine",
        _("My growth archive"),
        icon="id",
        permission="socialwork.keep_own_archive",
        order=599,
    ),
    model_item("socialwork.socialworker", _("Social-worker archives"), icon="id", order=600),
    page_item(
        "socialwork:coverage",
        _("Social-worker postings"),
        icon="map-pin",
        permission="socialwork.view_posting",
        order=601,
    ),
    model_item("socialwork.monthlyrecord", _("Monthly work records"), icon="calendar", order=602),
    model_item("socialwork.studysession", _("Exchanges and classes"), icon="users", order=603),
    model_item("socialwork.assessmentround", _("Annual assessments"), icon="award", order=604),
]

dashboard_cards = [(600, cards)]

role_grants = {
    # a social worker's own account: their archive and monthly records (我的成长档案)
    "worker": ["socialwork.keep_own_archive"],
    "city_admin": ["socialwork.*"],
    "county_admin": ["socialwork.*"],
    "town_cadre": [
        "socialwork.view_*",
        "socialwork.add_monthlyrecord",
        "socialwork.change_monthlyrecord",
        "socialwork.add_quarterlyreport",
        "socialwork.change_quarterlyreport",
    ],
}

url_bases = {
    "socialworker": "archives/",
    "posting": "postings/",
    "qualification": "qualifications/",
    "training": "trainings/",
    "monthlyrecord": "monthly-records/",
    "quarterlyreport": "quarterly-reports/",
    "studysession": "sessions/",
    "assessmentround": "assessments/",
    "assessment": "scores/",
}

pages = [
    page("coverage/", views.CoverageView, "coverage"),
    page("mine/", views.MyArchiveView, "mine"),
]

api_routes = [
    ("socialwork/workers", api.SocialWorkerViewSet, "socialwork-worker"),
    ("socialwork/postings", api.PostingViewSet, "socialwork-posting"),
    ("socialwork/qualifications", api.QualificationViewSet, "socialwork-qualification"),
    ("socialwork/trainings", api.TrainingViewSet, "socialwork-training"),
    ("socialwork/monthly-records", api.MonthlyRecordViewSet, "socialwork-monthlyrecord"),
    ("socialwork/quarterly-reports", api.QuarterlyReportViewSet, "socialwork-quarterlyreport"),
    ("socialwork/sessions", api.StudySessionViewSet, "socialwork-session"),
    ("socialwork/assessment-rounds", api.AssessmentRoundViewSet, "socialwork-assessmentround"),
    ("socialwork/assessments", api.AssessmentViewSet, "socialwork-assessment"),
]

imports = [
    ImportKind(
        key="socialworkers",
        title=_("Import social-worker archives"),
        importer="unionhub.socialwork.importers.SocialWorkerImporter",
        permission="socialwork.add_socialworker",
        list_url_name="socialwork:socialworker_list",
        template_filename="社会工作者档案导入模板.xlsx",
        update_help=_("new archives only: an ID number already on file is refused"),
    )
]
