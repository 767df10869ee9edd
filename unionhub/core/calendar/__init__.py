"""The public-holiday calendar and the one legal-deadline service (docs/calendar.md).

Other modules compute every legal date through ``unionhub.core.calendar.deadlines``
(``deadline_for(kind, date)``, ``add_period(date, days=…)``) and declare their own kinds in
``<app>/deadlines.py: KINDS``."""
