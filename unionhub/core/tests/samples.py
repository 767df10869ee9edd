from unionhub.core.audit import record_change
from unionhub.core.models import ChangeRecord
from unionhub.org.demo import county_union


def changerecord_in(slug: str) -> ChangeRecord:
    unit = county_union(slug)
    return record_change(obj=unit, action="update", note=f"scope sample {slug}")


SAMPLES = {ChangeRecord: changerecord_in}
