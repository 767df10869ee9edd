"""The baseline of the check-in benchmark: a bare Django view doing one single-row INSERT
into the check-in table, served by the same gunicorn, settings and middleware as UnionHub
(only ROOT_URLCONF differs). ``gunicorn bench.bare_wsgi:application``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "bench.bare_urls"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
