"""The document queue (left): the drop zone's empty state, then one row per dropped file.

Signals
- ``current_changed(row)``: the selected :class:`DocumentRow`, or None (no selection).
  ``leave_guard(row) -> bool`` (set by the editing mode, which may have unsaved changes) may
  refuse a new selection: ``current_changed`` is then not emitted and the guard puts the
  selection back with :meth:`QueuePanel.restore_selection` (it may select the row later itself).
- ``row_updated(row)``: the one change signal: a row's reading, draft, readiness or import state
  changed (emitted once per row per batch, by :meth:`QueuePanel.update_rows`); the form and the
  preview compare it with the row they show.
- ``summary_changed(str)``: the queue's counts ("9 documents, 7 ready, 1 to check…") after any change.
- ``message(str)``: a status-bar message (reading progress, duplicates, summaries).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.ui import colours
from app.ui.intake import IntakeController
from app.ui.queue_model import DocumentRow, DocumentStatus, QueueModel
from app.ui.tasks import run_task


def write_sample_invoices() -> list[Path]:
    """Worker side of "Open sample invoices": the demo invoices (app.standin.samples), written
    into a new folder under the app's cache directory."""
    from app.config import app_dirs
    from app.standin.samples import write_samples

    cache = app_dirs().cache
    cache.mkdir(parents=True, exist_ok=True)
    return write_samples(Path(tempfile.mkdtemp(prefix="sample-invoices-", dir=cache)))


class QueueView(QTreeView):
    """A flat, multi-column list (a QTreeView without branches: uniform rows are cheap to lay out)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentQueue")
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # scans share prefixes ("facture_2024_…"): keep both ends
        self.setAllColumnsShowFocus(True)

    REASON_MIN_WIDTH = 560  # below this viewport width the reason is only in the tooltip and the form

    def setModel(self, model: QueueModel) -> None:  # noqa: N802 (Qt API)
        super().setModel(model)
        header = self.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        metrics = self.fontMetrics()
        # Widths from the font, never ResizeToContents (it would measure every row on each change).
        pages = max(metrics.horizontalAdvance(model.headerData(1, Qt.Orientation.Horizontal)), metrics.horizontalAdvance("999")) + 12
        status = max(metrics.horizontalAdvance(model.status_label(DocumentRow(Path("x"), "x", status=s))) for s in DocumentStatus)
        header.setSectionResizeMode(QueueModel.NAME, QHeaderView.ResizeMode.Stretch)
        self._pages_width, self._status_width = pages, status + 16 + 18
        for column, width in ((QueueModel.PAGES, pages), (QueueModel.STATUS, self._status_width)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        header.setSectionResizeMode(QueueModel.REASON, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(QueueModel.REASON, metrics.horizontalAdvance("x") * 40)
        self._fit_columns()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit_columns()

    NAME_MIN_WIDTH = 120  # the file name keeps at least this; the status then shows its icon only
    STATUS_ICON_WIDTH = 30

    def _fit_columns(self) -> None:
        width = self.viewport().width()
        wide = width >= self.REASON_MIN_WIDTH
        if self.isColumnHidden(QueueModel.REASON) == wide:
            self.setColumnHidden(QueueModel.REASON, not wide)
        pages, status = getattr(self, "_pages_width", 0), getattr(self, "_status_width", 0)
        if not status:
            return
        # A narrow queue (1024 px screens): the status as its icon (the tooltip and the form say the
        # rest), then no page count, rather than a horizontal scroll bar hiding the status.
        compact = width < self.NAME_MIN_WIDTH + pages + status
        wanted = self.STATUS_ICON_WIDTH if compact else status
        if self.header().sectionSize(QueueModel.STATUS) != wanted:
            self.header().resizeSection(QueueModel.STATUS, wanted)
        no_pages = width < self.NAME_MIN_WIDTH + pages + self.STATUS_ICON_WIDTH
        if self.isColumnHidden(QueueModel.PAGES) != no_pages:
            self.setColumnHidden(QueueModel.PAGES, no_pages)


class QueuePanel(QWidget):
    current_changed = Signal(object)  # DocumentRow | None
    row_updated = Signal(object)  # DocumentRow
    summary_changed = Signal(str)
    message = Signal(str)
    context_menu_opening = Signal(object, object)  # QMenu, list[DocumentRow]: others add their actions

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentQueuePanel")
        self.model = QueueModel(self)
        self.intake = IntakeController(self.model, self)
        self.intake.message.connect(self.message)
        self.intake.rows_updated.connect(self._rows_updated)

        self.stack = QStackedWidget(self)
        self.empty_state = QLabel(self.tr("Drop your invoice PDFs here\n\nor press Ctrl+O to browse"), self)
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.empty_state.setStyleSheet("QLabel#emptyState { border: 2px dashed palette(mid); border-radius: 8px; padding: 24px; color: %s; font-size: 15px; }" % colours.muted())
        self._build_samples_button()
        self.view = QueueView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Document queue"))
        self.list = self.view  # the shell's name for the queue widget
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.stack)

        self._current: DocumentRow | None = None
        self.last_folder: Path | None = None  # set by the window from the settings (start_folder)
        self.default_folder: Path | None = None
        self.session = None  # app.ui.session.Session: the company and references rows are prepared for
        self.leave_guard = None  # Callable[[DocumentRow], bool] | None — see the module docstring
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.model.rowsInserted.connect(self._update_stack)
        self.model.rowsInserted.connect(self._show_added)
        self.model.rowsRemoved.connect(self._rows_removed)
        self.model.modelReset.connect(self._rows_removed)
        self.view.customContextMenuRequested.connect(self._context_menu)

        self.remove_action = QAction(self.tr("&Remove from the queue"), self)
        self.remove_action.setObjectName("removeDocumentAction")
        self.remove_action.setShortcut(QKeySequence(Qt.Key.Key_Backspace))  # Delete: the window's deleteAction
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.remove_action.triggered.connect(self.remove_selected)
        self.view.addAction(self.remove_action)
        # the queue as a work list (issue #19 item 8)
        self.next_to_check_action = QAction(self.tr("&Next to check"), self)
        self.next_to_check_action.setObjectName("nextToCheckAction")
        self.next_to_check_action.setShortcut(QKeySequence(Qt.Key.Key_F8))
        self.next_to_check_action.setToolTip(self.tr("Select the next document that needs attention or could not be read (F8)"))
        self.next_to_check_action.triggered.connect(self.next_to_check)
        self.addAction(self.next_to_check_action)
        self.remove_imported_action = QAction(self.tr("Remove the &imported documents"), self)
        self.remove_imported_action.setObjectName("removeImportedAction")
        self.remove_imported_action.triggered.connect(self.remove_imported)
        self.undo_remove_action = QAction(self.tr("&Undo the removal"), self)
        self.undo_remove_action.setObjectName("undoRemoveAction")
        self.undo_remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not the form's text undo
        self.undo_remove_action.setEnabled(False)
        self.undo_remove_action.triggered.connect(self.undo_remove)
        self.view.addAction(self.undo_remove_action)
        self._removed: list[DocumentRow] = []  # the last removal, for Undo
        self.show_in_folder_action = QAction(self.tr("Show in &folder"), self)
        self.show_in_folder_action.triggered.connect(self.show_in_folder)
        self.open_action = QAction(self.tr("&Open in the PDF viewer"), self)
        self.open_action.triggered.connect(self.open_externally)

    def _build_samples_button(self) -> None:
        """Demo mode only: a button under the empty state's text that writes example invoices."""
        button = QPushButton(self.tr("Open sample invoices"), self.empty_state)
        button.setObjectName("openSamplesButton")
        button.setToolTip(self.tr("Demo mode: write a few example invoices for the demo company and add them to the queue"))
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(self.open_samples)
        button.hide()
        font = QFont(self.empty_state.font())
        font.setPixelSize(15)  # the empty state's style sheet
        text_height = QFontMetrics(font).lineSpacing() * 3  # the text's three lines
        layout = QVBoxLayout(self.empty_state)
        layout.addStretch(1)
        # centred with the text: the space above the button covers the text and a gap on both sides
        layout.addSpacing(text_height + 2 * 20 + button.sizeHint().height())
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.samples_button = button
        self._samples_pending = False

    def set_demo(self, demo: bool) -> None:
        """In demo mode the empty state offers the sample invoices."""
        self.samples_button.setVisible(demo)

    def open_samples(self) -> None:
        """Write the demo invoices (in a worker) and add them to the queue."""
        if self._samples_pending:
            return
        self._samples_pending = True
        self.samples_button.setEnabled(False)
        self.message.emit(self.tr("Writing the sample invoices…"))
        run_task(write_sample_invoices, on_result=self._samples_written, on_error=self._samples_failed, context=self)

    def _samples_written(self, paths: list[Path]) -> None:
        self._samples_pending = False
        self.samples_button.setEnabled(True)
        self.add_paths(paths)

    def _samples_failed(self, exc: BaseException) -> None:
        self._samples_pending = False
        self.samples_button.setEnabled(True)
        self.message.emit(self.tr("Could not write the sample invoices: %1").replace("%1", str(exc) or type(exc).__name__))

    # --- adding ----------------------------------------------------------------------------
    def browse(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add invoice PDFs"), str(self.start_folder()),
                                                self.tr("Invoices: PDF, scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.webp *.bmp *.heic *.heif);;PDF files (*.pdf);;All files (*)"))
        if files:
            self.remember_folder(Path(files[0]).parent)
        self.add_paths([Path(f) for f in files])

    def browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of invoice PDFs"), str(self.start_folder()))
        if folder:
            self.remember_folder(Path(folder).parent)  # next time, its siblings are one click away
            self.add_paths([Path(folder)])

    def start_folder(self) -> Path:
        """Where Browse opens: the last folder PDFs were added from, else the default folder of the
        Preferences, else the home folder (never the app's working directory)."""
        for folder in (self.last_folder, self.default_folder):
            if folder is not None:
                return folder
        return Path.home()

    def remember_folder(self, folder: Path) -> None:
        """The next Browse starts in ``folder``, in this session and the next ones (saved by a worker)."""
        self.last_folder = folder
        text = str(folder)

        def save() -> None:
            from app.config import update_settings

            update_settings(lambda settings: setattr(settings, "last_folder", text))

        run_task(save, on_result=lambda _r: None, on_error=lambda _exc: None, context=self)

    def add_paths(self, paths: list[Path]) -> None:
        self.intake.add_paths(paths)

    # --- selection -------------------------------------------------------------------------
    @property
    def current_row(self) -> DocumentRow | None:
        return self._current

    def selected_rows(self) -> list[DocumentRow]:
        rows = [self.model.row_for_index(i) for i in self.view.selectionModel().selectedRows()]
        return [r for r in rows if r is not None]

    def select(self, row: DocumentRow) -> None:
        index = self.model.index_of(row)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_for_index(current)
        if row is not self._current:
            if row is not None and self.leave_guard is not None and not self.leave_guard(row):
                return
            self._current = row
            self.current_changed.emit(row)

    def restore_selection(self) -> None:
        """Select :attr:`current_row` again (nothing if there is none) without emitting ``current_changed``."""
        if self._current is not None and self._current in self.model:
            self.select(self._current)
        else:
            self.view.selectionModel().clear()

    def _show_added(self, _parent: QModelIndex, first: int, _last: int) -> None:
        """Files just added are scrolled to, and the first of them selected (the leave guard of
        an edit in progress may keep the current one)."""
        row = self.model.row_at(first)
        if row is None:
            return
        self.view.scrollTo(self.model.index_of(row), QAbstractItemView.ScrollHint.PositionAtTop)
        if row is not self._current:
            self.select(row)

    def _update_stack(self, *_args) -> None:
        has_rows = self.model.rowCount() > 0
        self.stack.setCurrentWidget(self.view if has_rows else self.empty_state)
        if has_rows and not self.view.currentIndex().isValid():
            self.select(self.model.row_at(0))

    def _rows_removed(self, *_args) -> None:
        self._update_stack()
        if self._current is not None and self._current not in self.model:
            self._current_row_changed(self.view.currentIndex(), QModelIndex())

    def _rows_updated(self, rows: list[DocumentRow]) -> None:
        self.update_rows(rows)

    # --- the one change path -------------------------------------------------------------------
    def set_session(self, session) -> None:
        """Rows are prepared for the session's company and reference data (again when they change)."""
        self.session = session
        session.changed.connect(self.prepare_all)
        session.reference_data_changed.connect(self.prepare_all)
        self.prepare_all()

    def prepare_all(self) -> None:
        self.update_rows(self.model.rows())

    def update_rows(self, rows: list[DocumentRow], *, prepare: bool = True) -> None:
        """Rows changed (read, edited, imported…): prepare them again (:func:`app.jobs.document.refresh`
        decides ready / needs attention and why), repaint them, and tell the form, the preview and
        the status bar (``row_updated``, ``summary_changed``)."""
        rows = [r for r in rows if r in self.model]
        if prepare:
            from app.jobs.document import refresh

            company = getattr(self.session, "company", None)
            references = getattr(self.session, "reference_data", None)
            for row in rows:
                if row.draft is not None:
                    refresh(row, company, references)
        if rows:
            self.model.rows_changed(rows)
        for row in rows:
            self.row_updated.emit(row)
        self.summary_changed.emit(self.intake.summary() if self.model.rowCount() else "")

    # --- row actions -----------------------------------------------------------------------
    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self._remove(rows)
            self.message.emit(self.tr("Removed from the queue: %1 (Ctrl+Z in the queue puts them back)").replace(
                "%1", ", ".join(r.name for r in rows[:3]) + ("…" if len(rows) > 3 else "")))

    def _remove(self, rows: list[DocumentRow]) -> None:
        self._removed = list(rows)
        self.model.remove_rows(rows)
        self.undo_remove_action.setEnabled(True)

    def remove_imported(self) -> None:
        """Clear the work list of what is done: every document already in Pennylane."""
        rows = [r for r in self.model.rows() if r.status is DocumentStatus.IMPORTED]
        if not rows:
            self.message.emit(self.tr("No imported document in the queue."))
            return
        self._remove(rows)
        self.message.emit(self.tr("%1 imported documents removed from the queue (Ctrl+Z in the queue puts them back)")
                          .replace("%1", str(len(rows))))

    def undo_remove(self) -> None:
        """Put the last removed rows back (as they were read: nothing is read again)."""
        present = {r.path for r in self.model.rows()}  # added again meanwhile: kept once
        back = [r for r in self._removed if r not in self.model and r.path not in present]
        self._removed = []
        self.undo_remove_action.setEnabled(False)
        if back:
            self.model.add_rows(back)

    def next_to_check(self) -> None:
        """Select the next document after the current one that needs attention or is in error
        (wrapping around); says so when there is none."""
        rows = self.model.rows()
        wanted = (DocumentStatus.NEEDS_ATTENTION, DocumentStatus.ERROR)
        start = self.model.position(self._current) if self._current is not None else -1
        for offset in range(1, len(rows) + 1):
            row = rows[(start + offset) % len(rows)]
            if row.status in wanted and row is not self._current:
                self.select(row)
                self.view.scrollTo(self.model.index_of(row))
                return
        self.message.emit(self.tr("Nothing left to check in the queue."))
    def show_in_folder(self) -> None:
        row = self._current
        if row is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(row.path.parent)))

    def open_externally(self) -> None:
        row = self._current
        if row is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(row.path)))

    def _context_menu(self, pos: QPoint) -> None:
        if not self.view.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addAction(self.show_in_folder_action)
        menu.addSeparator()
        menu.addAction(self.next_to_check_action)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.addAction(self.remove_imported_action)
        menu.addAction(self.undo_remove_action)
        self.context_menu_opening.emit(menu, self.selected_rows())
        menu.popup(self.view.viewport().mapToGlobal(pos))
