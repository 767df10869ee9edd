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
