"""The PDF preview (centre): QtPdf, all pages in one scroll, zoom, page indicator.

Loading never blocks the UI on disk: the file's bytes are read by a worker (:func:`run_task`),
then handed to ``QPdfDocument.load(QBuffer)`` — for an in-memory, non-sequential device QtPdf
parses the document at once (a few ms: PDFium reads the cross-reference table, not the pages),
and ``QPdfView`` renders the visible pages on its own render threads. The QBuffer and its
QByteArray are kept referenced for as long as the document uses them.

Signals: ``loaded(int)`` with the page count once a document is shown; ``failed(str)`` with the
message shown instead.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from app.ui import colours
from app.ui.queue_model import DocumentRow, DocumentStatus
from app.ui.tasks import run_task

MAX_PREVIEW_BYTES = 200 * 1024 * 1024
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.1, 8.0
_NOT_SHOWN = {"not_found", "empty", "too_large", "not_pdf", "encrypted", "xml_unsafe", "unreadable"}


def read_bytes(path: Path) -> bytes:
    """Worker side: the file's content (refusing what no preview should hold in memory)."""
    size = path.stat().st_size
    if size > MAX_PREVIEW_BYTES:
        raise ValueError("too large to preview")
    return path.read_bytes()


class PreviewPanel(QWidget):
    loaded = Signal(int)  # page count
    failed = Signal(str)  # the message shown instead of the document

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setAccessibleName(self.tr("PDF preview"))

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setAccessibleName(self.tr("PDF pages"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(12, 12, 12, 12))
        self.view.setDocument(self.document)
        backdrop = self.view.viewport().palette()
        backdrop.setColor(QPalette.ColorRole.Dark, QColor(colours.backdrop()))  # the grey around the pages
        backdrop.setColor(QPalette.ColorRole.Window, QColor(colours.backdrop()))
        self.view.viewport().setPalette(backdrop)

        self.message = QLabel(self.tr("Select a document to preview it"), self)
        self.message.setObjectName("previewMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(24)
        self.placeholder = self.message  # the shell's name

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)

        self.zoom_out_action = self._action(self.tr("Zoom out"), QKeySequence.StandardKey.ZoomOut, self.zoom_out, "−")
        self.zoom_in_action = self._action(self.tr("Zoom in"), QKeySequence.StandardKey.ZoomIn, self.zoom_in, "+")
        self.fit_action = self._action(self.tr("Fit width"), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_0), self.fit_width, None)
        self.fit_action.setCheckable(True)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageIndicator")
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoomIndicator")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            bar.addWidget(button)
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        self.toolbar = QWidget(self)
        self.toolbar.setLayout(bar)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 8)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)

        self._row: DocumentRow | None = None
        self._path: Path | None = None
        self._buffer: QBuffer | None = None
        self._bytes: QByteArray | None = None
        self._ticket = 0
        self.view.pageNavigator().currentPageChanged.connect(self._update_page_label)
        self.view.zoomFactorChanged.connect(self._update_zoom_label)
        self.view.zoomModeChanged.connect(self._update_zoom_label)
        self.document.pageCountChanged.connect(self._update_page_label)
        self._set_controls_enabled(False)

    def _action(self, text: str, shortcut, slot, label: str | None) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        if label:
            action.setIconText(label)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- showing a row ---------------------------------------------------------------------
    def show_document(self, row: DocumentRow | None) -> None:
        """Show the row's PDF (None: the placeholder). Same file as shown: nothing reloads."""
        self._row = row
        if row is None:
            self._clear(self.tr("Select a document to preview it"))
            return
        error = getattr(row.reading, "error", None) if row.reading is not None else None
        if row.status is DocumentStatus.ERROR and (error is None or error.code in _NOT_SHOWN):
            reason = str(row.reason) if row.reason else ""
            self._clear(self.tr("This file cannot be shown.") + ("\n\n" + reason if reason else ""))
            self._path = row.path
            return
        if row.path == self._path and self.document.status() == QPdfDocument.Status.Ready:
            return
        self._path = row.path
        self._ticket += 1
        ticket = self._ticket
        self.message.setText(self.tr("Opening “%1”…").replace("%1", row.name))
        self.stack.setCurrentWidget(self.message)
        run_task(read_bytes, row.path, on_result=lambda data: self._bytes_read(ticket, data),
                 on_error=lambda exc: self._bytes_failed(ticket, exc), context=self)

    def row_updated(self, row: DocumentRow) -> None:
        """A row's status changed: refresh if it is the one shown (e.g. it turned out unreadable)."""
        if row is self._row:
            self._path = None if row.status is DocumentStatus.ERROR else self._path
            self.show_document(row)

    def _bytes_read(self, ticket: int, data: bytes) -> None:
        if ticket != self._ticket:
            return  # another document was selected meanwhile
        self.document.close()
        self._bytes = QByteArray(data)
        buffer = QBuffer(self)
        buffer.setData(self._bytes)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        old, self._buffer = self._buffer, buffer
        self.document.load(buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        status = self.document.status()
        if status == QPdfDocument.Status.Ready:
            self._shown()
        elif status == QPdfDocument.Status.Loading:
            self.document.statusChanged.connect(self._status_changed)
        else:
            self._load_failed()

    def _status_changed(self, status: QPdfDocument.Status) -> None:
        if status == QPdfDocument.Status.Ready:
            self.document.statusChanged.disconnect(self._status_changed)
            self._shown()
        elif status == QPdfDocument.Status.Error:
            self.document.statusChanged.disconnect(self._status_changed)
            self._load_failed()

    def _shown(self) -> None:
        self.stack.setCurrentWidget(self.view)
        self.view.pageNavigator().jump(0, QPointF(0, 0))
        self._set_controls_enabled(True)
        self._update_page_label()
        self._update_zoom_label()
        self.loaded.emit(self.document.pageCount())

    def _load_failed(self) -> None:
        error = self.document.error()
        if error == QPdfDocument.Error.IncorrectPassword:
            text = self.tr("This PDF is protected by a password and cannot be shown.")
        elif error in (QPdfDocument.Error.InvalidFileFormat, QPdfDocument.Error.UnsupportedSecurityScheme):
            text = self.tr("This file cannot be shown: it is damaged or not a PDF.")
        else:
            text = self.tr("This file cannot be shown.")
        self._clear(text)

    def _bytes_failed(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._ticket:
            return
        if isinstance(exc, FileNotFoundError):
            self._clear(self.tr("This file cannot be shown: it was moved or deleted."))
        elif isinstance(exc, ValueError):
            self._clear(self.tr("This file is too large to be shown."))
        else:
            self._clear(self.tr("This file cannot be shown: %1").replace("%1", exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__))

    def _clear(self, text: str) -> None:
        self._ticket += 1
        self._path = None
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
            self._bytes = None
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self._set_controls_enabled(False)
        self.page_label.clear()
        self.zoom_label.clear()
        if self._row is not None:
            self.failed.emit(text)

    # --- zoom and pages --------------------------------------------------------------------
    def zoom_in(self) -> None:
        self._zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(self.view.zoomFactor() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _zoom(self, factor: float) -> None:
        if self.document.status() != QPdfDocument.Status.Ready:
            return
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(ZOOM_MAX, max(ZOOM_MIN, factor)))

    def _set_controls_enabled(self, enabled: bool) -> None:
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            action.setEnabled(enabled)

    def _update_page_label(self, *_args) -> None:
        count = self.document.pageCount()
        if not count or self.document.status() != QPdfDocument.Status.Ready:
            self.page_label.clear()
            return
        current = self.view.pageNavigator().currentPage() + 1
        self.page_label.setText(self.tr("Page %1 / %2").replace("%1", str(current)).replace("%2", str(count)))

    def _update_zoom_label(self, *_args) -> None:
        fitted = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.fit_action.setChecked(fitted)
        if self.document.status() != QPdfDocument.Status.Ready or fitted:
            self.zoom_label.clear()
        else:
            self.zoom_label.setText(f"{round(self.view.zoomFactor() * 100)} %")
