"""Drops of files and folders anywhere on the main window, with a highlighted overlay meanwhile.

:class:`FileDrops` filters the drag events of every widget of its window (an application event
filter: a line edit of the form would otherwise take a dropped file's path as text). File drags
are accepted as a *copy* (never a move: on some platforms a "move" from the file manager deletes
the user's file); anything else is ignored and left to the widget under the cursor.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.DragLeave, QEvent.Type.Drop)


def local_paths(mime: QMimeData | None) -> list[Path]:
    """The local files/folders a drag carries (empty for text, web links, ...)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class DropOverlay(QWidget):
    """A translucent cover of the window with "Drop to add N files" (mouse-transparent)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dropOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.text = ""
        self.hide()

    def show_for(self, paths: list[Path]) -> None:
        self.text = self.describe(paths)
        self.setAccessibleName(self.text)
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.update()

    def describe(self, paths: list[Path]) -> str:
        count = len(paths)
        if all(p.suffix.lower() == ".pdf" for p in paths):  # no disk access while dragging
            return self.tr("Drop to add 1 file") if count == 1 else self.tr("Drop to add %1 files").replace("%1", str(count))
        if count == 1:
            return self.tr("Drop to add this folder or file")
        return self.tr("Drop to add %1 files or folders").replace("%1", str(count))

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = QColor("#1a73e8")
        painter.fillRect(self.rect(), QColor(26, 115, 232, 46))
        pen = QPen(accent, 3, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(6, 6, -6, -6), 12, 12)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width = min(self.width() - 40, metrics.horizontalAdvance(self.text) + 48)
        box = QRectF((self.width() - width) / 2, (self.height() - metrics.height() * 2.4) / 2, width, metrics.height() * 2.4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()


class FileDrops(QObject):
    """Accept file drops anywhere on ``window``; emits ``dropped(list[Path])``."""

    dropped = Signal(list)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.overlay = DropOverlay(window)
        window.setAcceptDrops(True)  # so that drags over widgets that refuse drops reach us
        # The filter sees every event of the application (so that a form field cannot take a
        # dropped file's path as text). It is installed once the window has painted its first
        # frame: no drag can reach a window before it is on screen, and the flood of start-up
        # events (polish, layout, first paint) then does not go through Python (measured: ~35 ms
        # of start-up, a third of the app's own share).
        self._installed = False
        window.installEventFilter(self)  # only the window's events, until the first paint

    def _install(self) -> None:
        if not self._installed:
            self._installed = True
            self.window.removeEventFilter(self)
            QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if not self._installed and kind == QEvent.Type.Paint and obj is self.window:
            QTimer.singleShot(0, self._install)
        if kind not in _DRAG_EVENTS:
            if kind == QEvent.Type.Resize and obj is self.window and self.overlay.isVisible():
                self.overlay.setGeometry(self.window.rect())
            return False
        if not isinstance(obj, QWidget) or obj.window() is not self.window:
            return False
        if kind == QEvent.Type.DragLeave:
            # Leaving a child for another child also sends DragLeave: hide only when the
            # cursor really left the window (the next DragEnter shows the overlay again).
            self.overlay.hide()
            return False
        paths = local_paths(event.mimeData())
        if not paths:
            self.overlay.hide()
            event.ignore()
            return obj is self.window  # refused by the window; children may take text drops
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if kind == QEvent.Type.DragEnter:
            self.overlay.show_for(paths)
        elif kind == QEvent.Type.Drop:
            self.overlay.hide()
            self.dropped.emit(paths)
        return True
