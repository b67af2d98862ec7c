"""The PDF preview (centre): QtPdf, all pages in one scroll, zoom, page indicator, page
thumbnails, rotation, and panning by dragging (app/ui/preview_pages).

A document opens at Fit width when that makes the page at least :data:`READABLE_ZOOM` of its
real size (a narrow column would otherwise show a page 300 px wide), else at that zoom, and the
page is moved by dragging it.

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
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QStackedWidget, QStyle, QToolButton, QVBoxLayout, QWidget

from app.ui import colours
from app.ui.keys import with_keys
from app.ui.preview_highlight import BoxHighlight
from app.ui.preview_pages import DragToPan, PageThumbnails, RotatedPages
from app.ui.queue_model import DocumentRow, DocumentStatus
from app.ui.tasks import run_task

MAX_PREVIEW_BYTES = 200 * 1024 * 1024
READABLE_ZOOM = 0.65  # of the page's real size (A4: ~520 px wide at 96 dpi): body text stays legible
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

        self.highlighter = BoxHighlight(self.view, self.document)
        self.rotated = RotatedPages(self.document, self)
        self.rotated.verticalScrollBar().valueChanged.connect(self._update_page_label)
        self.thumbnails = PageThumbnails(self.document, self)
        self.thumbnails.page_chosen.connect(self.go_to_page)
        self.rotations: dict[int, int] = {}  # page -> degrees (90, 180, 270) of the shown document, reset for each
        self._panners = (DragToPan(self.view), DragToPan(self.rotated))

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.rotated)

        self.zoom_out_action = self._action(self.tr("Zoom out"), QKeySequence.StandardKey.ZoomOut, self.zoom_out, "−")
        self.zoom_in_action = self._action(self.tr("Zoom in"), QKeySequence.StandardKey.ZoomIn, self.zoom_in, "+")
        self.fit_action = self._action(self.tr("Fit width"), QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_0), self.fit_width, "↔")
        self.fit_action.setCheckable(True)
        self.rotate_left_action = self._action(self.tr("Rotate left"), QKeySequence("Ctrl+Shift+Left"),
                                               lambda: self.rotate(-90), "⟲")
        self.rotate_right_action = self._action(self.tr("Rotate right"), QKeySequence("Ctrl+Shift+Right"),
                                                lambda: self.rotate(90), "⟳")
        for action in (self.rotate_left_action, self.rotate_right_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not the form's text fields'
        self.all_pages_action = QAction(self.tr("Turn all pages"), self)
        self.all_pages_action.setObjectName("rotateAllPagesAction")
        self.all_pages_action.setCheckable(True)
        self.all_pages_action.setChecked(True)
        self.all_pages_action.setToolTip(self.tr("Rotate left and right turn every page (checked) or only the page in view"))
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageIndicator")
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoomIndicator")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        self.rotate_menu = QMenu(self)  # on the rotate buttons' arrows: every page, or the one in view
        self.rotate_menu.setObjectName("rotateMenu")
        self.rotate_menu.addAction(self.all_pages_action)
        self.rotate_buttons: list[QToolButton] = []
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_action, self.rotate_left_action,
                       self.rotate_right_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAccessibleName(action.text())  # the button shows a symbol; screen readers say the action
            button.setAutoRaise(True)
            if action in (self.rotate_left_action, self.rotate_right_action):
                button.setMenu(self.rotate_menu)
                button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
                self.rotate_buttons.append(button)
            bar.addWidget(button)
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        self.toolbar = QWidget(self)
        self.toolbar.setLayout(bar)

        pages = QHBoxLayout()
        pages.setContentsMargins(0, 0, 0, 0)
        pages.setSpacing(4)
        pages.addWidget(self.thumbnails)
        pages.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 8)
        layout.addWidget(self.toolbar)
        layout.addLayout(pages, 1)

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
        action.setToolTip(with_keys(text, [shortcut]))
        if label:
            action.setIconText(label)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.thumbnails.fit_to(event.size().width())

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
        self.highlighter.show_box(None)
        self.rotations = {}
        self.stack.setCurrentWidget(self.view)
        self._readable_zoom()
        self.view.pageNavigator().jump(0, QPointF(0, 0))
        self.thumbnails.reload()
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
        self.highlighter.show_box(None)
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
        self.rotations = {}
        self.rotated.show_pages({}, 1.0)
        self.thumbnails.reload()
        if self._row is not None:
            self.failed.emit(text)

    def highlight(self, box) -> bool:  # type: ignore[no-untyped-def]
        """Show where a value was read (an app.pdf.words.Box; None hides it). Not on a turned page."""
        if self.turned or self.stack.currentWidget() is not self.view:
            self.highlighter.show_box(None)
            return False
        return self.highlighter.show_box(box)

    # --- zoom and pages --------------------------------------------------------------------
    def zoom_in(self) -> None:
        if self.turned:
            self._zoom_rotated(self.rotated.zoom * ZOOM_STEP)
            return
        self._zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        if self.turned:
            self._zoom_rotated(self.rotated.zoom / ZOOM_STEP)
            return
        self._zoom(self.view.zoomFactor() / ZOOM_STEP)

    def fit_width(self) -> None:
        if self.turned:
            self._zoom_rotated(1.0)
            return
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_zoom(self) -> float:
        """The zoom factor at which the first page fills the view's width."""
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() == 0:
            return 1.0
        points = self.document.pagePointSize(0).width()
        margins = self.view.documentMargins()
        # the stack's width: a view never shown yet has not laid out its viewport
        scrollbar = self.view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        usable = self.stack.width() - 2 * self.view.frameWidth() - scrollbar - margins.left() - margins.right()
        screen = self.screen() or QGuiApplication.primaryScreen()
        pixels = points * (screen.logicalDotsPerInch() if screen else 96.0) / 72.0  # as QPdfView sizes pages
        return usable / pixels if pixels > 0 and usable > 0 else 1.0

    def _readable_zoom(self) -> None:
        """Fit width when that is readable, else READABLE_ZOOM (the page is then panned by dragging)."""
        if self.fit_zoom() >= READABLE_ZOOM:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(READABLE_ZOOM)

    # --- pages and rotation ------------------------------------------------------------------
    @property
    def turned(self) -> bool:
        """Whether a page is turned: the document is then shown by ``rotatedPages``."""
        return bool(self.rotations)

    @property
    def degrees(self) -> int:
        """The rotation of the page in view (0, 90, 180, 270)."""
        return self.rotations.get(self.current_page(), 0) if self.rotations else 0

    def current_page(self) -> int:
        return self.rotated.current_page() if self.turned else self.view.pageNavigator().currentPage()

    def _place(self) -> tuple[int, float]:
        """The page at the top of the view and how far into it (0..1) the view is scrolled."""
        if self.turned:
            page = self.rotated.current_page()
            label = self.rotated.pages[page] if page < len(self.rotated.pages) else None
            top = self.rotated.verticalScrollBar().value() + RotatedPages.MARGIN
            return page, (min(1.0, max(0.0, (top - label.y()) / label.height())) if label is not None and label.height() else 0.0)
        navigator = self.view.pageNavigator()
        page = navigator.currentPage()
        height = self.document.pagePointSize(page).height()
        return page, (min(1.0, max(0.0, navigator.currentLocation().y() / height)) if height > 0 else 0.0)

    def go_to_page(self, page: int) -> None:
        if self.document.status() != QPdfDocument.Status.Ready or not 0 <= page < self.document.pageCount():
            return
        if self.turned:
            self.rotated.scroll_to(page)
            self._update_page_label()
        else:
            self.view.pageNavigator().jump(page, QPointF(0, 0))

    def rotate(self, by: int) -> None:
        """Turn by ``by`` degrees (±90) every page, or only the page in view when "All pages" is
        unchecked. The pages stay in one scroll, at the same place."""
        if self.document.status() != QPdfDocument.Status.Ready:
            return
        page, offset = self._place()
        if self.turned:
            zoom = self.rotated.zoom
        elif self.view.zoomMode() == QPdfView.ZoomMode.Custom:  # as wide as the upright pages were
            zoom = min(ZOOM_MAX, max(ZOOM_MIN, self.view.zoomFactor() * self._real_width() / self.rotated.fitted_width()))
        else:
            zoom = 1.0  # fit the width, as they were
        targets = range(self.document.pageCount()) if self.all_pages_action.isChecked() else (page,)
        rotations = dict(self.rotations)
        for target in targets:
            rotations[target] = (rotations.get(target, 0) + by) % 360
        self.rotations = {p: d for p, d in rotations.items() if d}
        if self.rotations:
            self.stack.setCurrentWidget(self.rotated)
            self.rotated.show_pages(self.rotations, zoom)
            self.rotated.scroll_to(page, offset)
        else:
            self.stack.setCurrentWidget(self.view)
            self.view.pageNavigator().jump(page, QPointF(0, offset * self.document.pagePointSize(page).height()))
        self.highlighter.show_box(None)
        self.thumbnails.reload(self.rotations)
        self.thumbnails.set_current_page(page)
        self._update_page_label()
        self._update_zoom_label()

    def _zoom_rotated(self, zoom: float) -> None:
        page, offset = self._place()
        self.rotated.show_pages(self.rotations, min(ZOOM_MAX, max(ZOOM_MIN, zoom)))
        self.rotated.scroll_to(page, offset)
        self._update_zoom_label()

    def _zoom(self, factor: float) -> None:
        if self.document.status() != QPdfDocument.Status.Ready:
            return
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(ZOOM_MAX, max(ZOOM_MIN, factor)))

    def _set_controls_enabled(self, enabled: bool) -> None:
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action, self.rotate_left_action,
                       self.rotate_right_action, self.all_pages_action):
            action.setEnabled(enabled)
        several = enabled and self.document.pageCount() > 1  # one page: nothing to choose
        for button in self.rotate_buttons:
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup if several
                                else QToolButton.ToolButtonPopupMode.DelayedPopup)
            button.setMenu(self.rotate_menu if several else None)

    def _update_page_label(self, *_args) -> None:
        count = self.document.pageCount()
        if not count or self.document.status() != QPdfDocument.Status.Ready:
            self.page_label.clear()
            return
        current = self.current_page() + 1
        self.thumbnails.set_current_page(current - 1)
        self.page_label.setText(self.tr("Page %1 / %2").replace("%1", str(current)).replace("%2", str(count)))

    def _update_zoom_label(self, *_args) -> None:
        if self.turned:
            fitted = abs(self.rotated.zoom - 1.0) < 1e-6
        else:
            fitted = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.fit_action.setChecked(fitted)
        if self.document.status() != QPdfDocument.Status.Ready or fitted:
            self.zoom_label.clear()
        else:  # of the real size, turned or not (the same figure before and after turning)
            factor = self.rotated.page_width() / self._real_width() if self.turned else self.view.zoomFactor()
            self.zoom_label.setText(self.tr("%1%").replace("%1", str(round(factor * 100))))

    def _real_width(self) -> float:
        """The first page's width in px at 100 % (as QPdfView sizes pages)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        return max(1.0, self.document.pagePointSize(0).width() * (screen.logicalDotsPerInch() if screen else 96.0) / 72.0)
