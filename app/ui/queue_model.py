"""The document queue's data: one :class:`DocumentRow` per file, in a Qt table model.

Columns: name · pages · status (icon + text) · reason (the full reason is the tooltip).
Custom roles give views and delegates the row itself (:data:`ROW_ROLE`), its status
(:data:`STATUS_ROLE`) and its import progress (:data:`PROGRESS_ROLE`).

Rows are :class:`app.jobs.document.DocumentRow` dataclasses (typed state, Qt-free) owned by the
model; whoever changes a row's fields goes through ``QueuePanel.update_rows`` (which calls
:meth:`QueueModel.rows_changed` and emits the one change signal the form and the status bar follow).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from app.jobs.document import DocumentRow, DocumentStatus


# The typed state lives in app/jobs/document.py (Qt-free); the queue is a view of it.
__all__ = ["DocumentRow", "DocumentStatus", "QueueModel", "status_colour", "status_icon"]


ROW_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3

_STATUS_COLOURS = {
    DocumentStatus.READING: ("#8a94a6", "…"),
    DocumentStatus.READY: ("#1e8e3e", "✓"),
    DocumentStatus.NEEDS_ATTENTION: ("#e37400", "!"),
    DocumentStatus.ERROR: ("#d93025", "×"),
    DocumentStatus.DUPLICATE: ("#7b61ff", "="),
    DocumentStatus.IMPORTING: ("#1a73e8", "↑"),
    DocumentStatus.IMPORTED: ("#174ea6", "P"),  # in Pennylane: not the green ✓ of "ready" (issue #19)
}


def status_colour(status: DocumentStatus) -> str:
    """The colour of a status (its icon's disc), for other views of the same states."""
    return _STATUS_COLOURS[status][0]


@cache
def status_icon(status: DocumentStatus) -> QIcon:
    """A coloured disc with a glyph (colour is never the only signal: the text says it too)."""
    colour, glyph = _STATUS_COLOURS[status]
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
        painter.setPen(QPen(QColor("white")))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.72))
        painter.setFont(font)
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class QueueModel(QAbstractTableModel):
    NAME, PAGES, STATUS, REASON = range(4)
    COLUMN_COUNT = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentRow] = []
        self._row_of: dict[int, int] = {}  # id(row) -> position, rebuilt on insert/remove
        self._labels: dict[DocumentStatus, str] = {}
        self.retranslate()

    # --- labels ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._labels = {
            DocumentStatus.READING: self.tr("Reading…"),
            DocumentStatus.READY: self.tr("Ready to import"),  # not "Ready": the status bar's "Prêt" differs
            DocumentStatus.NEEDS_ATTENTION: self.tr("Needs attention"),
            DocumentStatus.ERROR: self.tr("Error"),
            DocumentStatus.DUPLICATE: self.tr("Already imported"),  # not "Duplicate": the form's "Dupliquer"
            DocumentStatus.IMPORTING: self.tr("Importing"),
            DocumentStatus.IMPORTED: self.tr("Imported"),
        }
        self._headers = [self.tr("Name"), self.tr("Pages"), self.tr("Status"), self.tr("Reason")]

    def status_label(self, row: DocumentRow) -> str:
        label = self._labels[row.status]
        if row.status is DocumentStatus.IMPORTING and row.progress is not None:
            return self.tr("Importing %1 %").replace("%1", str(row.progress))
        return label

    # --- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called very often while painting: keep the common roles first and cheap.
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.name
            if column == 1:
                return "" if row.pages is None else str(row.pages)
            if column == 2:
                return self.status_label(row)
            return "" if row.reason is None else str(row.reason).split("\n", 1)[0]
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(row.status) if column == 2 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return str(row.path)
            if row.reason is not None:
                return f"{self.status_label(row)} — {row.reason}" if column == 2 else str(row.reason)
            return self.status_label(row) if column == 2 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        if role == STATUS_ROLE:
            return row.status
        if role == PROGRESS_ROLE:
            return row.progress
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # --- rows ------------------------------------------------------------------------------
    def rows(self) -> list[DocumentRow]:
        return list(self._rows)

    def row_at(self, position: int) -> DocumentRow | None:
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def row_for_index(self, index: QModelIndex | QPersistentModelIndex) -> DocumentRow | None:
        return self.row_at(index.row()) if index.isValid() else None

    def position(self, row: DocumentRow) -> int:
        """The row's position, or -1 when it is not (or no longer) in the model."""
        return self._row_of.get(id(row), -1)

    def __contains__(self, row: object) -> bool:
        position = self._row_of.get(id(row), -1)
        return 0 <= position < len(self._rows) and self._rows[position] is row

    def index_of(self, row: DocumentRow, column: int = 0) -> QModelIndex:
        position = self.position(row)
        return self.index(position, column) if position >= 0 else QModelIndex()

    def find_sha256(self, sha256: str, *, exclude: DocumentRow | None = None) -> DocumentRow | None:
        if not sha256:
            return None
        for row in self._rows:
            if row.sha256 == sha256 and row is not exclude:
                return row
        return None

    def add_rows(self, rows: Sequence[DocumentRow]) -> None:
        """Append rows in one insertion (one layout pass however many rows)."""
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        for offset, row in enumerate(rows):
            self._row_of[id(row)] = first + offset
        self.endInsertRows()

    def remove_rows(self, rows: Iterable[DocumentRow]) -> None:
        """Remove rows (one removal per contiguous block, last block first)."""
        positions = sorted({p for p in (self.position(r) for r in rows) if p >= 0})
        for start, end in reversed(_ranges(positions)):
            self.beginRemoveRows(QModelIndex(), start, end)
            del self._rows[start : end + 1]
            self._row_of = {id(row): i for i, row in enumerate(self._rows)}
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._row_of.clear()
        self.endResetModel()

    def rows_changed(self, rows: Iterable[DocumentRow]) -> None:
        """Tell the views that these rows' fields changed (one signal per contiguous range)."""
        positions = sorted({p for p in (self.position(r) for r in rows) if p >= 0})
        for start, end in _ranges(positions):
            self.dataChanged.emit(self.index(start, 0), self.index(end, self.COLUMN_COUNT - 1))


def _ranges(positions: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 7, 8] -> [(1, 3), (7, 8)] (positions sorted)."""
    ranges: list[tuple[int, int]] = []
    for p in positions:
        if ranges and p == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], p)
        else:
            ranges.append((p, p))
    return ranges
