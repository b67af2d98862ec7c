"""The document queue's data: one :class:`DocumentRow` per file, in a Qt table model, and
:class:`QueueFilter`, the sort and status filter between it and the view.

Columns: name · counterpart · invoice date · total incl. VAT · status (icon + text) · pages ·
reason (the full reason is the tooltip). Custom roles give views and delegates the row itself
(:data:`ROW_ROLE`), its status (:data:`STATUS_ROLE`), its import progress (:data:`PROGRESS_ROLE`)
and, for a queue too narrow for the counterpart and date columns, the two lines its name cell
shows instead (:data:`LINES_ROLE`, a :class:`RowLines`; see :meth:`QueueModel.lines`).

The view shows :class:`QueueFilter`'s rows, never the model's: whoever turns a row into a view
index, or a view index into a row, asks :meth:`QueueFilter.index_of` / :meth:`QueueFilter.row_for_index`
(the queue panel's one helper for it).

Rows are :class:`app.jobs.document.DocumentRow` dataclasses (typed state, Qt-free) owned by the
model; whoever changes a row's fields goes through ``QueuePanel.update_rows`` (which calls
:meth:`QueueModel.rows_changed` and emits the one change signal the form and the status bar follow).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from app.domain.money import format_money
from app.domain.text import format_day
from app.jobs.document import DocumentRow, DocumentStatus


# The typed state lives in app/jobs/document.py (Qt-free); the queue is a view of it.
__all__ = ["DocumentRow", "DocumentStatus", "QueueFilter", "QueueModel", "RowLines", "StatusGroup", "needs_checking",
           "status_colour", "status_icon"]


ROW_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3
LINES_ROLE = Qt.ItemDataRole.UserRole + 4  # the name cell's two lines (RowLines), for a narrow queue


@dataclass(frozen=True)
class RowLines:
    """A document in a queue too narrow for its columns (a mail client's compact list): ``first``
    in bold — its supplier or customer, or its file name while nothing names one —; under it, muted,
    ``detail`` — its invoice date, or why it has none yet ("Reading…", OCR progress, an error) — and
    ``amount``, its total incl. VAT, right-aligned as in a column of figures."""

    first: str
    detail: str
    amount: str
    first_is_name: bool  # the file name: shortened keeping its extension and distinguishing end

    @property
    def second(self) -> str:
        """The second line as one text (what a screen reader says, and the tests read)."""
        return " · ".join(t for t in (self.detail, self.amount) if t)


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


def needs_checking(row: DocumentRow) -> bool:
    """The one rule of "Next to check" (F8) and of moving on after an import: a document that needs
    attention or could not be read (or whose import failed)."""
    return row.status in (DocumentStatus.NEEDS_ATTENTION, DocumentStatus.ERROR)


class StatusGroup(Enum):
    """The queue's status filter: every status in exactly one group, so the counts add up to all."""

    TO_CHECK = "to_check"
    READY = "ready"
    IMPORTED = "imported"
    ERRORS = "errors"


_GROUP_OF = {
    DocumentStatus.READING: StatusGroup.TO_CHECK,  # being read: files just added show under "To check"
    DocumentStatus.NEEDS_ATTENTION: StatusGroup.TO_CHECK,
    DocumentStatus.READY: StatusGroup.READY,
    DocumentStatus.IMPORTING: StatusGroup.READY,
    DocumentStatus.IMPORTED: StatusGroup.IMPORTED,
    DocumentStatus.DUPLICATE: StatusGroup.IMPORTED,  # "Already imported"
    DocumentStatus.ERROR: StatusGroup.ERRORS,
}


def status_group(status: DocumentStatus) -> StatusGroup:
    return _GROUP_OF[status]


# Sorting by status puts what needs the person first, what is done last.
_STATUS_RANK = {status: rank for rank, status in enumerate((
    DocumentStatus.NEEDS_ATTENTION, DocumentStatus.ERROR, DocumentStatus.DUPLICATE, DocumentStatus.READING,
    DocumentStatus.READY, DocumentStatus.IMPORTING, DocumentStatus.IMPORTED))}

MAX_NAME_CHARS = 200  # a counterpart's name as shown in the queue (the form has the whole of it)


def counterpart_of(row: DocumentRow) -> str | None:
    """The supplier or customer as prepared (the one chosen or matched), else as the document names it."""
    draft = row.draft
    if draft is None:
        return None
    name = getattr(draft, "counterpart_name", None)
    if not name:
        party = getattr(draft, "counterpart_party", None)
        name = getattr(party, "name", None)
    if not isinstance(name, str) or not name.strip():
        return None
    return " ".join(name.split())[:MAX_NAME_CHARS]


def invoice_date_of(row: DocumentRow) -> Any:
    return getattr(row.draft, "date", None) if row.draft is not None else None


def total_of(row: DocumentRow) -> Any:
    """The declared total incl. VAT (a Decimal), or None."""
    return getattr(row.draft, "amount", None) if row.draft is not None else None


class QueueModel(QAbstractTableModel):
    NAME, COUNTERPART, DATE, TOTAL, STATUS, PAGES, REASON = range(7)
    COLUMN_COUNT = 7
    # Stable names of the columns (what the window remembers about which ones are shown).
    COLUMN_KEYS = ("name", "counterpart", "date", "total", "status", "pages", "reason")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentRow] = []
        self._row_of: dict[int, int] = {}  # id(row) -> position, rebuilt on insert/remove
        self._labels: dict[DocumentStatus, str] = {}
        # What a two-line row shows (QueueView sets it from the columns chosen) and, per row, its lines:
        # painting asks for them on every repaint; a row's entry goes when it changes (rows_changed).
        self.line_facts: frozenset[int] = frozenset({self.COUNTERPART, self.DATE, self.TOTAL})
        self.two_lines = False  # set by QueueFilter.set_two_lines: the name cell's accessible text is then its lines
        self._lines: dict[int, tuple[DocumentRow, frozenset[int], RowLines]] = {}
        self.retranslate()

    # --- labels ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._lines = {}
        self._labels = {
            DocumentStatus.READING: self.tr("Reading…"),
            DocumentStatus.READY: self.tr("Ready to import"),  # not "Ready": the status bar's "Prêt" differs
            DocumentStatus.NEEDS_ATTENTION: self.tr("Needs attention"),
            DocumentStatus.ERROR: self.tr("Error"),
            DocumentStatus.DUPLICATE: self.tr("Already imported"),  # not "Duplicate": the form's "Dupliquer"
            DocumentStatus.IMPORTING: self.tr("Importing"),
            DocumentStatus.IMPORTED: self.tr("Imported"),
        }
        self._headers = [self.tr("Name"), self.tr("Counterpart"), self.tr("Date"), self.tr("Incl. tax"),
                         self.tr("Status"), self.tr("Pages"), self.tr("Reason")]
        self._header_tips = [self.tr("File name (the full path is in each row's tooltip)"),
                             self.tr("The supplier or customer, as chosen in the form or read on the document"),
                             self.tr("Invoice date"), self.tr("Total including VAT"),
                             self.tr("Where the document stands"), self.tr("Number of pages"),
                             self.tr("Why the document is not ready, or what its import said")]
        # The name column of a two-line queue: what it lists, and by what it is sorted.
        self._two_line_titles = {-1: self.tr("Documents"), self.COUNTERPART: self.tr("By counterpart"),
                                 self.DATE: self.tr("By date"), self.TOTAL: self.tr("By total"),
                                 self.NAME: self.tr("By file name"), self.STATUS: self.tr("Documents")}
        self._two_line_tip = self.tr("Each document: its supplier or customer (the file name until one is read), then its "
                                     "invoice date and total incl. VAT. Click to sort by supplier or customer; "
                                     "right-click for the other sorts and the columns. Widen the queue for columns.")

    def status_label(self, row: DocumentRow) -> str:
        label = self._labels[row.status]
        if row.status is DocumentStatus.IMPORTING and row.progress is not None:
            return self.tr("Importing %1 %").replace("%1", str(row.progress))
        return label

    def column_title(self, column: int) -> str:
        return self._headers[column]

    def two_line_title(self, sort_column: int) -> str:
        """The name column's title when rows show two lines, sorted by ``sort_column`` (-1: not sorted)."""
        return self._two_line_titles.get(sort_column, self._two_line_titles[-1])

    @property
    def two_line_tip(self) -> str:
        return self._two_line_tip

    # --- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._header_tips[section]
        return None

    def display(self, row: DocumentRow, column: int) -> str:
        """What a cell shows (the view, the accessible text and the tests read the same)."""
        if column == self.NAME:
            return row.name
        if column == self.COUNTERPART:
            return counterpart_of(row) or ""
        if column == self.DATE:
            day = invoice_date_of(row)
            return format_day(day) if day is not None else ""
        if column == self.TOTAL:
            total = total_of(row)
            return format_money(total, getattr(row.draft, "currency", None) or "EUR") if total is not None else ""
        if column == self.STATUS:
            return self.status_label(row)
        if column == self.PAGES:
            return "" if row.pages is None else str(row.pages)
        return "" if row.reason is None else str(row.reason).split("\n", 1)[0]

    def tooltip(self, row: DocumentRow, column: int) -> str | None:
        if column == self.NAME:  # the whole name, what it is (the columns a narrow queue hides), where it is
            facts = [self.display(row, c) for c in (self.COUNTERPART, self.DATE, self.TOTAL)]
            summary = " · ".join(f for f in facts if f)
            return "\n".join(t for t in (row.name, summary, str(row.path)) if t)
        if column == self.COUNTERPART:
            return counterpart_of(row)
        if column == self.STATUS or column == self.REASON:
            if row.reason is not None:
                return f"{self.status_label(row)} — {row.reason}" if column == self.STATUS else str(row.reason)
            return self.status_label(row) if column == self.STATUS else None
        return None

    def lines(self, row: DocumentRow, facts: frozenset[int] | None = None) -> RowLines:
        """The two lines of ``row`` in a narrow queue, showing ``facts`` (the COUNTERPART, DATE and
        TOTAL columns chosen; default :attr:`line_facts`). The first line is the counterpart — what
        an accountant knows an invoice by; "scan0042.pdf" says nothing — else the file name (a file
        not read yet, or unreadable, has only that). The second: the date and the total; while
        reading, "Reading…" or the OCR's page; with neither, why (the reason's first line)."""
        facts = self.line_facts if facts is None else facts
        cached = self._lines.get(id(row))
        if cached is not None and cached[0] is row and cached[1] == facts:
            return cached[2]
        counterpart = counterpart_of(row) if self.COUNTERPART in facts else None
        reason = "" if row.reason is None else str(row.reason).split("\n", 1)[0]
        if row.status is DocumentStatus.READING:
            detail, amount = reason or self.status_label(row), ""
        else:
            detail = self.display(row, self.DATE) if self.DATE in facts else ""
            amount = self.display(row, self.TOTAL) if self.TOTAL in facts else ""
            if not detail and not amount:
                detail = reason or (row.name if counterpart else self.status_label(row))
        lines = RowLines(counterpart or row.name, detail, amount, first_is_name=not counterpart)
        if len(self._lines) > 100_000:  # a bound; entries go with their rows anyway
            self._lines.clear()
        self._lines[id(row)] = (row, facts, lines)
        return lines

    def set_line_facts(self, facts: frozenset[int]) -> None:
        if facts != self.line_facts:
            self.line_facts = facts
            self._lines.clear()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called very often while painting: keep the common roles first and cheap.
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(row.status) if column == self.STATUS else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.DATE, self.TOTAL, self.PAGES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        if role == STATUS_ROLE:
            return row.status
        if role == PROGRESS_ROLE:
            return row.progress
        if role == LINES_ROLE:
            return self.lines(row) if column == self.NAME else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if self.two_lines and column == self.NAME:
                lines = self.lines(row)
                return f"{lines.first}, {lines.second}" if lines.second else lines.first
            return self.display(row, column)
        return None

    def sort_key(self, row: DocumentRow, column: int) -> tuple:
        """What sorting by ``column`` compares (missing values after the others, in ascending order)."""
        if column == self.NAME:
            value: Any = row.name.casefold()
        elif column == self.COUNTERPART:
            value = (counterpart_of(row) or "").casefold() or None
        elif column == self.DATE:
            value = invoice_date_of(row)
        elif column == self.TOTAL:
            value = total_of(row)
        elif column == self.STATUS:
            value = _STATUS_RANK[row.status]
        elif column == self.PAGES:
            value = row.pages
        else:
            value = str(row.reason).casefold() if row.reason is not None else None
        return (1, 0) if value is None else (0, value)

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
            for row in self._rows[start : end + 1]:
                self._lines.pop(id(row), None)
            del self._rows[start : end + 1]
            self._row_of = {id(row): i for i, row in enumerate(self._rows)}
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self._row_of.clear()
        self._lines.clear()
        self.endResetModel()

    def rows_changed(self, rows: Iterable[DocumentRow]) -> None:
        """Tell the views that these rows' fields changed (one signal per contiguous range)."""
        rows = list(rows)
        for row in rows:
            self._lines.pop(id(row), None)
        positions = sorted({p for p in (self.position(r) for r in rows) if p >= 0})
        for start, end in _ranges(positions):
            self.dataChanged.emit(self.index(start, 0), self.index(end, self.COLUMN_COUNT - 1))


class QueueFilter(QSortFilterProxyModel):
    """The queue as the view shows it: sorted by a column (or in the order added) and filtered by
    :class:`StatusGroup`. The current document is never hidden by the filter (``keep``): fixing
    an invoice under "To check" makes it ready without taking it from under the person's eyes."""

    def __init__(self, model: QueueModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.queue = model
        self.setDynamicSortFilter(True)  # a row whose status changes moves to where it now belongs
        self._group: StatusGroup | None = None
        self._kept: DocumentRow | None = None
        self._status_icon_only = False
        self._two_lines = False

    @property
    def two_lines(self) -> bool:
        return self._two_lines

    def set_two_lines(self, facts: frozenset[int] | None) -> None:
        """Rows show two lines in the name column (``facts``: the columns they carry), or one (None)."""
        two_lines = facts is not None
        if facts is not None:
            self.queue.set_line_facts(facts)
        if two_lines != self._two_lines:
            self._two_lines = self.queue.two_lines = two_lines
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, QueueModel.NAME, QueueModel.NAME)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        super().sort(column, order)
        if self._two_lines:  # the name column's title says by what the rows are sorted
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, QueueModel.NAME, QueueModel.NAME)

    def set_status_icon_only(self, icon_only: bool) -> None:
        """A narrow queue shows the status as its icon: its header then has no title (a cut "Statu")."""
        if icon_only != self._status_icon_only:
            self._status_icon_only = icon_only
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, QueueModel.STATUS, QueueModel.STATUS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802 (Qt API)
        if orientation == Qt.Orientation.Horizontal:
            if self._status_icon_only and section == QueueModel.STATUS and role == Qt.ItemDataRole.DisplayRole:
                return ""
            if self._two_lines and section == QueueModel.NAME:
                if role == Qt.ItemDataRole.DisplayRole:
                    return self.queue.two_line_title(self.sortColumn())
                if role == Qt.ItemDataRole.ToolTipRole:
                    return self.queue.two_line_tip
        return super().headerData(section, orientation, role)

    # --- the one mapping between the queue's rows and the view's indexes ------------------------
    def index_of(self, row: DocumentRow | None, column: int = 0) -> QModelIndex:
        """The view's index of ``row`` (invalid when it is not in the queue or hidden by the filter)."""
        if row is None:
            return QModelIndex()
        source = self.queue.index_of(row, column)
        return self.mapFromSource(source) if source.isValid() else QModelIndex()

    def row_for_index(self, index: QModelIndex | QPersistentModelIndex) -> DocumentRow | None:
        """The row behind one of the view's indexes."""
        return self.queue.row_for_index(self.mapToSource(index)) if index.isValid() else None

    def visible_rows(self) -> list[DocumentRow]:
        """The rows as the view lists them (sorted, filtered)."""
        rows = (self.row_for_index(self.index(i, 0)) for i in range(self.rowCount()))
        return [r for r in rows if r is not None]

    # --- filter ------------------------------------------------------------------------------
    @property
    def group(self) -> StatusGroup | None:
        return self._group

    def set_group(self, group: StatusGroup | None) -> None:
        """Show only the rows of ``group`` (None: all)."""
        if group is not self._group:
            self.beginFilterChange()
            self._group = group
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def keep(self, row: DocumentRow | None) -> None:
        """Keep ``row`` (the current document) visible whatever its status; the previous one kept
        goes if it no longer belongs to the filter."""
        previous = self._kept
        leaves = (previous is not row and previous is not None and self._group is not None and previous in self.queue
                  and status_group(previous.status) is not self._group)
        if leaves:
            self.beginFilterChange()
        self._kept = row
        if leaves:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, row: DocumentRow) -> bool:
        return self._group is None or row is self._kept or status_group(row.status) is self._group

    def hidden_count(self) -> int:
        return self.queue.rowCount() - self.rowCount()

    def counts(self) -> dict[StatusGroup | None, int]:
        """How many rows each group holds (None: all)."""
        counts: dict[StatusGroup | None, int] = {None: self.queue.rowCount(), **{g: 0 for g in StatusGroup}}
        for row in self.queue.rows():
            counts[_GROUP_OF[row.status]] += 1
        return counts

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 (Qt API)
        if self._group is None:
            return True
        row = self.queue.row_at(source_row)
        return row is not None and self.accepts(row)

    # --- sort --------------------------------------------------------------------------------
    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 (Qt API)
        a, b = self.queue.row_at(left.row()), self.queue.row_at(right.row())
        if a is None or b is None:
            return False
        column = left.column()
        key_a, key_b = self.queue.sort_key(a, column), self.queue.sort_key(b, column)
        descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
        if key_a[0] != key_b[0] and descending:
            return key_a[0] > key_b[0]  # a missing value stays last in both orders
        if key_a == key_b:
            return (left.row() < right.row()) != descending  # ties: in the order added, whatever sorted before
        return key_a < key_b


def _ranges(positions: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 7, 8] -> [(1, 3), (7, 8)] (positions sorted)."""
    ranges: list[tuple[int, int]] = []
    for p in positions:
        if ranges and p == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], p)
        else:
            ranges.append((p, p))
    return ranges
