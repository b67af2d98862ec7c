"""The preview's helpers (issue #19 item 10): page thumbnails, a rotated page, panning by dragging.

Pages are rendered by ``QPdfPageRenderer`` in its multi-threaded mode: PDFium draws on Qt's own
threads and the image comes back by signal, so neither thumbnails nor a rotated page cost the GUI
thread more than placing an image. QPdfView has no rotation: a rotated document is shown one page
at a time in :class:`RotatedPage` (the thumbnails move between pages).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QListView, QListWidget, QListWidgetItem, QScrollArea, QWidget

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
        self.degrees = 0
        self.renderer = QPdfPageRenderer(self)
        self.renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self.renderer.setDocument(document)
        self.renderer.pageRendered.connect(self._rendered)
        self._requests: dict[int, int] = {}  # request id -> page
        self.currentRowChanged.connect(lambda row: row >= 0 and self.page_chosen.emit(row))
        self.hide()

    def reload(self, degrees: int = 0) -> None:
        """Placeholders for every page of the current document, then ask for their images."""
        self.degrees = degrees
        self.blockSignals(True)
        self.clear()
        self._requests.clear()
        count = self.document.pageCount() if self.document.status() == QPdfDocument.Status.Ready else 0
        for page in range(min(count, MAX_THUMBNAILS)):
            item = QListWidgetItem(str(page + 1))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            item.setToolTip(self.tr("Page %1").replace("%1", str(page + 1)))
            self.addItem(item)
            size = scaled_to_width(self.document.pagePointSize(page).toSize(), degrees, THUMB_WIDTH)
            options = QPdfDocumentRenderOptions()
            options.setRotation(rotation_option(degrees))
            self._requests[self.renderer.requestPage(page, size, options)] = page
        self.blockSignals(False)
        self.setVisible(count > 1)

    def _rendered(self, page: int, _size: QSize, image: QImage, _options, request_id: int) -> None:
        if self._requests.pop(request_id, None) != page or page >= self.count():
            return  # a request of a document shown before
        self.item(page).setIcon(QIcon(QPixmap.fromImage(image)))

    def set_current_page(self, page: int) -> None:
        if 0 <= page < self.count() and self.currentRow() != page:
            self.blockSignals(True)
            self.setCurrentRow(page)
            self.blockSignals(False)


class RotatedPage(QScrollArea):
    """``rotatedPage``: one page turned by 90, 180 or 270 degrees, rendered to the view's width
    times ``zoom`` (1.0: fit the width)."""

    def __init__(self, document: QPdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rotatedPage")
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.document = document
        self.image = QLabel(self)
        self.image.setObjectName("rotatedPageImage")
        self.setWidget(self.image)
        self.renderer = QPdfPageRenderer(self)
        self.renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self.renderer.setDocument(document)
        self.renderer.pageRendered.connect(self._rendered)
        self.page = 0
        self.degrees = 0
        self.zoom = 1.0
        self._request: int | None = None
        self.rendered_size = QSize()

    def show_page(self, page: int, degrees: int, zoom: float) -> None:
        self.page, self.degrees, self.zoom = page, degrees, zoom
        if self.document.status() != QPdfDocument.Status.Ready or not 0 <= page < self.document.pageCount():
            return
        width = max(64, round((self.viewport().width() - 24) * zoom))
        size = scaled_to_width(self.document.pagePointSize(page).toSize(), degrees, width)
        options = QPdfDocumentRenderOptions()
        options.setRotation(rotation_option(degrees))
        self._request = self.renderer.requestPage(page, size, options)

    def _rendered(self, page: int, size: QSize, image: QImage, _options, request_id: int) -> None:
        if request_id != self._request or page != self.page:
            return
        self.image.setPixmap(QPixmap.fromImage(image))
        self.image.resize(image.size())
        self.rendered_size = QSize(size)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self.degrees and abs(event.size().width() - event.oldSize().width()) > 8:
            self.show_page(self.page, self.degrees, self.zoom)


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
