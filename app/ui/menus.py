"""The menu bar: every window action in one place, plus Help (keyboard shortcuts, About).

The actions themselves belong to their panels and controllers; the menus only list them, so a
shortcut is defined once. "Keyboard shortcuts" (F1) is built from the window's actions at the
moment it opens, so it never goes stale.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from app import APP_NAME, __version__
from app.ui.keys import key_text, keys_text  # noqa: F401 - key_text: re-exported (the one rule for naming keys)


def _plain(text: str) -> str:
    """A menu text without its mnemonic ampersand, for the shortcuts table (the "…" of an action that
    opens a dialog stays: it says so there too)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


# The shortcuts list's name for actions whose own text is a bare verb beside their buttons
# ("Add", "Create…", "Product…"): listed alone, each says what it acts on (issue #19 item 4).
_ENTRY_NAMES = {
    "openAction": QT_TRANSLATE_NOOP("Menus", "Add files (Browse…)"),
    "addLineAction": QT_TRANSLATE_NOOP("Menus", "Add a line"),
    "duplicateLineAction": QT_TRANSLATE_NOOP("Menus", "Duplicate the selected line"),
    "removeLineAction": QT_TRANSLATE_NOOP("Menus", "Remove the selected lines"),
    "productAction": QT_TRANSLATE_NOOP("Menus", "Fill the line from a product…"),
    "createCounterpartAction": QT_TRANSLATE_NOOP("Menus", "Create the supplier or customer…"),
    "refreshReferenceAction": QT_TRANSLATE_NOOP("Menus", "Reload suppliers, customers, accounts and products"),
    "removeDocumentAction": QT_TRANSLATE_NOOP("Menus", "Remove the selected documents from the queue"),
    "undoRemoveAction": QT_TRANSLATE_NOOP("Menus", "Undo the removal of documents"),
}


def _entry(action: QAction) -> str:
    name = _ENTRY_NAMES.get(action.objectName())
    return QCoreApplication.translate("Menus", name) if name else _plain(action.text())


@dataclass(frozen=True)
class ShortcutRow:
    where: str  # the part of the window where the keys work ("Invoice lines", "Document queue"...)
    action: str
    keys: str


# Where an action's keys work, for the shortcuts table (marked for lupdate; translated when shown).
_BY_NAME = (("deleteAction", QT_TRANSLATE_NOOP("Menus", "Invoice lines, document queue")),
            ("Line", QT_TRANSLATE_NOOP("Menus", "Invoice lines")), ("lines", QT_TRANSLATE_NOOP("Menus", "Invoice lines")),
            ("product", QT_TRANSLATE_NOOP("Menus", "Invoice lines")),
            ("Counterpart", QT_TRANSLATE_NOOP("Menus", "Supplier or customer")),
            ("refreshReference", QT_TRANSLATE_NOOP("Menus", "Supplier or customer")),
            ("Category", QT_TRANSLATE_NOOP("Menus", "Analytic categories")))
_BY_PANEL = {"documentQueuePanel": QT_TRANSLATE_NOOP("Menus", "Document queue"),
             "invoiceForm": QT_TRANSLATE_NOOP("Menus", "Invoice form"),
             "pdfPreview": QT_TRANSLATE_NOOP("Menus", "Preview")}
_EVERYWHERE = QT_TRANSLATE_NOOP("Menus", "Everywhere")


def _where(action: QAction) -> str:
    """Where an action's keys work: from its object name, else the panel that owns it."""
    name = action.objectName()
    for marker, label in _BY_NAME:
        if marker in name:
            return QCoreApplication.translate("Menus", label)
    owner = action.parent()
    while owner is not None:
        label = _BY_PANEL.get(owner.objectName())
        if label:
            return QCoreApplication.translate("Menus", label)
        owner = owner.parent()
    return QCoreApplication.translate("Menus", _EVERYWHERE)


def shortcut_table(window: QMainWindow) -> list[ShortcutRow]:
    """Every action of the window that has a shortcut, with where it works; by place, then text.
    An action whose keys mean the same in two places ("Enter" and "Return") is listed once."""
    rows: dict[tuple[str, str], ShortcutRow] = {}
    for action in window.findChildren(QAction):
        keys = keys_text(k for k in action.shortcuts() if not k.isEmpty())
        text = _entry(action)
        if keys and text:
            where = _where(action)
            rows.setdefault((where, text), ShortcutRow(where, text, keys))
    return sorted(rows.values(), key=lambda r: (r.where != QCoreApplication.translate("Menus", _EVERYWHERE),
                                                r.where.casefold(), r.action.casefold()))


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(what it does, keys) for every action of the window that has a shortcut (see shortcut_table)."""
    return [(row.action, row.keys) for row in shortcut_table(window)]


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_table(window)
        table = QTableWidget(len(rows), 3, self)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Action"), self.tr("Keys")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for n, row in enumerate(rows):
            for column, text in enumerate((row.where, row.action, row.keys)):
                table.setItem(n, column, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        screen = window.screen().availableGeometry() if window.screen() is not None else None
        self.resize(min(800, int(screen.width() * 0.9)) if screen else 800, min(620, int(screen.height() * 0.85)) if screen else 620)


class LicencesDialog(QDialog):
    """Help → About → Licences: the project's licence and the third-party notices (app/ui/licences),
    read or built on a worker thread."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("licencesDialog")
        self.setWindowTitle(self.tr("Licences"))
        self.tabs = QTabWidget(self)
        self.licence = self._page("projectLicence")
        self.notices = self._page("thirdPartyNotices")
        self.tabs.addTab(self.licence, self.tr("%1 (MIT licence)").replace("%1", APP_NAME))
        self.tabs.addTab(self.notices, self.tr("Third-party software"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(720, 560)
        from app.ui.licences import load_texts
        from app.ui.resources import resources_dir
        from app.ui.tasks import run_task

        run_task(load_texts, resources_dir(), on_result=self._loaded, on_error=self._failed, context=self)

    def _page(self, name: str) -> QPlainTextEdit:
        page = QPlainTextEdit(self)
        page.setObjectName(name)
        page.setReadOnly(True)
        page.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        page.setPlainText(self.tr("Loading…"))
        return page

    def _loaded(self, texts: tuple[str, str]) -> None:
        self.licence.setPlainText(texts[0])
        self.notices.setPlainText(texts[1])

    def _failed(self, exc: BaseException) -> None:
        self.notices.setPlainText(self.tr("The notices could not be read: %1").replace("%1", str(exc)))


def show_about(window: QMainWindow) -> None:
    box = QMessageBox(window)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate("Menus", "About %1").replace("%1", APP_NAME))
    box.setText(about_text())
    box.setIconPixmap(window.windowIcon().pixmap(64, 64))
    licences = box.addButton(QCoreApplication.translate("Menus", "&Licences…"), QMessageBox.ButtonRole.ActionRole)
    licences.setObjectName("licencesButton")
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is licences:
        LicencesDialog(window).exec()


def about_text() -> str:
    from app.config import app_dirs

    dirs = app_dirs()
    return QCoreApplication.translate(
        "Menus",
        "<h3>%1 %2</h3>"
        "<p>Imports invoice PDFs and Factur-X e-invoices into Pennylane (Company API v2).</p>"
        "<p>Your sign-in is kept in the system keyring, never in a file.<br>"
        "Journal and settings: %3</p>"
        "<p>Free software under the MIT licence. Built with Qt (LGPL-3.0) through PySide6, and other "
        "open-source libraries: see Licences.</p>"
    ).replace("%1", APP_NAME).replace("%2", __version__).replace("%3", str(dirs.data))


def build_menus(window: QMainWindow) -> None:
    bar = window.menuBar()
    bar.setObjectName("menuBar")

    file_menu = bar.addMenu(QCoreApplication.translate("Menus", "&File"))
    for action in (window.open_action, window.open_folder_action):
        file_menu.addAction(action)
    editing = getattr(window, "editing", None)
    if editing is not None:
        file_menu.addAction(editing.open_action)
    queue = getattr(window, "queue_panel", None)
    if queue is not None and hasattr(queue, "next_to_check_action"):
        file_menu.addSeparator()
        for action in (queue.next_to_check_action, queue.remove_imported_action, queue.undo_remove_action):
            file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(window.preferences_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)

    imports = getattr(window, "imports", None)
    if imports is not None:
        import_menu = bar.addMenu(QCoreApplication.translate("Menus", "&Import"))
        for action in (imports.import_all_action, imports.pause_action, imports.resume_action,
                       imports.cancel_action):
            import_menu.addAction(action)
        import_menu.addSeparator()
        import_menu.addAction(imports.history_action)
        rules = QAction(QCoreApplication.translate("Menus", "Supplier and customer &rules…"), window)
        rules.setObjectName("rulesAction")
        rules.setStatusTip(QCoreApplication.translate("Menus", "What the app remembers for each supplier and customer"))

        def open_rules() -> None:
            from app.ui.rules_dialog import open_rules as show

            show(window)

        rules.triggered.connect(open_rules)
        import_menu.addAction(rules)
        window.rules_action = rules

    help_menu = bar.addMenu(QCoreApplication.translate("Menus", "&Help"))
    shortcuts = QAction(QCoreApplication.translate("Menus", "&Keyboard shortcuts"), window)
    shortcuts.setObjectName("shortcutsAction")
    shortcuts.setShortcut(QKeySequence(Qt.Key.Key_F1))
    shortcuts.triggered.connect(lambda: ShortcutsDialog(window).exec())
    help_menu.addAction(shortcuts)
    about = QAction(QCoreApplication.translate("Menus", "&About %1").replace("%1", APP_NAME), window)
    about.setObjectName("aboutAction")
    about.triggered.connect(lambda: show_about(window))
    help_menu.addAction(about)
    window.shortcuts_action = shortcuts
    window.about_action = about
