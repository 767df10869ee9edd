"""UnionHub without the device check-in lane (unionhub/stations/middleware.py): the "before"
arm of the check-in benchmark (``BENCH_CHECKIN_BEFORE=1``), so that the lane's effect is
measured in the same run. ``gunicorn bench.nolane_wsgi:application``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")

from django.conf import settings  # noqa: E402

settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith(".DeviceCheckInLane")]

from unionhub.wsgi import application  # noqa: E402, F401
