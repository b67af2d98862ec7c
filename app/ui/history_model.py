"""The import history as a Qt table model over :class:`app.jobs.journal.JournalRow` s.

Columns: last change (local time) · file · kind · counterpart · number · invoice date · amount ·
state · Pennylane id. The rows are loaded elsewhere (off the GUI thread) and handed over with
:meth:`HistoryModel.set_rows`; the state filter (:data:`FILTERS`) and the search
(:class:`HistorySearch`: supplier or customer, number or amount, and an invoice date range) are
applied here, in memory, by :func:`matches`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.domain.money import AmountError, format_money, parse_amount
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


MAX_SEARCH_CHARS = 200


@dataclass(frozen=True)
class HistorySearch:
    """What the History shows besides the state filter: ``text`` found in the counterpart's name,
    the invoice number or the file name, or equal to the amount (typed in French or English, sign
    ignored: a credit note is found by its amount); invoices dated between ``start`` and ``end``
    (inclusive; a document without an invoice date by the day it was last sent)."""

    text: str = ""
    start: date | None = None
    end: date | None = None

    @property
    def empty(self) -> bool:
        return not self.text.strip() and self.start is None and self.end is None


def _row_day(row: J.JournalRow) -> date | None:
    for value in (row.date, row.finished_at, row.updated_at):
        if value:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def matches(row: J.JournalRow, search: HistorySearch) -> bool:
    """Whether ``row`` is one the search asks for (the one rule the History filters with)."""
    if search.start is not None or search.end is not None:
        day = _row_day(row)
        if day is None or (search.start is not None and day < search.start) or (search.end is not None and day > search.end):
            return False
    text = search.text.strip()[:MAX_SEARCH_CHARS]
    if not text:
        return True
    needle = text.casefold()
    haystack = " ".join(v for v in (counterpart_text(row), row.invoice_number, row.file_name) if v).casefold()
    if needle in haystack:
        return True
    try:
        wanted = abs(parse_amount(text))
    except (AmountError, ValueError, TypeError, ArithmeticError):
        return False
    try:
        return row.amount is not None and abs(Decimal(row.amount)) == wanted
    except (InvalidOperation, ValueError):
        return False


def counterpart_text(row: J.JournalRow) -> str:
    """The counterpart as the History shows it (and finds it): its name, else its Pennylane id."""
    if row.counterpart_name:
        return row.counterpart_name
    return f"#{row.counterpart_id}" if row.counterpart_id is not None else ""


def local_date(iso: str | None, language: str | None = None) -> str:
    """``2024-03-15`` → ``15/03/2024`` (French) or ``2024-03-15`` (English)."""
    from app.domain.text import format_day

    return format_day(iso, language) if iso else ""


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
    DATE, FILE, KIND, COUNTERPART, NUMBER, INVOICE_DATE, AMOUNT, STATE, INVOICE = range(9)
    COLUMN_COUNT = 9

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[J.JournalRow] = []
        self._rows: list[J.JournalRow] = []
        self._filter = "all"
        self._search = HistorySearch()
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = [self.tr("Last change"), self.tr("File"), self.tr("Kind"), self.tr("Counterpart"),
                         self.tr("Number"), self.tr("Invoice date"), self.tr("Amount"), self.tr("State"),
                         self.tr("Pennylane id")]
        self._kinds = {"supplier": self.tr("Purchase"), "customer": self.tr("Sale")}
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

    def set_search(self, search: HistorySearch) -> None:
        if search == self._search:
            return
        self.beginResetModel()
        self._search = search
        self._apply_filter()
        self.endResetModel()

    @property
    def search(self) -> HistorySearch:
        return self._search

    def _apply_filter(self) -> None:
        states = FILTERS[self._filter]
        search = self._search
        self._rows = [r for r in self._all if (states is None or r.state in states) and (search.empty or matches(r, search))]

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
            if column in (self.COUNTERPART, self.NUMBER, self.DATE, self.KIND, self.INVOICE_DATE, self.STATE):
                return self._display(row, column) or None  # whole when the column cuts it
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
        if column == self.KIND:
            return self._kinds.get(row.kind or "", "")
        if column == self.INVOICE_DATE:
            return local_date(row.date)
        if column == self.COUNTERPART:
            return counterpart_text(row)
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
