"""Every catalogue is complete: no untranslated or fuzzy entry, the compiled ``.mo`` matches
the ``.po``, and (when GNU gettext is installed) re-extracting the strings from the code
finds nothing the committed catalogue lacks. Every app with templates or gettext calls has
a catalogue."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "unionhub"
PO_REL = Path("locale/zh_Hans/LC_MESSAGES/django.po")
# Domain apps (``unionhub/<app>``) and core's platform apps (``unionhub/core/<app>``, e.g.
# ``core/calendar``), each with its own catalogue.
APPS = sorted(
    p.parent.relative_to(PACKAGE).as_posix()
    for p in [*PACKAGE.glob("*/apps.py"), *PACKAGE.glob("core/*/apps.py")]
)
CATALOGUED = [app for app in APPS if (PACKAGE / app / PO_REL).exists()]
GETTEXT_CALL = re.compile(
    r"\b(gettext(_lazy)?|ngettext(_lazy)?|pgettext(_lazy)?|_)\(\s*[\"']|{% *(translate|trans|blocktranslate|blocktrans)\b"
)


def _po(app: str) -> polib.POFile:
    return polib.pofile(str(PACKAGE / app / PO_REL))


def _key(entry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _every_catalogue() -> list[Path]:
    """Every zh_Hans catalogue in the repository (apps, platform apps, the project's own
    ``locale/``, and any app added later), whatever its place: found, never listed."""
    skip = {".venv", "node_modules", ".git", "var", "artifacts"}
    return sorted(
        p
        for p in ROOT.rglob("locale/zh_Hans/LC_MESSAGES/*.po")
        if not skip.intersection(p.relative_to(ROOT).parts)
    )


@pytest.mark.parametrize("path", _every_catalogue(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_catalogue_of_the_repository_is_translated(path):
    """Issue #21: English leftovers in the Chinese UI. Any msgid without a Chinese msgstr
    (or marked fuzzy) fails, in every catalogue found in the repository."""
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{path.relative_to(ROOT)}: untranslated: {untranslated}"
    assert not fuzzy, f"{path.relative_to(ROOT)}: fuzzy: {fuzzy}"


def test_no_message_has_two_translations():
    """Django merges every app's catalogue into one at run time and the first app in
    INSTALLED_APPS wins, so a msgid translated one way in one app and another way in a
    second silently changes the other app's pages (the enterprise file's "Members" → 会员数
    renamed the statistics column 会员). The same msgid must read the same everywhere; a
    different meaning takes its own msgid or a context (pgettext)."""
    translations: dict[tuple[str, str, str], dict[str, list[str]]] = {}
    for path in _every_catalogue():
        for e in polib.pofile(str(path)):
            if e.obsolete or not e.msgid:
                continue
            value = e.msgstr or " | ".join(e.msgstr_plural[k] for k in sorted(e.msgstr_plural))
            where = translations.setdefault(_key(e), {}).setdefault(value, [])
            where.append(path.relative_to(ROOT).parts[1] if path.parts[-5] != "locale" else "")
    clashes = {k[1]: v for k, v in translations.items() if len(v) > 1}
    assert not clashes, clashes


def test_catalogues_are_discovered():
    found = {p.relative_to(ROOT).parts[0:2] for p in _every_catalogue()}
    assert ("locale", "zh_Hans") in found and ("unionhub", "core") in found


def test_apps_are_discovered():
    assert {"core", "org", "accounts"} <= set(CATALOGUED)


@pytest.mark.parametrize("app", APPS)
def test_app_with_strings_has_a_catalogue(app):
    app_dir = PACKAGE / app
    uses_strings = (app_dir / "templates").is_dir() or any(
        GETTEXT_CALL.search(path.read_text(encoding="utf-8"))
        for path in app_dir.rglob("*.py")
        if "migrations" not in path.parts and "tests" not in path.parts
    )
    if not uses_strings:
        pytest.skip(f"{app} has no translatable strings")
    assert (app_dir / PO_REL).exists(), f"unionhub/{app} needs locale/zh_Hans (makemessages)"


@pytest.mark.parametrize("app", CATALOGUED)
def test_catalogue_is_complete(app):
    po = _po(app)
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"unionhub/{app}: untranslated: {untranslated}"
    assert not fuzzy, f"unionhub/{app}: fuzzy (check and remove the flag): {fuzzy}"


@pytest.mark.parametrize("app", CATALOGUED)
def test_compiled_catalogue_matches_the_po(app):
    po = _po(app)
    mo_path = (PACKAGE / app / PO_REL).with_suffix(".mo")
    assert mo_path.exists(), f"unionhub/{app}: run compilemessages"
    mo = polib.mofile(str(mo_path))

    def table(catalogue) -> dict:
        rows = {}
        for e in catalogue:
            if e.obsolete or not e.msgid:
                continue
            value = tuple(sorted(e.msgstr_plural.items())) if e.msgid_plural else e.msgstr
            rows[_key(e)] = value
        return rows

    # msgfmt leaves untranslated entries out of the .mo; compare what the .po translates.
    expected = {k: v for k, v in table(po).items() if v and v != ()}
    assert table(mo) == expected, f"unionhub/{app}: the .mo is stale; run compilemessages"


@pytest.mark.parametrize("app", CATALOGUED)
def test_no_string_in_the_code_is_missing_from_the_catalogue(app, tmp_path):
    if shutil.which("xgettext") is None:
        pytest.skip("xgettext (GNU gettext) is not installed")
    # Extract from a copy of the app, so the committed catalogue is never touched.
    copy = tmp_path / app
    shutil.copytree(
        PACKAGE / app,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "static"),
    )
    (copy / PO_REL).unlink()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "unionhub.settings"}
    # No empty entry: it would put the copy's own folder (with core/selectors.py and
    # core/logging.py) in front of the standard library.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.setdefault("UNIONHUB_VAR_DIR", str(tmp_path / "var"))
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-location",
            "--no-obsolete",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    extracted = {_key(e) for e in polib.pofile(str(copy / PO_REL)) if e.msgid}
    committed = {_key(e) for e in _po(app)}
    missing = sorted(m for _c, m, _p in extracted - committed)
    assert not missing, (
        f"unionhub/{app}: strings missing from the catalogue: {missing}; run makemessages "
        "for this app and translate them"
    )


def test_a_shared_msgid_means_the_same_everywhere():
    """Django merges every catalogue into one and the app listed first wins, so the same
    English string translated differently in two apps silently shows the first app's
    Chinese. Use pgettext (a context) when a word needs another translation."""
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    conflicts = []
    for app in CATALOGUED:
        for e in _po(app):
            if not e.msgid or e.msgid_plural or not e.msgstr or e.obsolete:
                continue
            key = (e.msgctxt or "", e.msgid)
            if key in seen and seen[key][1] != e.msgstr:
                conflicts.append(
                    f"{e.msgid!r}: {seen[key][0]}={seen[key][1]!r} vs {app}={e.msgstr!r}"
                )
            seen.setdefault(key, (app, e.msgstr))
    assert not conflicts, "conflicting translations (use pgettext):\n" + "\n".join(conflicts)
