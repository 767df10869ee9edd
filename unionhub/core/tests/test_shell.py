"""The page shell (issue 2): Chinese error pages, a menu that hides what the user may not
see, the scope in the top bar, the language switch, and nothing loaded from another host."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']\s*((?:https?:)?//[^"']*)""", re.I)


def test_login_page_is_chinese(client):
    html = client.get("/accounts/login/").content.decode()
    assert "账号登录" in html and "用户名" in html and "密码" in html
    assert 'lang="zh-hans"' in html


def test_anonymous_home_redirects_to_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_404_page_is_chinese(client_as):
    response = client_as("xiangshui_admin").get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面或记录不存在" in html and "返回首页" in html


def test_404_for_a_record_outside_the_scope(client_as):
    from unionhub.org.demo import county_union

    response = client_as("xiangshui_admin").get(
        reverse("org:orgunit", args=[county_union("sheyang").pk])
    )
    assert response.status_code == 404
    assert "页面或记录不存在" in response.content.decode()


def test_403_page_is_chinese(client_as):
    response = client_as("xiangshui_town").get(reverse("org:orgunit_add"))
    assert response.status_code == 403
    assert "您没有执行此操作的权限" in response.content.decode()


def test_500_page_renders_without_a_database():
    from unionhub.core.views.pages import error_500

    response = error_500(None)
    assert response.status_code == 500 and "系统内部错误" in response.content.decode()


def test_500_page_is_answered_when_the_static_manifest_is_missing(client_as, settings):
    """Production mode without ``collectstatic``: every page fails in ``{% static %}`` and
    so would the 500 page — the handler answers a plain Chinese 500 at once instead (it was
    called again at every middleware layer, chaining ever longer tracebacks)."""
    settings.DEBUG = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = str(settings.VAR_DIR / "no-such-staticfiles")
    client = client_as("xiangshui_admin")
    client.raise_request_exception = False
    response = client.get("/enterprises/")
    assert response.status_code == 500
    assert "系统内部错误" in response.content.decode()


def test_top_bar_shows_user_organisation_and_scope(client_as):
    html = client_as("xiangshui_admin").get("/").content.decode()
    assert 'data-testid="current-user">响水县管理员<' in html
    assert "响水县总工会" in html
    assert 'data-testid="scope-label">响水县总工会及以下<' in html
    html = client_as("city_admin").get("/").content.decode()
    assert 'data-testid="scope-label">全部数据<' in html


def test_menu_hides_entries_the_user_may_not_open(client_as):
    admin = client_as("xiangshui_admin").get("/").content.decode()
    assert reverse("accounts:user_list") in admin and reverse("core:changerecord_list") in admin
    town = client_as("xiangshui_town").get("/").content.decode()
    assert reverse("accounts:role_list") not in town
    assert reverse("org:orgunit_list") in town


def test_home_cards_count_only_the_scope(client_as):
    from unionhub.org.models import OrgUnit

    response = client_as("xiangshui_admin").get("/")
    cards = {str(c.title): c.value for c in response.context["cards"]}
    county = OrgUnit.objects.get(code="320921")
    assert cards["工会组织"] == OrgUnit.objects.filter(path__startswith=county.path).count()
    city = client_as("city_admin").get("/")
    assert {str(c.title): c.value for c in city.context["cards"]}["工会组织"] == (
        OrgUnit.objects.count()
    )


def test_language_switch_posts_to_set_language(client_as):
    client = client_as("xiangshui_admin")
    html = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in html and 'name="language" value="en"' in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    english = client.get("/").content.decode()
    assert "Workbench" in english and 'lang="en"' in english
    assert 'name="language" value="zh-hans"' in english
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "工作台" in client.get("/").content.decode()


def test_responsive_and_printable_shell(client_as):
    html = client_as("xiangshui_admin").get("/").content.decode()
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert "d-print-none" in html


def test_no_inline_scripts_and_a_csp_header(client_as):
    response = client_as("city_admin").get("/")
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script> breaks the CSP"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


PAGES = [
    ("anonymous", "/accounts/login/"),
    ("city_admin", "/"),
    ("city_admin", "/org/units/"),
    ("city_admin", "/org/units/add/"),
    ("city_admin", "/org/regions/"),
    ("city_admin", "/accounts/users/"),
    ("city_admin", "/accounts/users/add/"),
    ("city_admin", "/accounts/roles/"),
    ("city_admin", "/accounts/roles/add/"),
    ("city_admin", "/accounts/password/"),
    ("city_admin", "/audit/"),
    ("city_admin", "/api/docs/"),
    ("xiangshui_admin", "/"),
    ("xiangshui_admin", "/no-such-page/"),
    ("xiangshui_town", "/org/units/add/"),
]


@pytest.mark.parametrize("username, url", PAGES)
def test_no_page_loads_anything_from_another_host(username, url, client, client_as):
    c = client if username == "anonymous" else client_as(username)
    response = c.get(url)
    assert response.status_code in (200, 403, 404)
    html = response.content.decode()
    assert not EXTERNAL.findall(html), EXTERNAL.findall(html)
    assert "@import" not in html


def test_detail_pages_load_nothing_from_another_host(client_as):
    from unionhub.org.demo import county_union

    client = client_as("city_admin")
    unit = county_union("xiangshui")
    for url in (
        reverse("org:orgunit", args=[unit.pk]),
        reverse("org:orgunit_edit", args=[unit.pk]),
        reverse("org:orgunit_delete", args=[unit.pk]),
        reverse("org:region", args=[unit.region_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not EXTERNAL.findall(response.content.decode()), url
