"""Shared test fixtures. The demo organisation tree and accounts are loaded once per test
database; tests that flush the database (browser tests) reload them through ``demo``."""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs an event loop


def pytest_collection_modifyitems(config, items):
    chromium = shutil.which("chromium") or os.path.exists("/usr/bin/chromium")
    skip_browser = os.environ.get("SKIP_BROWSER") == "1" or not chromium
    reason = "SKIP_BROWSER=1" if os.environ.get("SKIP_BROWSER") == "1" else "chromium 未安装"
    postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    for item in items:
        if "browser" in item.keywords and skip_browser:
            item.add_marker(pytest.mark.skip(reason=reason))
        if "postgres" in item.keywords and not postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (DATABASE_URL)"))


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # Manifest storage needs collectstatic; tests and live_server serve from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_throttles():
    # Rate-limit counters live in the cache (core/throttling.py); no test inherits another's.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fresh_holiday_calendar():
    # Each test starts from the holidays its own database has (rolled back in between).
    from unionhub.core.calendar.selectors import forget_holiday_calendar

    forget_holiday_calendar()
    yield
    forget_holiday_calendar()


@pytest.fixture(autouse=True)
def _default_language():
    # A request through LocaleMiddleware leaves its language active in the thread; start
    # every test in the platform's default language so no test depends on the order.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def load_base_demo() -> None:
    from unionhub.accounts import demo as accounts_demo
    from unionhub.core.middleware import acting_as
    from unionhub.org import demo as org_demo

    with acting_as(None):
        org_demo.load()
        accounts_demo.load()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_base_demo()


@pytest.fixture
def demo(db):
    """The demo organisation tree and accounts (reloaded if a flush removed them)."""
    from unionhub.accounts.models import User

    if not User.objects.filter(username="city_admin").exists():
        load_base_demo()


@pytest.fixture
def user_named(demo):
    from unionhub.accounts.models import User

    def get(username: str):
        return User.objects.get(username=username)

    return get


@pytest.fixture
def client_as(client, user_named):
    """A test client logged in as a demo account."""

    def login(username: str):
        client.force_login(user_named(username))
        return client

    return login


@pytest.fixture
def api_as(user_named):
    from rest_framework.test import APIClient

    def login(username: str):
        api = APIClient()
        api.force_authenticate(user_named(username))
        return api

    return login
