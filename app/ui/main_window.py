"""The main window: document queue (left), PDF preview (centre), invoice form (right), status bar.

The window only lays out the panels and routes between them; each panel lives in its own module.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QStatusBar, QStyle, QToolBar

from app import APP_NAME
from app.ui.drop_overlay import FileDrops
from app.ui.form_panel import InvoiceFormPanel
from app.ui.preview_panel import PreviewPanel
from app.ui.queue_panel import QueuePanel
from app.ui.session import Session


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(640, 480)  # the layout is designed for 1024×700 and up; smaller still works, scrolled

        self.queue_panel = QueuePanel(self)
        self.preview_panel = PreviewPanel(self)
        self.form_panel = InvoiceFormPanel(self)
        self.session = Session(self)
        self.form_panel.set_session(self.session)
        self.queue_panel.set_session(self.session)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        for panel in (self.queue_panel, self.preview_panel, self.form_panel):
            splitter.addWidget(panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([340, 380, 560])
        self.setCentralWidget(splitter)

        self._build_actions()
        status = QStatusBar(self)
        status.setObjectName("statusBar")
        self.setStatusBar(status)
        self.connection_label = QLabel(self.tr("Not signed in"), self)
        self.connection_label.setObjectName("connectionLabel")
        self.queue_summary = QLabel(self)
        self.queue_summary.setObjectName("queueSummary")
        status.addPermanentWidget(self.queue_summary)
        status.addPermanentWidget(self.connection_label)
        status.showMessage(self.tr("Ready"))
        from app.ui.accounts import AccountsController  # company switcher, sign-in, connect on start

        self.accounts = AccountsController(self)
        self._wire_queue()
        self._wire_imports()
        self._wire_editing()
        self._wire_delete_key()
        from app.ui.menus import build_menus

        build_menus(self)
        self._restore_layout()

    def _build_actions(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)

        self.open_action = QAction(self.tr("&Browse…"), self)
        self.open_action.setObjectName("openAction")
        self.open_action.setIconText(self.tr("Browse…"))  # Qt drops the "…" from a toolbar button's text
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.setToolTip(self.tr("Add invoice PDFs or folders (Ctrl+O)"))
        self.open_action.triggered.connect(self.queue_panel.browse)
        style = self.style()
        self.open_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        toolbar.addAction(self.open_action)

        self.open_folder_action = QAction(self.tr("Add &folder…"), self)
        self.open_folder_action.setObjectName("openFolderAction")
        self.open_folder_action.setIconText(self.tr("Add folder…"))
        self.open_folder_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_folder_action.setToolTip(self.tr("Add every PDF of a folder and its subfolders (Ctrl+Shift+O)"))
        self.open_folder_action.triggered.connect(self.queue_panel.browse_folder)
        self.open_folder_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon))
        toolbar.addAction(self.open_folder_action)

        self.preferences_action = QAction(self.tr("&Preferences…"), self)
        self.preferences_action.setObjectName("preferencesAction")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.setShortcut(QKeySequence.StandardKey.Preferences)
        if self.preferences_action.shortcut().isEmpty():  # only macOS defines one (Cmd+,)
            self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self.preferences_action.triggered.connect(self.open_preferences)
        self.addAction(self.preferences_action)

        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        if self.quit_action.shortcut().isEmpty():  # some platforms (and offscreen) define none
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.addAction(self.quit_action)
        self.toolbar = toolbar

    # --- routing ---------------------------------------------------------------------------
    def _wire_queue(self) -> None:
        """Drops anywhere on the window; the selected document to the preview and the form."""
        self.file_drops = FileDrops(self)
        self.file_drops.dropped.connect(self.open_paths)
        self.queue_panel.message.connect(self.statusBar().showMessage)
        self.queue_panel.current_changed.connect(self.preview_panel.show_document)
        self.queue_panel.row_updated.connect(self.preview_panel.row_updated)
        if hasattr(self.form_panel, "set_document"):
            self.queue_panel.current_changed.connect(self.form_panel.set_document)
            self.queue_panel.row_updated.connect(self.form_panel.row_updated)
            self.form_panel.locate_requested.connect(self.preview_panel.highlight)  # a badge pointed at
            # the form prepared the row it edits: the queue and the status bar follow (no second prepare)
            self.form_panel.draft_changed.connect(lambda row: self.queue_panel.update_rows([row], prepare=False))
        self.queue_panel.summary_changed.connect(self.queue_summary.setText)

    def _wire_imports(self) -> None:
        """Import, Import all, pause/resume/stop, resume after an interruption, history (app/ui/import_controller)."""
        from app.ui.import_controller import ImportController

        self.imports = ImportController(self, self.session, self.queue_panel, self.form_panel)
        self.imports.message.connect(self.statusBar().showMessage)
        self.toolbar.addSeparator()
        icons = {"importAllAction": QStyle.StandardPixmap.SP_ArrowUp,
                 "historyAction": QStyle.StandardPixmap.SP_FileDialogDetailedView}
        for action in self.imports.toolbar_actions():
            if action.icon().isNull() and action.objectName() in icons:  # the toolbar is not text only
                action.setIcon(self.style().standardIcon(icons[action.objectName()]))
            self.toolbar.addAction(action)

    def _wire_delete_key(self) -> None:
        """Delete: one action for the lines table and the queue, by focus (app/ui/delete_key)."""
        from app.ui.delete_key import DeleteKey

        form, queue = self.form_panel, self.queue_panel
        self.delete_key = DeleteKey(self, lambda: (
            (getattr(form, "lines_view", None), getattr(form, "remove_line_action", None)),
            (getattr(queue, "view", None), getattr(queue, "remove_action", None))))

    def _wire_editing(self) -> None:
        """"Open an imported invoice…" (Ctrl+Shift+E) and the form's editing mode (app/ui/edit_controller)."""
        from app.ui.edit_controller import EditController

        imports = getattr(self, "imports", None)
        self.editing = EditController(self, self.session, self.form_panel, self.preview_panel, self.queue_panel,
                                      journal_path=getattr(imports, "journal_path", None))
        self.editing.message.connect(self.statusBar().showMessage)
        self.form_panel.edit_imported_requested.connect(self.editing.open_invoice)
        if self.editing.open_action.icon().isNull():
            self.editing.open_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView))
        self.toolbar.addAction(self.editing.open_action)  # the history dialog connects its "Edit…" to it

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # An edited invoice's unsaved changes: ask (Save closes once saved; Cancel keeps the window).
        editing = getattr(self, "editing", None)
        if editing is not None and not editing.confirm_leave(self.close):
            event.ignore()
            return
        # A running import batch stops at its next checkpoint, then the window closes (never blocks).
        imports = getattr(self, "imports", None)
        if imports is not None and not imports.request_close():
            event.ignore()
            return
        self._save_layout()
        super().closeEvent(event)
        demo_dir = getattr(self, "demo_dir", None)
        if demo_dir is not None and event.isAccepted():
            import shutil

            if imports is not None and imports.journal is not None:
                imports.journal.close()
                imports.journal = None
            shutil.rmtree(demo_dir, ignore_errors=True)  # this demo's journal: its stand-in is gone

    # --- what the window remembers (app/ui/window_state) -------------------------------------
    def _restore_layout(self) -> None:
        """Size, position, splitters and column widths as they were left; the first time, a size from the screen."""
        from app.ui import window_state

        settings = self.accounts.settings  # read once, as the window was built (AccountsController)
        self.settings = settings  # what the Preferences dialog starts from (it saves through update_settings)
        self.session.use_settings(settings)  # the companies' usual payment terms
        self.queue_panel.last_folder = window_state.folder_setting(settings.last_folder)
        self.queue_panel.default_folder = window_state.folder_setting(settings.default_folder)
        self.window_layout = window_state.load_layout()
        self._splitter_remembered = "mainSplitter" in self.window_layout.splitters
        if not window_state.restore(self, self.window_layout):
            window_state.place_by_default(self)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not getattr(self, "_splitter_remembered", True):
            self._splitter_remembered = True  # once: from then on the person's own sizes
            from app.ui import window_state

            splitter = self.centralWidget()
            total = sum(splitter.sizes()) or splitter.width()
            splitter.setSizes(window_state.default_splitter_sizes(total, window_state.form_width(self.form_panel)))

    def _save_layout(self) -> None:
        from app.ui import window_state

        window_state.capture(self, self.window_layout)
        try:
            window_state.save_layout(self.window_layout)  # once, as the window closes
        except OSError:
            pass  # a read-only config directory only costs the layout

    def open_preferences(self) -> None:
        from app.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self, company=self.session.company)
        dialog.saved.connect(self._preferences_saved)
        dialog.open()
        self.preferences_dialog = dialog

    def _preferences_saved(self, settings) -> None:
        from app.ui import window_state

        self.settings = settings
        self.session.use_settings(settings)  # new payment terms: every document is prepared again
        self.queue_panel.default_folder = window_state.folder_setting(settings.default_folder)

    def open_paths(self, paths: list[Path]) -> None:
        self.queue_panel.add_paths(paths)

    def _use_demo_journal(self) -> None:
        """The demo stand-in starts empty each time: so does its journal (a folder of its own under
        the cache, removed when the window closes). Otherwise every sample read 'already imported'
        and History offered invoices of an earlier demo, whose ids the new stand-in gives again."""
        import tempfile

        from app.config import app_dirs

        cache = app_dirs().cache
        cache.mkdir(parents=True, exist_ok=True)
        self.demo_dir = Path(tempfile.mkdtemp(prefix="demo-", dir=cache))
        journal = self.demo_dir / "journal.sqlite3"
        self.imports.use_journal(journal)
        self.editing.journal_path = journal

    def start_demo(self):
        """Run the window against the built-in stand-in; returns the running stand-in (or None)."""
        try:
            from app.standin.server import StandIn
        except ImportError:
            self.statusBar().showMessage(
                self.tr("Demo mode: the built-in Pennylane stand-in is not available in this build yet.")
            )
            self.connection_label.setText(self.tr("Demo (offline)"))
            return None
        standin = StandIn()
        standin.start()
        self._use_demo_journal()
        self.connection_label.setText(self.tr("Demo company (local stand-in)"))
        self.statusBar().showMessage(self.tr("Demo mode: connected to the local Pennylane stand-in at %1").replace("%1", standin.url))
        self.demo_standin = standin
        self.queue_panel.set_demo(True)  # the empty state offers sample invoices for the demo company
        self.session.connect_with_token(standin.demo_token, standin.url)
        return standin
