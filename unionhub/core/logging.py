"""Keep personal data out of logs and error reports (domain.md §11.3)."""

from __future__ import annotations

import logging
import re

from django.views.debug import SafeExceptionReporterFilter

from unionhub.core.pii import scrub


class MaskPersonalDataFilter(logging.Filter):
    """Rewrites ID numbers and mobile numbers in every log record to their masked form."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 — a broken format string must not lose the record
            return True
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class PersonalDataExceptionFilter(SafeExceptionReporterFilter):
    """Error pages and mails hide personal fields as they hide passwords."""

    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|PII", flags=re.IGNORECASE
    )
    _personal = re.compile(r"id_number|phone|mobile|身份证|手机", flags=re.IGNORECASE)

    def get_post_parameters(self, request):
        params = super().get_post_parameters(request)
        if not params:
            return params
        params = params.copy()
        for key in list(params.keys()):
            if self._personal.search(key):
                params[key] = self.cleansed_substitute
        return params
