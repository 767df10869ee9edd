"""Issue #20 target 4, the repeat-load half: in production every static file is served under
a content-hashed name, pre-compressed (gzip and brotli), and marked immutable, so a repeat
load takes CSS and JS from the browser cache and a new release is fetched at once."""

from __future__ import annotations

import re

from django.core.management import call_command
from django.test import override_settings
from whitenoise.middleware import WhiteNoiseMiddleware


def test_static_files_are_hashed_compressed_and_immutable(tmp_path, settings):
    from django.conf import settings as live

    production = {
        **live.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=production, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        # override_settings(STORAGES=…) makes Django re-read the storage setting
        from django.contrib.staticfiles.storage import staticfiles_storage as storage

        url = storage.url("vendor/tabler/tabler.min.css")
        assert re.search(r"tabler\.min\.[0-9a-f]{12}\.css$", url), url
        hashed = tmp_path / url.removeprefix(live.STATIC_URL)
        assert hashed.exists()
        assert hashed.with_name(hashed.name + ".gz").exists()
        middleware = WhiteNoiseMiddleware(lambda request: None)
        assert middleware.immutable_file_test(str(hashed), url)
