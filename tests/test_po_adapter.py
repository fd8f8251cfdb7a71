"""The PO adapter keeps what it does not own: header order, foreign comments, flags, plurals."""

from __future__ import annotations

import difflib
from pathlib import Path

from workbench.adapters.po import PoCatalog

FOREIGN = """\
# German translation of a tool.
# A translator's header note.
#
msgid ""
msgstr ""
"Project-Id-Version: tool 1.0\\n"
"Language: en\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"MIME-Version: 1.0\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Custom: kept\\n"

# A long translator comment that is longer than seventy-eight characters and must not be re-wrapped by the writer.
#. extracted note
#: src/main.c:10
#, c-format, no-wrap
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d Datei"
msgstr[1] "%d Dateien"

msgctxt "menu"
msgid "Open"
msgstr "Öffnen"

#~ msgid "Old"
#~ msgstr "Alt"
"""


def test_load_and_save_changes_nothing(tmp_path: Path) -> None:
    po = tmp_path / "foreign.po"
    po.write_text(FOREIGN, encoding="utf-8")
    PoCatalog.load(po).save()
    assert po.read_text(encoding="utf-8") == FOREIGN


def test_applying_a_unit_changes_only_that_entry(tmp_path: Path) -> None:
    po = tmp_path / "foreign.po"
    po.write_text(FOREIGN, encoding="utf-8")
    catalog = PoCatalog.load(po)
    unit = next(u for u in catalog.units() if u.source == "Open")
    catalog.apply(unit.with_target("Aufmachen").reviewed("Ann", "2026-11-23T00:00:00Z"))
    catalog.save()
    text = po.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(FOREIGN.splitlines(), text.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        '+"PO-Revision-Date: ' + catalog.header["PO-Revision-Date"] + '\\n"',
        '+"X-Generator: ' + catalog.header["X-Generator"] + '\\n"',
        '+# wb:reviewed {"by":"Ann","at":"2026-11-23T00:00:00Z","hash":"ca51c019abce"}',
        '-msgstr "Öffnen"',
        '+msgstr "Aufmachen"',
    ], "only the edited entry and the header's revision date and generator change"
    assert '# wb:reviewed {"by":"Ann"' in text and 'msgstr "Aufmachen"' in text
    again = {u.source: u for u in PoCatalog.load(po).units()}
    assert again["Open"].target == "Aufmachen" and again["Open"].state.label == "reviewed"
    assert again["%d file"].target == "%d Datei"
