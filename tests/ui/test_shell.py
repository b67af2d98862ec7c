"""The window shell: regions, object names, French and English."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[2]


def test_every_ui_string_is_translated_to_french():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "i18n.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_the_compiled_translations_are_not_older_than_their_source():
    ts = ROOT / "resources" / "i18n" / "app_fr.ts"
    qm = ts.with_suffix(".qm")
    assert qm.exists()
    assert qm.stat().st_size > 100




def test_the_main_window_has_its_named_regions(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    for name in ("documentQueue", "pdfPreview", "invoiceForm", "importButton", "statusBar"):
        assert window.findChild(QWidget, name) is not None, name


def test_the_empty_state_invites_a_drop_in_english(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    texts = " ".join(w.text() for w in window.findChildren(QWidget) if hasattr(w, "text") and callable(w.text))
    assert "Drop your invoice PDFs here" in texts


def test_the_empty_state_is_french_when_the_language_is_french(qtbot, french):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    texts = " ".join(w.text() for w in window.findChildren(QWidget) if hasattr(w, "text") and callable(w.text))
    assert "Déposez vos factures PDF ici" in texts
    assert window.open_action.text() == "&Parcourir…"
