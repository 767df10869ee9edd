"""WSGI entry point: `gunicorn unionhub.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
application = get_wsgi_application()

# Import every module's URLs and views when the worker starts (or once in the master with
# gunicorn --preload), not inside a user's first request: that takes seconds and comes
# again after every --max-requests restart.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
