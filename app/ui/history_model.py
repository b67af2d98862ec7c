"""The import history as a Qt table model over :class:`app.jobs.journal.JournalRow` s.

Columns: date (last change, local time) · file · counterpart · number · amount · state ·
Pennylane id. The rows are loaded elsewhere (off the GUI thread) and handed over with
:meth:`HistoryModel.set_rows`; the state filter (:data:`FILTERS`) is applied here, in memory.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.domain.money import format_money
from app.jobs import journal as J
from app.ui import colours
from app.ui.queue_model import DocumentStatus

ROW_ROLE = Qt.ItemDataRole.UserRole + 1

# filter key -> journal states (None: every state)
FILTERS: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "imported": (J.VERIFIED,),
    "in_progress": (J.QUEUED, J.UPLOADING, J.UPLOADED, J.IMPORTING, J.IMPORTED, J.CATEGORIZED),
    "failed": (J.FAILED,),
    "duplicate": (J.DUPLICATE,),
}

_STATE_TONES = {J.VERIFIED: "ok", J.FAILED: "error", J.DUPLICATE: "duplicate"}  # app/ui/colours: light or dark


def local_time(iso: str | None, language: str | None = None) -> str:
    """``2024-03-15T13:02:11.000+00:00`` → ``15/03/2024 14:02`` (French) or ``2024-03-15 14:02``,
    in the machine's time zone."""
    if not iso:
        return ""
    from app.domain.text import current_language

    pattern = "%d/%m/%Y %H:%M" if (language or current_language()) == "fr" else "%Y-%m-%d %H:%M"
    try:
        return datetime.fromisoformat(iso).astimezone().strftime(pattern)
    except ValueError:
        return iso[:16].replace("T", " ")


class HistoryModel(QAbstractTableModel):
    DATE, FILE, COUNTERPART, NUMBER, AMOUNT, STATE, INVOICE = range(7)
    COLUMN_COUNT = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[J.JournalRow] = []
        self._rows: list[J.JournalRow] = []
        self._filter = "all"
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = [self.tr("Date"), self.tr("File"), self.tr("Counterpart"), self.tr("Number"),
                         self.tr("Amount"), self.tr("State"), self.tr("Pennylane id")]
        self._states = {
            J.QUEUED: self.tr("Queued"),
            J.UPLOADING: self.tr("Sending the PDF"),
            J.UPLOADED: self.tr("PDF sent"),
            J.IMPORTING: self.tr("Being created"),
            J.IMPORTED: self.tr("Created, not checked"),
            J.CATEGORIZED: self.tr("Categorised, not checked"),
            J.VERIFIED: self.tr("Imported"),
            J.FAILED: self.tr("Failed"),
            J.DUPLICATE: self.tr("Duplicate, not imported"),
        }

    def filter_labels(self) -> list[tuple[str, str]]:
        return [
            ("all", self.tr("All states")),
            ("imported", self.tr("Imported")),
            ("in_progress", self.tr("Unfinished")),
            ("failed", self.tr("Failed")),
            ("duplicate", self.tr("Duplicates")),
        ]

    def state_label(self, state: str) -> str:
        return self._states.get(state, state)

    # --- rows ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[J.JournalRow]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._apply_filter()
        self.endResetModel()

    def set_filter(self, key: str) -> None:
        if key not in FILTERS or key == self._filter:
            return
        self.beginResetModel()
        self._filter = key
        self._apply_filter()
        self.endResetModel()

    @property
    def filter(self) -> str:
        return self._filter

    def _apply_filter(self) -> None:
        states = FILTERS[self._filter]
        self._rows = [r for r in self._all if states is None or r.state in states]

    def row_at(self, position: int) -> J.JournalRow | None:
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def total(self) -> int:
        return len(self._all)

    # --- Qt API ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.FILE:
                return row.file_path or row.file_name
            if column == self.STATE and row.reason is not None:
                return f"{self.state_label(row.state)} — {row.reason}"
            if column == self.INVOICE and row.invoice_id is not None:
                return self.tr("Double-click to open invoice #%1 in Pennylane").replace("%1", str(row.invoice_id))
            if column == self.INVOICE and duplicate_of(row) is not None:
                return self.tr("Duplicate of invoice #%1: double-click to open it in Pennylane").replace("%1", str(duplicate_of(row)))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.STATE and row.state in _STATE_TONES:
                return QColor(colours.tone(_STATE_TONES[row.state]).fg)
            if column == self.INVOICE and linked_id(row) is not None:
                return QColor(colours.link())
            return None
        if role == Qt.ItemDataRole.FontRole and column == self.INVOICE and linked_id(row) is not None:
            font = QFont()
            font.setUnderline(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.AMOUNT, self.INVOICE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    def _display(self, row: J.JournalRow, column: int) -> str:
        if column == self.DATE:
            return local_time(row.finished_at or row.updated_at)
        if column == self.FILE:
            return row.file_name or ""
        if column == self.COUNTERPART:
            if row.counterpart_name:
                return row.counterpart_name
            return f"#{row.counterpart_id}" if row.counterpart_id is not None else ""
        if column == self.NUMBER:
            return row.invoice_number or ""
        if column == self.AMOUNT:
            return _money(row.amount, row.currency)
        if column == self.STATE:
            return self.state_label(row.state)
        if column == self.INVOICE:
            if row.invoice_id is not None:
                return str(row.invoice_id)
            original = duplicate_of(row)
            return "" if original is None else self.tr("= %1").replace("%1", str(original))
        return ""

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def duplicate_of(row: J.JournalRow) -> int | None:
    """The Pennylane invoice a duplicate row duplicates (from its recorded evidence), if known."""
    if row.state != J.DUPLICATE or not row.evidence:
        return None
    try:
        value = (row.evidence_data or {}).get("invoice_id")
        return int(value) if value is not None else None
    except (ValueError, TypeError):
        return None


def linked_id(row: J.JournalRow) -> int | None:
    """The Pennylane invoice a history row points to: its own, or the one it duplicates."""
    return row.invoice_id if row.invoice_id is not None else duplicate_of(row)


def _money(amount: str | None, currency: str | None) -> str:
    if not amount:
        return ""
    try:
        return format_money(Decimal(amount), currency or "EUR")
    except (InvalidOperation, ValueError):
        return amount
