"""The preview's helpers (issue #19 item 10): page thumbnails, a rotated page, panning by dragging.

Pages are rendered by ``QPdfPageRenderer`` in its multi-threaded mode: PDFium draws on Qt's own
threads and the image comes back by signal, so neither thumbnails nor a rotated page cost the GUI
thread more than placing an image. QPdfView has no rotation: a document with a turned page is shown
in :class:`RotatedPages`, every page in one scroll as QPdfView shows them, each with its own angle.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPalette, QPixmap
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.ui import colours

THUMB_WIDTH = 72  # px: enough to tell a page of lines from a page of terms
MAX_THUMBNAILS = 200  # a 2,000-page PDF gets its first 200 thumbnails; the page indicator says the rest
ROTATIONS = (0, 90, 180, 270)


def rotation_option(degrees: int) -> QPdfDocumentRenderOptions.Rotation:
    return {
        0: QPdfDocumentRenderOptions.Rotation.None_,
        90: QPdfDocumentRenderOptions.Rotation.Clockwise90,
        180: QPdfDocumentRenderOptions.Rotation.Clockwise180,
        270: QPdfDocumentRenderOptions.Rotation.Clockwise270,
    }[degrees % 360]


def rotated_size(page: QSize, degrees: int) -> QSize:
    return page.transposed() if degrees % 180 else QSize(page)


def scaled_to_width(page_points: QSize, degrees: int, width: int) -> QSize:
    """The pixel size of a page (its size in points) turned by ``degrees``, ``width`` px wide."""
    turned = rotated_size(page_points, degrees)
    if turned.width() <= 0 or turned.height() <= 0 or width <= 0:
        return QSize(1, 1)
    return QSize(width, max(1, round(turned.height() * width / turned.width())))


class PageThumbnails(QListWidget):
    """``pageThumbnails``: one small image per page; choosing one emits ``page_chosen(index)``."""

    page_chosen = Signal(int)

    def __init__(self, document: QPdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageThumbnails")
        self.setAccessibleName(self.tr("Pages"))
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 1.42)))
        self.setSpacing(4)
        self.setUniformItemSizes(True)
        self.setFixedWidth(THUMB_WIDTH + 34)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document = document
        self.rotations: dict[int, int] = {}
        self.pages = 0
        self.renderer = QPdfPageRenderer(self)
        self.renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self.renderer.setDocument(document)
        self.renderer.pageRendered.connect(self._rendered)
        self._requests: dict[int, int] = {}  # request id -> page
        self.currentRowChanged.connect(lambda row: row >= 0 and self.page_chosen.emit(row))
        self.hide()

    def reload(self, rotations: dict[int, int] | None = None) -> None:
        """Placeholders for every page of the current document, then ask for their images (each page
        turned as ``rotations`` says: page → degrees)."""
        self.rotations = dict(rotations or {})
        self.blockSignals(True)
        self.clear()
        self._requests.clear()
        count = self.document.pageCount() if self.document.status() == QPdfDocument.Status.Ready else 0
        for page in range(min(count, MAX_THUMBNAILS)):
            item = QListWidgetItem(str(page + 1))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            item.setToolTip(self.tr("Page %1").replace("%1", str(page + 1)))
            self.addItem(item)
            degrees = self.rotations.get(page, 0)
            size = scaled_to_width(self.document.pagePointSize(page).toSize(), degrees, THUMB_WIDTH)
            blank = QPixmap(size)  # a blank sheet until the image comes: the item has its size from the start
            blank.fill(Qt.GlobalColor.white)  # (with uniform item sizes, an icon-less first item made every one 14 px)
            item.setIcon(QIcon(blank))
            options = QPdfDocumentRenderOptions()
            options.setRotation(rotation_option(degrees))
            self._requests[self.renderer.requestPage(page, size, options)] = page
        self.blockSignals(False)
        self.pages = count
        self.fit_to(self.parentWidget().width() if self.parentWidget() is not None else 0)

    # below this width the preview gives the thumbnails' column to the page (1024 px screens)
    MIN_PANEL_WIDTH = 420

    def fit_to(self, panel_width: int) -> None:
        """Shown for a document of several pages, when the preview is wide enough to spare the column."""
        self.setVisible(self.pages > 1 and panel_width >= self.MIN_PANEL_WIDTH)

    def _rendered(self, page: int, _size: QSize, image: QImage, _options, request_id: int) -> None:
        if self._requests.pop(request_id, None) != page or page >= self.count():
            return  # a request of a document shown before
        self.item(page).setIcon(QIcon(QPixmap.fromImage(image)))

    def set_current_page(self, page: int) -> None:
        if 0 <= page < self.count() and self.currentRow() != page:
            self.blockSignals(True)
            self.setCurrentRow(page)
            self.blockSignals(False)


class RotatedPages(QScrollArea):
    """``rotatedPages``: the document as QPdfView shows it — every page in one scroll — with pages
    turned by 90, 180 or 270 degrees (``rotations``: page → degrees; a page not in it is upright).
    QPdfView cannot turn pages, so a document with a turned page is shown here.

    Every page is ``zoom`` × the view's width wide (1.0: fit the width). Only the pages in sight,
    and :data:`KEEP` either side, hold an image: the others are placeholders of the right size, so
    a long document neither costs memory nor renders pages nobody looks at."""

    KEEP = 2
    MARGIN = 12  # as the QPdfView's document margins and page spacing
    MAX_PAGES = 500  # a longer document shows its first 500 pages turned (the page indicator says the rest)

    def __init__(self, document: QPdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rotatedPages")
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.document = document
        self.body = QWidget(self)
        self.body.setObjectName("rotatedPagesBody")
        backdrop = QPalette(self.palette())  # the grey around the pages, as behind QPdfView's
        backdrop.setColor(QPalette.ColorRole.Window, QColor(colours.backdrop()))
        for widget in (self.viewport(), self.body):
            widget.setPalette(backdrop)
            widget.setAutoFillBackground(True)
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(self.MARGIN, self.MARGIN, self.MARGIN, self.MARGIN)
        self.column.setSpacing(self.MARGIN)
        self.setWidget(self.body)
        self.pages: list[QLabel] = []
        self.rotations: dict[int, int] = {}
        self.zoom = 1.0
        self.renderer = QPdfPageRenderer(self)
        self.renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self.renderer.setDocument(document)
        self.renderer.pageRendered.connect(self._rendered)
        self._requests: dict[int, tuple[int, QSize, int]] = {}  # request id -> page, size, degrees
        self._shown: dict[int, tuple[QSize, int]] = {}  # page -> size and degrees of the image it holds
        self._pending: tuple[int, float] | None = None  # a place to scroll to once laid out
        self.verticalScrollBar().valueChanged.connect(self._render_visible)
        self.verticalScrollBar().rangeChanged.connect(self._take_place)

    def degrees(self, page: int) -> int:
        return self.rotations.get(page, 0) % 360

    def page_count(self) -> int:
        ready = self.document.status() == QPdfDocument.Status.Ready
        return min(self.document.pageCount(), self.MAX_PAGES) if ready else 0

    def show_pages(self, rotations: dict[int, int], zoom: float) -> None:
        """Lay the pages out with these rotations and zoom (their images come by signal)."""
        self.rotations = {page: degrees % 360 for page, degrees in rotations.items() if degrees % 360}
        self.zoom = zoom
        count = self.page_count()
        while len(self.pages) > count:
            label = self.pages.pop()
            self.column.removeWidget(label)
            label.deleteLater()
        while len(self.pages) < count:
            label = QLabel(self.body)
            label.setObjectName("rotatedPagesPage")
            label.setStyleSheet("QLabel#rotatedPagesPage { background: white; }")  # a sheet of paper, as QPdfView draws it
            self.column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            label.setAccessibleName(self.tr("Page %1").replace("%1", str(len(self.pages) + 1)))
            label.show()  # now, not when the layout's queued show comes
            self.pages.append(label)
        self._layout_pages()

    def fitted_width(self) -> int:
        """A page's width in px at zoom 1.0 (the view's width, less margins and a scroll bar)."""
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        # not the viewport's width: a scroll area not shown yet has not been sized, nor its viewport
        # (a QStackedWidget gives its page its geometry when it shows it); its parent has
        parent = self.parentWidget()
        width = self.width() if self.isVisible() or parent is None else parent.width()
        return max(64, width - 2 * self.frameWidth() - 2 * self.MARGIN - scrollbar)

    def page_width(self) -> int:
        """Every page's width in px at the current zoom."""
        return max(64, round(self.fitted_width() * self.zoom))

    def _layout_pages(self) -> None:
        width = self.page_width()
        for page, label in enumerate(self.pages):
            size = scaled_to_width(self.document.pagePointSize(page).toSize(), self.degrees(page), width)
            if label.size() != size or self._shown.get(page, (None, None))[1] != self.degrees(page):
                label.setFixedSize(size)
                label.clear()
                self._shown.pop(page, None)
        self.column.activate()
        self.body.adjustSize()
        self._render_visible()

    def _render_visible(self, *_args) -> None:
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        seen = [page for page, label in enumerate(self.pages) if label.y() + label.height() >= top and label.y() <= bottom]
        if not seen:
            return
        first, last = max(0, seen[0] - self.KEEP), min(len(self.pages) - 1, seen[-1] + self.KEEP)
        for page, label in enumerate(self.pages):
            if first <= page <= last:
                wanted = (label.size(), self.degrees(page))
                pending = any(p == page and (size, degrees) == wanted for p, size, degrees in self._requests.values())
                if self._shown.get(page) != wanted and not pending:
                    options = QPdfDocumentRenderOptions()
                    options.setRotation(rotation_option(self.degrees(page)))
                    self._requests[self.renderer.requestPage(page, label.size(), options)] = (page, label.size(), self.degrees(page))
            elif page in self._shown:  # out of sight: give its image back
                label.clear()
                del self._shown[page]

    def _rendered(self, page: int, size: QSize, image: QImage, _options, request_id: int) -> None:
        request = self._requests.pop(request_id, None)
        if request is None or page >= len(self.pages):
            return  # a request of a document or layout shown before
        label = self.pages[page]
        if label.size() != request[1] or self.degrees(page) != request[2]:
            return
        label.setPixmap(QPixmap.fromImage(image))
        self._shown[page] = (QSize(size), request[2])

    def rendered(self, page: int) -> QSize | None:
        """The size of the image page ``page`` shows (None while it is a placeholder)."""
        shown = self._shown.get(page)
        return QSize(shown[0]) if shown is not None else None

    def current_page(self) -> int:
        """The page at the top of the view (the one the page indicator names)."""
        if self._pending is not None:
            return self._pending[0]
        top = self.verticalScrollBar().value() + self.MARGIN
        for page, label in enumerate(self.pages):
            if label.y() + label.height() + self.MARGIN // 2 > top:
                return page
        return max(0, len(self.pages) - 1)

    def scroll_to(self, page: int, offset: float = 0.0) -> None:
        """Show page ``page`` at the top, ``offset`` (0..1) of its height scrolled past. Until the
        scroll area is laid out (just shown) the place is kept and taken as soon as it can be."""
        if 0 <= page < len(self.pages):
            self._pending = (page, offset)
            self._take_place()

    def _take_place(self, *_args) -> None:
        if self._pending is None:
            return
        page, offset = self._pending
        if page >= len(self.pages):
            self._pending = None
            return
        label = self.pages[page]
        target = label.y() - self.MARGIN + round(label.height() * offset)
        bar = self.verticalScrollBar()
        reachable = target <= bar.maximum() and (page == 0 or label.y() > 0)
        if reachable:
            self._pending = None
        bar.setValue(target)
        self._render_visible()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self.pages and abs(event.size().width() - event.oldSize().width()) > 8:
            page = self.current_page()
            self._layout_pages()
            self.scroll_to(page)


class DragToPan(QObject):
    """Left-button drags on a scroll area's viewport move the page, as in a PDF reader."""

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self.area = area
        self._last: QPoint | None = None
        area.viewport().installEventFilter(self)
        area.viewport().setCursor(Qt.CursorShape.OpenHandCursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._last = event.position().toPoint()
            self.area.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return True
        if kind == QEvent.Type.MouseMove and self._last is not None:
            position = event.position().toPoint()
            delta = position - self._last
            self._last = position
            horizontal, vertical = self.area.horizontalScrollBar(), self.area.verticalScrollBar()
            horizontal.setValue(horizontal.value() - delta.x())
            vertical.setValue(vertical.value() - delta.y())
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._last is not None:
            self._last = None
            self.area.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return True
        return False
