"""The KPI app's own catalogue (the platform-wide i18n test reads ``unionhub/*/`` only)."""

from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "locale/zh_Hans/LC_MESSAGES/django.po"


def test_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(PO))
    assert not [e.msgid for e in po.untranslated_entries()]
    assert not [e.msgid for e in po.fuzzy_entries()]
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    assert {e.msgid: e.msgstr for e in mo if e.msgid} == {
        e.msgid: e.msgstr for e in po if e.msgid and not e.obsolete
    }
