"""Preferences (issue #19 item 11): the language and the folder Browse starts in."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from app.config import load_settings
from app.ui.application import choose_language


def _window(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_preferences_save_the_language_and_the_default_folder(qtbot, tmp_path):
    window = _window(qtbot)
    folder = tmp_path / "Factures fournisseurs"
    folder.mkdir()
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    assert dialog.isVisible() and dialog.language.currentData() is None  # "As the system"
    assert not dialog.language_note.isVisibleTo(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.language_note.isVisibleTo(dialog)  # applies at the next start: said so
    dialog.folder.setText(str(folder))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    saved = load_settings()
    assert (saved.language, saved.default_folder) == ("fr", str(folder))
    assert window.queue_panel.start_folder() == folder  # at once, while no folder was browsed

    again = _window(qtbot)  # the next session starts in it too
    assert again.queue_panel.start_folder() == folder


def test_a_relative_folder_is_refused_with_a_reason_and_nothing_is_saved(qtbot):
    window = _window(qtbot)
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    dialog.folder.setText("Documents/factures")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and "full path" in dialog.status.text()
    qtbot.wait(50)
    assert load_settings().default_folder is None


def test_the_preference_chooses_the_language_unless_the_environment_forces_one():
    assert choose_language("fr", {"LANG": "en_US.UTF-8"}) == "fr"
    assert choose_language("en", {"LANG": "fr_FR.UTF-8"}) == "en"
    assert choose_language(None, {"LANG": "fr_FR.UTF-8"}) == "fr"
    assert choose_language("de", {"LANG": "fr_FR.UTF-8"}) == "fr"  # not a supported value: the system's
    assert choose_language("fr", {"PENNYLANE_IMPORTER_LANG": "en"}) == "en"


def test_preferences_are_in_the_file_menu_with_a_shortcut(qtbot):
    window = _window(qtbot)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.preferences_action in file_menu.actions()
    assert not window.preferences_action.shortcut().isEmpty()
