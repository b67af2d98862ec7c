"""Where a value was read, shown on the preview: a box drawn over the page in the ``QPdfView``.

``QPdfView`` has no overlay API, so :class:`BoxHighlight` is a transparent child of its viewport
that draws one rectangle. The page geometry follows QPdfView's own layout (pages stacked with the
document margins and the page spacing, each centred in the viewport; a page's size is its point size
× the primary screen's logical DPI / 72 × the zoom, or fitted to the viewport's width), so the box
lands on the words it names at any zoom and scroll position.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QWidget

PADDING = 3.0  # points around the value's box


def page_rects(view: QPdfView, document: QPdfDocument) -> list[QRect]:
    """Each page's rectangle in the view's document coordinates (before scrolling), as QPdfView
    lays them out in MultiPage mode."""
    screen = QGuiApplication.primaryScreen()
    resolution = (screen.logicalDotsPerInch() if screen else 96.0) / 72.0
    margins = view.documentMargins()
    viewport_width = view.viewport().width()
    sizes: list[QSize] = []
    for page in range(document.pageCount()):
        points = document.pagePointSize(page)
        if view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            size = QSizeF(points * resolution).toSize()
            usable = viewport_width - margins.left() - margins.right()
            factor = usable / size.width() if size.width() else 1.0
            size = QSize(round(size.width() * factor), round(size.height() * factor))
        else:
            size = QSizeF(points * resolution * view.zoomFactor()).toSize()
        sizes.append(size)
    total_width = max((s.width() for s in sizes), default=0) + margins.left() + margins.right()
    rects: list[QRect] = []
    y = margins.top()
    for size in sizes:
        x = (max(total_width, viewport_width) - size.width()) // 2
        rects.append(QRect(x, y, size.width(), size.height()))
        y += size.height() + view.pageSpacing()
    return rects


class BoxHighlight(QWidget):
    """``valueHighlight``: one box over a page of ``view``, in page points (origin top-left)."""

    def __init__(self, view: QPdfView, document: QPdfDocument) -> None:
        super().__init__(view.viewport())
        self.setObjectName("valueHighlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.view = view
        self.document = document
        self.box = None  # app.pdf.words.Box | None
        view.verticalScrollBar().valueChanged.connect(self._place)
        view.horizontalScrollBar().valueChanged.connect(self._place)
        view.zoomFactorChanged.connect(self._place)
        self.hide()

    def show_box(self, box, *, scroll: bool = True) -> bool:  # type: ignore[no-untyped-def]
        """Draw ``box`` (None: hide); scroll it into view. False when it cannot be shown."""
        self.box = box
        if box is None or self.document.status() != QPdfDocument.Status.Ready or not 0 <= box.page < self.document.pageCount():
            self.box = None
            self.hide()
            return False
        if scroll:
            target = self.target_rect(scrolled=False)
            if target is not None:
                bar = self.view.verticalScrollBar()
                visible = QRect(self.view.horizontalScrollBar().value(), bar.value(),
                                self.view.viewport().width(), self.view.viewport().height())
                if not visible.contains(target.toRect()):
                    bar.setValue(int(target.center().y() - self.view.viewport().height() / 3))
                    hbar = self.view.horizontalScrollBar()
                    if not (hbar.value() <= target.left() and target.right() <= hbar.value() + visible.width()):
                        hbar.setValue(int(target.center().x() - visible.width() / 2))
        self._place()
        return True

    def target_rect(self, *, scrolled: bool = True) -> QRectF | None:
        """The box in viewport pixels (``scrolled``) or in document pixels."""
        if self.box is None:
            return None
        rects = page_rects(self.view, self.document)
        if not 0 <= self.box.page < len(rects):
            return None
        page = rects[self.box.page]
        points = self.document.pagePointSize(self.box.page)
        if points.width() <= 0 or points.height() <= 0:
            return None
        sx, sy = page.width() / points.width(), page.height() / points.height()
        rect = QRectF(QPointF(page.x() + (self.box.x0 - PADDING) * sx, page.y() + (self.box.top - PADDING) * sy),
                      QPointF(page.x() + (self.box.x1 + PADDING) * sx, page.y() + (self.box.bottom + PADDING) * sy))
        if scrolled:
            rect.translate(-self.view.horizontalScrollBar().value(), -self.view.verticalScrollBar().value())
        return rect

    def _place(self, *_args) -> None:  # type: ignore[no-untyped-def]
        rect = self.target_rect()
        if rect is None:
            self.hide()
            return
        self.setGeometry(rect.toAlignedRect().adjusted(-2, -2, 2, 2))
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(self.palette().highlight().color())
        pen = QPen(colour, 2)
        painter.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(50)
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 3, 3)
