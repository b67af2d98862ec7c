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
    # Delete is one key with one entry, for what has the focus (app/ui/delete_key)
    deletes = [(r.where, r.action) for r in rows if "Suppr" in r.keys]
    assert deletes == [("Lignes de la facture, file des documents", "Retirer les lignes ou les documents sélectionnés")]
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


def test_no_two_actions_share_a_shortcut(qtbot):
    """Delete was bound twice (the lines' Remove and the queue's Remove from the queue): one key, one action."""
    from PySide6.QtGui import QAction, QKeySequence

    from app.ui.application import prepare_form
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    prepare_form(window)
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            if not key.isEmpty():
                owners.setdefault(key.toString(QKeySequence.SequenceFormat.PortableText), []).append(
                    action.objectName() or action.text())
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}
    assert owners["Del"] == ["deleteAction"]


def test_delete_removes_what_has_the_focus(qtbot):
    from decimal import Decimal

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.domain.invoice import SupplierLine
    from app.ui.application import prepare_form
    from app.ui.main_window import MainWindow
    from tests.ui.test_form import Row, supplier_draft

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2_000)
    prepare_form(window)
    form = window.form_panel
    draft = supplier_draft()
    draft.lines += [SupplierLine(label=label, amount_before_tax=Decimal("10"), tax=Decimal("2"), amount=Decimal("12"))
                    for label in ("a", "b")]
    form.set_document(Row(draft))
    view = form.lines_view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2_000)
    view.setCurrentIndex(form.lines_model.index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [line.label for line in draft.lines] == ["a"]
    # in the queue, the selected document goes
    from pathlib import Path

    from app.ui.queue_model import DocumentRow, DocumentStatus

    queue = window.queue_panel
    rows = [DocumentRow(Path(f"/tmp/d{i}.pdf"), f"d{i}.pdf", status=DocumentStatus.READY) for i in range(2)]
    queue.model.add_rows(rows)
    queue.select(rows[1])
    queue.view.setFocus()
    qtbot.waitUntil(queue.view.hasFocus, timeout=2_000)
    qtbot.keyClick(queue.view, Qt.Key.Key_Delete)
    assert queue.model.rows() == [rows[0]]
    # elsewhere (a text field keeps the key for its text) Delete triggers nothing
    from PySide6.QtWidgets import QLineEdit

    assert window.delete_key.target(form.findChildren(QLineEdit)[0]) is None
