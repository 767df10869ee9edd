"""The scheduler's own catalogue (core's i18n test walks the top-level apps only): complete,
compiled, and holding every string of the code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

APP = Path(__file__).resolve().parents[1]
ROOT = APP.parents[2]
PO = APP / "locale/zh_Hans/LC_MESSAGES/django.po"


def _key(e):
    return (e.msgctxt or "", e.msgid, e.msgid_plural or "")


def test_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(PO))
    assert not [e.msgid for e in po.untranslated_entries()]
    assert not [e.msgid for e in po.fuzzy_entries()]
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    assert {_key(e): e.msgstr or e.msgstr_plural for e in mo if e.msgid} == {
        _key(e): e.msgstr or e.msgstr_plural for e in po if e.msgid
    }


def test_every_string_of_the_code_is_in_the_catalogue(tmp_path):
    if shutil.which("xgettext") is None:
        pytest.skip("xgettext (GNU gettext) is not installed")
    copy = tmp_path / "scheduler"
    shutil.copytree(APP, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (copy / PO.relative_to(APP)).unlink()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "unionhub.settings"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.setdefault("UNIONHUB_VAR_DIR", str(tmp_path / "var"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "zh_Hans", "--no-location"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    extracted = {_key(e) for e in polib.pofile(str(copy / PO.relative_to(APP))) if e.msgid}
    assert not extracted - {_key(e) for e in polib.pofile(str(PO))}
