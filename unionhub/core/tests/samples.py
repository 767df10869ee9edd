from unionhub.accounts.models import User
from unionhub.core.audit import record_change
from unionhub.core.models import ChangeRecord, ExportRequest, ImportJob
from unionhub.org.demo import county_union


def changerecord_in(slug: str) -> ChangeRecord:
    unit = county_union(slug)
    return record_change(obj=unit, action="update", note=f"scope sample {slug}")


def importjob_in(slug: str) -> ImportJob:
    unit = county_union(slug)
    return ImportJob.objects.create(
        kind="enterprises",
        file_name=f"scope-sample-{slug}.xlsx",
        stored_name=f"scope-sample-{slug}.xlsx",
        status="done",
        result={"total": 0, "to_create": 0, "to_update": 0, "rejected": 0, "messages": []},
        created_by=User.objects.get(username=f"{slug}_admin"),
        org_path=unit.path,
    )


def exportrequest_in(slug: str) -> ExportRequest:
    return ExportRequest.objects.create(
        kind="members",
        reason=f"scope sample {slug}",
        created_by=User.objects.get(username=f"{slug}_admin"),
        org_path=county_union(slug).path,
    )


SAMPLES = {
    ChangeRecord: changerecord_in,
    ImportJob: importjob_in,
    ExportRequest: exportrequest_in,
}

# Pages that accept a POST but are not a registered model view, each with why the write
# matrix does not post to it (test_every_page_that_writes_is_declared holds new ones to it).
_OWN = "acts on the caller's own account, session or messages only"
WRITE_EXEMPT = {
    "core:exportrequest_add": "files a request about the caller's own scope; another "
    "administrator whose scope covers it decides (core/tests/test_pii_exports.py)",
    "core:exportrequest_decide": "the request is fetched through ExportRequest.visible_to; "
    "the approver rules are tested in core/tests/test_pii_exports.py",
    "core:import_job": "the job is fetched through ImportJob.visible_to and committed only "
    "by its uploader; each row goes through the module's importer and its scope checks",
    "core:import": "uploads a file for preview; each row is checked by the module's importer "
    "against the uploader's scope before anything is written",
    "calendar:holiday_add": "the public-holiday calendar is national data with no data "
    "scope; the city administrator's permission guards it",
    "calendar:holiday_edit": "the public-holiday calendar has no data scope (permission only)",
    "calendar:holiday_delete": "the public-holiday calendar has no data scope (permission only)",
    "calendar:holiday_import": "the public-holiday calendar has no data scope (permission only)",
    "scheduler:job_run": "queues a platform job; city administrators only, audited",
    "kpis:kpitarget_edit": "targets only for regions in the caller's scope "
    "(core/kpis/tests/test_targets.py)",
    "notifications:read": _OWN,
    "notifications:read_all": _OWN,
    "notifications:preferences": _OWN,
    "accounts:login": _OWN,
    "accounts:logout": _OWN,
    "accounts:password_change": _OWN,
    "enterprises:target_list": "bulk actions on the list's own scoped queryset, each record "
    "through the module's service",
    "points:review_queue": "bulk review of the queue's own scoped queryset, each submission "
    "through the points services",
    "points:mobile": "a worker's own claims, redemptions and suggestions on their own account",
    "points:rulesversion_add": "the programme is fetched through Programme.visible_to (404 "
    "outside the scope); the write goes through the points services' scope recheck",
    "points:award_batch": "the programme is fetched through Programme.visible_to (404 outside "
    "the scope); each award goes through the points services' scope recheck",
    "members:join": "public online joining (no login): the employer and region route the "
    "application, not a caller's scope",
    "members:join_status": "public status look-up of the applicant's own application",
    "stations:phone_entry": "public QR check-in of one station (contract: no login)",
    "stations:phone_help": "public help request from one station (contract: no login)",
}
