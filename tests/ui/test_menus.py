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
    assert rows["Add files (Browse…)"] == "Ctrl+O"
    assert rows["Add folder…"] == "Ctrl+Shift+O"
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
    assert dict(shortcut_rows(window))["Ajouter des fichiers (Parcourir…)"] == "Ctrl+O"


def test_the_shortcuts_say_where_they_work_and_name_keys_as_on_a_french_keyboard(qtbot, french):
    from app.ui.application import prepare_form
    from app.ui.main_window import MainWindow
    from app.ui.menus import shortcut_table

    window = MainWindow()
    qtbot.addWidget(window)
    prepare_form(window)  # the form's actions exist once it is built
    rows = shortcut_table(window)
    by = {(r.where, r.action): r.keys for r in rows}
    assert by[("Lignes de la facture", "Ajouter une ligne")].startswith("Ctrl+N")
    # each entry says what it acts on, not a bare "Ajouter", "Créer", "Produit"
    assert ("Lignes de la facture", "Remplir la ligne depuis un produit…") in by
    assert not {"Ajouter", "Créer", "Créer…", "Produit", "Produit…", "Supprimer", "Dupliquer"} & {r.action for r in rows}
    assert ("Fournisseur ou client", "Créer le fournisseur ou le client…") in by
    # Delete means two things, each in its own place: not one ambiguous line twice
    deletes = sorted(r.where for r in rows if "Suppr" in r.keys)
    assert deletes == ["File des documents", "Lignes de la facture"]
    texts = " ".join(r.keys for r in rows)
    assert "Retour" not in texts.replace("Retour arrière", "") and "Effacement" not in texts
    assert "Ctrl+Entrée" in by[("Formulaire de la facture", "Importer dans Pennylane")]
    # tooltips name the keys by the same rule (app/ui/keys), each once
    from PySide6.QtGui import QAction

    tips = {a.objectName(): a.toolTip() for a in window.findChildren(QAction) if a.objectName()}
    assert tips["importAction"].endswith("(Ctrl+Entrée)"), tips["importAction"]
    assert not [t for t in tips.values() if "Retour" in t.replace("Retour arrière", "") or "Effacement" in t]
    assert rows[0].where == "Partout"  # the window-wide keys first


def test_the_toolbar_keeps_the_ellipsis_of_actions_that_open_a_dialog(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_action.iconText() == "Browse…" and window.open_folder_action.iconText() == "Add folder…"


def test_qts_own_dialogs_speak_french_too(qtbot, french):
    """Qt's file dialog was half English ("Look in:", "Files of type:"): PySide6's qtbase_fr misses
    strings of Qt 6; resources/i18n/qtbase_gaps_fr fills them (#19 item 4)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QFileDialog, QLabel

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"  # qtbase_fr is installed
    dialog = QFileDialog(None, "", ".")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "&Voir dans\u00a0:" in labels and "Fichiers de &type\u00a0:" in labels, labels
    assert not [text for text in labels if text.startswith(("&Look", "Files of"))]
