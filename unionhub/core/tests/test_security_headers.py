"""Security headers on every page the platform registers (issue #19): a content security
policy that forbids inline scripts and framing, no MIME sniffing, a referrer policy and a
permissions policy — on list pages, record pages, the API and the public pages alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from unionhub.core.testing.scope_matrix import endpoints, samples

PAGES = [e for e in endpoints() if e.model is not None and not e.params and not e.is_download]


def _assert_headers(response, what):
    csp = response.headers.get("Content-Security-Policy", "")
    script_src = next((d for d in csp.split(";") if d.strip().startswith("script-src")), "")
    assert script_src and "'unsafe-inline'" not in script_src, f"{what}: {csp!r}"
    style_src = next((d for d in csp.split(";") if d.strip().startswith("style-src")), "")
    assert style_src and "'unsafe-inline'" not in style_src, f"{what}: {csp!r}"
    assert "frame-ancestors 'none'" in csp, what
    assert "object-src 'none'" in csp, what
    assert response.headers.get("X-Content-Type-Options") == "nosniff", what
    assert response.headers.get("Referrer-Policy") == "same-origin", what
    assert response.headers.get("X-Frame-Options") == "DENY", what
    policy = response.headers.get("Permissions-Policy", "")
    assert "camera=()" in policy and "geolocation=(self)" in policy, what


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", PAGES, ids=lambda e: e.name or e.route)
def test_every_registered_list_carries_the_headers(endpoint, client_as, api_as):
    samples()[endpoint.model]("xiangshui")
    client = api_as("city_admin") if endpoint.is_api else client_as("city_admin")
    url = reverse(endpoint.name) if endpoint.name else "/" + endpoint.route
    response = client.get(url)
    assert response.status_code in (200, 405), url
    if endpoint.is_api:
        # The API sends JSON: framing and sniffing matter, the CSP is the page's.
        assert response.headers.get("X-Content-Type-Options") == "nosniff", url
        assert "camera=()" in response.headers.get("Permissions-Policy", ""), url
    else:
        _assert_headers(response, url)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/healthz", "/api/schema/"])
def test_public_pages_carry_the_headers(client, url):
    response = client.get(url)
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert "camera=()" in response.headers.get("Permissions-Policy", "")
    if url == "/accounts/login/":
        _assert_headers(response, url)


INLINE_STYLE = re.compile(r"""<style[\s>]|\sstyle\s*=\s*["']""", re.IGNORECASE)


def test_no_template_carries_an_inline_style():
    """The CSP's style-src has no 'unsafe-inline', so a style attribute or a <style> element
    in a template would be silently dropped by the browser: use a class from unionhub.css, or
    data-bg / data-width for values that come from data."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("templates/**/*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE_STYLE.search(line)
    ]
    assert not offenders, offenders


INLINE_HANDLER = re.compile(
    r"""\son[a-z]+\s*=\s*["']|href\s*=\s*["']\s*javascript:""", re.IGNORECASE
)


def test_no_template_carries_an_inline_event_handler():
    """script-src allows only our own files (and nonced scripts), so onchange="…" or a
    javascript: link would do nothing in the browser: bind the behaviour in unionhub.js
    (e.g. ``<select data-submit-on-change>``)."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("templates/**/*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE_HANDLER.search(line)
    ]
    assert not offenders, offenders
