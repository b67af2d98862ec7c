#!/usr/bin/env python3
"""Which of Qt's own strings stay English in the French window: the file, message and date widgets
the app shows are built offscreen, and every (context, source) Qt asks for that neither PySide6's
qtbase_fr.qm nor resources/i18n/qtbase_gaps_fr.qm translates is printed. Add those to
qtbase_gaps_fr.ts (by hand), then run tools/i18n.py.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/qt_gaps.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import (QApplication, QCalendarWidget, QDateEdit, QFileDialog, QLineEdit, QMessageBox,
                                   QPlainTextEdit)

    app = QApplication.instance() or QApplication([])
    known = []
    for name, folder in (("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         ("qtbase_gaps_fr", str(ROOT / "resources" / "i18n"))):
        translator = QTranslator()
        translator.load(name, folder)
        known.append(translator)
    missing: set[tuple[str, str, str]] = set()

    class Spy(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):  # noqa: N802 - Qt's name
            if context.startswith("Q") and not any(t.translate(context, source, disambiguation, n) for t in known):
                missing.add((context, source, disambiguation or ""))
            return ""

        def isEmpty(self):  # noqa: N802 - Qt's name
            return False

    spy = Spy()
    app.installTranslator(spy)
    keep = []
    for mode, accept in ((QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen),
                         (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen),
                         (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave)):
        dialog = QFileDialog(None, "", str(Path.home()))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setFileMode(mode)
        dialog.setAcceptMode(accept)
        dialog.setNameFilters(["PDF (*.pdf)", "*"])
        dialog.show()
        keep.append(dialog)
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "", "", buttons.Yes | buttons.No | buttons.Cancel | buttons.Close
                      | buttons.Save | buttons.Discard | buttons.Ok)
    box.setDetailedText("-")
    box.show()
    keep += [box, QLineEdit().createStandardContextMenu(), QPlainTextEdit().createStandardContextMenu()]
    date = QDateEdit()
    date.setCalendarPopup(True)
    date.show()
    calendar = QCalendarWidget()
    calendar.show()
    keep += [date, calendar]
    for _ in range(3):
        app.processEvents()
    for context, source, disambiguation in sorted(missing):
        print(f"[{context}] {source!r}" + (f" ({disambiguation})" if disambiguation else ""))
    print(f"{len(missing)} of Qt's strings left in English")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
