"""The menu bar lists the window's actions; Help shows every shortcut, from the actions themselves."""

from __future__ import annotations

from PySide6.QtWidgets import QMenuBar


def test_the_menus_hold_the_windows_actions_and_help_lists_the_shortcuts(qtbot):
    from app.ui.main_window import MainWindow
    from app.ui.menus import ShortcutsDialog, shortcut_rows

    window = MainWindow()
    qtbot.addWidget(window)
    bar = window.findChild(QMenuBar, "menuBar")
    titles = [a.text() for a in bar.actions()]
    assert titles == ["&File", "&Import", "&Help"]
    file_actions = [a for a in bar.actions()[0].menu().actions() if not a.isSeparator()]
    assert window.open_action in file_actions and window.quit_action in file_actions

    rows = dict(shortcut_rows(window))
    assert rows["Browse"] == "Ctrl+O"
    assert rows["Add folder"] == "Ctrl+Shift+O"
    assert rows["History"] == "Ctrl+H"
    assert rows["Keyboard shortcuts"] == "F1"
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(rows) >= 8


def test_the_menus_speak_french(qtbot, french):
    from app.ui.main_window import MainWindow
    from app.ui.menus import shortcut_rows

    window = MainWindow()
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Fichier", "&Import", "&Aide"]
    assert dict(shortcut_rows(window))["Parcourir"] == "Ctrl+O"
