"""The invoice lines: a table model over ``draft.lines``, its delegates and the view.

Columns: label, quantity, unit price, unit, VAT code, ledger account, HT, VAT, TTC. Quantity, unit
price and unit exist on customer lines only (Pennylane's supplier lines have none): the view hides
them on a purchase. Editing a driving cell recomputes the others (:func:`app.domain.invoice.compute_line`)
**as you type**: amount editors push every readable keystroke to the model.

What drives what:
- quantity / unit price / VAT code → HT (customer), VAT, TTC;
- HT → unit price (customer: HT ÷ quantity), VAT, TTC;
- VAT → TTC = HT + VAT (the document's own rounding wins);
- TTC → HT and VAT from the rate (handy for a receipt that only shows the total).
An unreadable entry stays in its cell, in red with the reason, and counts as an error.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from app.domain.money import AmountError, format_amount, format_percent, parse_amount, round_money
from app.domain.text import Text, current_language
from app.ui import colours
from app.ui.form.widgets import provenance_name, standard_icon, widen_popup

LIVE_ROLE = Qt.ItemDataRole.UserRole + 10  # a keystroke: apply if readable, never record an error
FIELD_ROLE = Qt.ItemDataRole.UserRole + 11

COLUMNS = ("label", "quantity", "unit_price", "unit", "vat_rate", "ledger_account_id", "amount_before_tax", "tax", "amount",
           "imputation_start", "imputation_end")
CUSTOMER_ONLY = ("quantity", "unit_price", "unit")
#: A line's accounting period (Pennylane's ``imputation_dates``): shown when the form asks for it
#: (``LinesView.fit_columns(periods=True)``: editing an imported invoice, or a line already has one).
PERIOD = ("imputation_start", "imputation_end")
NUMERIC = ("quantity", "unit_price", "amount_before_tax", "tax", "amount")
COL = {name: i for i, name in enumerate(COLUMNS)}


def format_number(value: Decimal | None, min_places: int = 0, max_places: int = 6) -> str:
    """Quantities and unit prices: no useless zeros, French comma in French."""
    if value is None:
        return ""
    text = format(round_money(value, max_places).normalize(), "f")
    integer, _, fraction = text.partition(".")
    fraction = fraction.ljust(min_places, "0")
    if min_places >= 2 and len(fraction) <= 2:
        return format_amount(value)
    sep = "," if current_language() == "fr" else "."
    return integer + (sep + fraction if fraction else "")


def short_vat(code: str | None) -> str:
    """"20 %" (French) / "20%" (English) for a plain French code (what people read on invoices), the code itself otherwise."""
    from app.domain.vat import VAT_CODES

    vat = VAT_CODES.get(code or "")
    if vat is None:
        return code or ""
    if vat.is_plain and vat.country == "FR" and vat.rate is not None:
        return format_percent(vat.rate)
    return vat.code


class LinesModel(QAbstractTableModel):
    """``draft.lines`` as a table. ``lines_changed`` after every change of the lines' values."""

    lines_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.draft: Any = None
        self.accounts: dict[int, Any] = {}  # id -> LedgerAccount
        self.invalid: dict[tuple[int, str], tuple[str, Text]] = {}  # (row, field) -> (text typed, why)
        self._headers = {
            "label": self.tr("Label"),
            "quantity": self.tr("Qty"),
            "unit_price": self.tr("Unit price"),
            "unit": self.tr("Unit"),
            "vat_rate": self.tr("Rate"),
            "ledger_account_id": self.tr("Account"),
            "amount_before_tax": self.tr("Excl. tax"),
            "tax": self.tr("VAT"),
            "amount": self.tr("Incl. tax"),
            "imputation_start": self.tr("From", "accounting period"),
            "imputation_end": self.tr("To", "accounting period"),
        }
        self._tips = {
            "quantity": self.tr("Quantity"),
            "unit_price": self.tr("Unit price excluding tax"),
            "vat_rate": self.tr("Pennylane VAT code"),
            "ledger_account_id": self.tr("Ledger account"),
            "amount_before_tax": self.tr("Amount excluding tax"),
            "tax": self.tr("VAT amount"),
            "amount": self.tr("Amount including tax"),
            "imputation_start": self.tr("Accounting period (imputation dates): first day — dd/mm/yyyy"),
            "imputation_end": self.tr("Accounting period (imputation dates): last day — dd/mm/yyyy"),
        }

    # --- data source ---
    def set_draft(self, draft: Any) -> None:
        self.beginResetModel()
        self.draft = draft
        self.invalid.clear()
        self.endResetModel()

    def set_accounts(self, accounts: list[Any]) -> None:
        self.accounts = {a.id: a for a in accounts}
        if self.rowCount():
            self.dataChanged.emit(self.index(0, COL["ledger_account_id"]), self.index(self.rowCount() - 1, COL["ledger_account_id"]))

    @property
    def lines(self) -> list[Any]:
        return self.draft.lines if self.draft is not None else []

    @property
    def is_customer(self) -> bool:
        return self.draft is not None and str(getattr(self.draft.kind, "value", self.draft.kind)) == "customer"

    # --- Qt model ---
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            name = COLUMNS[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[name]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._tips.get(name, self._headers[name])
            if role == Qt.ItemDataRole.TextAlignmentRole and name in NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        name = COLUMNS[index.column()]
        if name in CUSTOMER_ONLY and not self.is_customer:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.lines):
            return None
        line = self.lines[index.row()]
        name = COLUMNS[index.column()]
        bad = self.invalid.get((index.row(), name))
        if role == FIELD_ROLE:
            return name
        if role == Qt.ItemDataRole.DisplayRole:
            if bad:
                return bad[0]
            return self._display(line, name)
        if role == Qt.ItemDataRole.EditRole:
            if bad:
                return bad[0]
            value = getattr(line, name, None)
            if name == "ledger_account_id":
                account = self.accounts.get(value)
                return account.number if account else ("" if value is None else str(value))
            if name == "vat_rate":
                return value or ""
            return self._display(line, name)
        if role == Qt.ItemDataRole.TextAlignmentRole and name in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and bad:
            return QBrush(QColor(colours.tone("error").fg))
        if role == Qt.ItemDataRole.DecorationRole and bad:
            return standard_icon("error")
        if role == Qt.ItemDataRole.ToolTipRole:
            if bad:
                return str(bad[1])
            tip = []
            if name == "vat_rate":
                from app.domain.vat import VAT_CODES

                vat = VAT_CODES.get(line.vat_rate)
                tip.append(f"{line.vat_rate} — {vat.label}" if vat else line.vat_rate)
            elif name == "ledger_account_id":
                account = self.accounts.get(line.ledger_account_id)
                tip.append(account.display() if account else self.tr("Pennylane's default account for this counterpart"))
            elif name == "label":
                if line.label:
                    tip.append(line.label)  # the whole label: a long one is wrapped, then elided
                if getattr(line, "product_id", None):
                    tip.append(self.tr("From the product catalogue"))
            origin = provenance_name(self.draft.provenance.get(f"lines[{index.row()}].{name}")) if self.draft else ""
            if origin == "xml":
                tip.append(self.tr("Read from the Factur-X XML"))
            elif origin == "text":
                tip.append(self.tr("Guessed from the PDF's text"))
            elif origin == "ocr":
                tip.append(self.tr("Read by character recognition from the scan"))
            return "\n".join(tip) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(line, name) if not bad else f"{bad[0]} — {bad[1]}"
        return None

    def _display(self, line: Any, name: str) -> str:
        if name in CUSTOMER_ONLY and not hasattr(line, name):
            return ""
        value = getattr(line, name, None)
        if name in ("amount_before_tax", "tax", "amount"):
            return "" if value is None else format_amount(value)
        if name == "quantity":
            return format_number(value)
        if name == "unit_price":
            return format_number(value, min_places=2)
        if name == "vat_rate":
            from app.domain.vat import VAT_CODES

            return short_vat(value)
        if name == "ledger_account_id":
            account = self.accounts.get(value)
            if account:
                return account.display()
            return "" if value is None else f"#{value}"
        if name in PERIOD:
            return "" if value is None else value.strftime("%d/%m/%y")
        return "" if value is None else str(value)

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, LIVE_ROLE):
            return False
        row, name = index.row(), COLUMNS[index.column()]
        line = self.lines[row]
        live = role == LIVE_ROLE
        text = "" if value is None else str(value)
        try:
            new = self._apply(line, name, text)
        except _Unreadable as exc:
            if live:
                return False
            self.invalid[(row, name)] = (text, exc.text)
            self.dataChanged.emit(index, index)
            self.lines_changed.emit()
            return True
        self.invalid.pop((row, name), None)
        self.draft.lines[row] = new
        self.draft.provenance.pop(f"lines[{row}].{name}", None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.lines_changed.emit()
        return True

    def _apply(self, line: Any, name: str, text: str) -> Any:
        """A new line with ``name`` set from ``text`` and the dependent amounts recomputed."""
        from app.domain.invoice import compute_line
        from app.domain.vat import VAT_CODES, UnknownVatCode, normalize_vat_code

        new = line.model_copy(deep=True)
        if name == "label":
            new.label = text.strip()
            return new
        if name == "unit":
            new.unit = text.strip() or "piece"
            return new
        if name == "ledger_account_id":
            new.ledger_account_id = self._account_id(text)
            return new
        if name in PERIOD:
            setattr(new, name, _read_date(text))
            return new
        if name == "vat_rate":
            code = text.split(" ")[0].strip() if text.strip() else ""
            try:
                new.vat_rate = normalize_vat_code(code if code in VAT_CODES else text)
            except UnknownVatCode as exc:
                raise _Unreadable(
                    getattr(exc, "text", None)
                    or Text(f"« {text} » n'est pas un code TVA Pennylane.", f"“{text}” is not a Pennylane VAT code.")
                ) from None
            return compute_line(new)
        number = _read_number(text, allow_empty=name in ("tax",))
        if name == "quantity":
            new.quantity = number
            return compute_line(new)
        if name == "unit_price":
            new.unit_price = number
            return compute_line(new)
        if name == "amount_before_tax":
            if hasattr(new, "unit_price"):
                if new.quantity:
                    new.unit_price = round_money(number / new.quantity, 6)
                else:
                    new.quantity, new.unit_price = Decimal(1), number
            new.amount_before_tax = number
            computed = compute_line(new)
            computed.amount_before_tax = number  # the typed HT wins over quantity × price rounding
            computed.amount = number + computed.tax
            return computed
        if name == "tax":
            new.tax = number if number is not None else Decimal(0)
            new.amount = new.amount_before_tax + new.tax
            return new
        if name == "amount":
            rate = VAT_CODES[new.vat_rate].rate
            if rate is None:  # mixed: keep the tax, HT = TTC - tax
                base = number - new.tax
            else:
                base = round_money(number * 100 / (100 + rate))
            if hasattr(new, "unit_price"):
                if not new.quantity:
                    new.quantity = Decimal(1)
                new.unit_price = round_money(base / new.quantity, 6)
            new.amount_before_tax = base
            new.tax = number - base
            new.amount = number
            return new
        raise KeyError(name)

    def _account_id(self, text: str) -> int | None:
        text = text.strip()
        if not text:
            return None
        number = text.split(" ")[0].split("–")[0].strip()
        for account in self.accounts.values():
            if account.number == number or account.display() == text:
                return account.id
        matches = [a for a in self.accounts.values() if a.number.startswith(number) or text.casefold() in a.label.casefold()]
        if len(matches) == 1:
            return matches[0].id
        raise _Unreadable(
            Text(f"« {text} » n'est pas un compte de cette société.", f"“{text}” is not one of this company's accounts.")
        )

    # --- rows ---
    def insert_line(self, row: int, line: Any) -> int:
        row = max(0, min(row, len(self.lines)))
        self.beginInsertRows(QModelIndex(), row, row)
        self.draft.lines.insert(row, line)
        self._shift(row, +1)
        self.endInsertRows()
        self.lines_changed.emit()
        return row

    def remove_lines(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self.lines):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.draft.lines[row]
                self._shift(row, -1)
                self.endRemoveRows()
        self.lines_changed.emit()

    def replace_lines(self, lines: list[Any]) -> None:
        self.beginResetModel()
        self.draft.lines = list(lines)
        self.invalid.clear()
        self.draft.provenance = {k: v for k, v in self.draft.provenance.items() if not k.startswith("lines[")}
        self.endResetModel()
        self.lines_changed.emit()

    def _shift(self, at: int, delta: int) -> None:
        """Keep provenance and unreadable entries on their lines when a row is inserted/removed at ``at``."""
        import re

        def moved(row: int) -> int | None:
            if delta < 0 and row == at:
                return None
            return row + delta if row >= at + (0 if delta > 0 else 1) else row

        provenance = {}
        for key, value in self.draft.provenance.items():
            m = re.match(r"lines\[(\d+)\](.*)", key)
            if m:
                new_row = moved(int(m.group(1)))
                if new_row is not None:
                    provenance[f"lines[{new_row}]{m.group(2)}"] = value
            else:
                provenance[key] = value
        self.draft.provenance = provenance
        invalid = {}
        for (row, name), bad in self.invalid.items():
            new_row = moved(row)
            if new_row is not None:
                invalid[(new_row, name)] = bad
        self.invalid = invalid

    def problems(self) -> list[tuple[int, str, Text]]:
        return [(row, name, why) for (row, name), (_text, why) in sorted(self.invalid.items())]


class _Unreadable(Exception):
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def _read_date(text: str) -> Any:
    """dd/mm/yyyy (also dd/mm/yy, dd.mm.yyyy, dd-mm-yyyy) or yyyy-mm-dd; empty → None."""
    import datetime as dt
    import re

    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        year, month, day = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", text)
        if not m:
            raise _Unreadable(Text(f"« {text} » n'est pas une date (jj/mm/aaaa).", f"“{text}” is not a date (dd/mm/yyyy)."))
        day, month, year = (int(g) for g in m.groups())
        year += 2000 if year < 100 else 0
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _Unreadable(Text(f"« {text} » n'est pas une date qui existe.", f"“{text}” is not a real date.")) from None


def _read_number(text: str, *, allow_empty: bool = False) -> Decimal | None:
    if not text.strip():
        if allow_empty:
            return None
        raise _Unreadable(Text("Montant manquant.", "Amount missing."))
    try:
        return parse_amount(text)
    except AmountError as exc:
        raise _Unreadable(exc.text) from None
    except (InvalidOperation, ValueError):
        raise _Unreadable(Text(f"« {text} » n'est pas lisible.", f"“{text}” is not readable.")) from None


# --- delegates ------------------------------------------------------------------------------------
class LiveDelegate(QStyledItemDelegate):
    """A line edit that pushes every readable keystroke to the model (computed cells follow)."""

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        name = index.data(FIELD_ROLE)
        if name in NUMERIC:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        persistent = QPersistentModelIndex(index)
        model = index.model()
        if name in NUMERIC:
            editor.textEdited.connect(lambda text: persistent.isValid() and model.setData(model.index(persistent.row(), persistent.column()), text, LIVE_ROLE))
        self.configure(editor, index)
        return editor

    def configure(self, editor: QLineEdit, index: QModelIndex) -> None:
        pass

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        # A live update must not reset the text (and the cursor) under the person's fingers.
        if not editor.isModified():
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


ROW_PADDING = 10


class CompleterDelegate(LiveDelegate):
    """A line edit with a contains-matching completer over ``source()`` (a list of (display, value))."""

    def __init__(self, source: Callable[[], list[tuple[str, str]]], parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self._model: QStandardItemModel | None = None
        self._key: Any = None

    def completion_model(self) -> QStandardItemModel:
        items = self.source()
        key = tuple(items)
        if self._model is None or key != self._key:
            model = QStandardItemModel(self)
            for display, value in items:
                item = QStandardItem(display)
                item.setData(value, Qt.ItemDataRole.UserRole)
                model.appendRow(item)
            self._model, self._key = model, key
        return self._model

    def configure(self, editor: QLineEdit, index: QModelIndex) -> None:
        completer = QCompleter(self.completion_model(), editor)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        widen_popup(completer)
        editor.setCompleter(completer)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        text = editor.text()
        # "FR_200 — VAT 20% (France)" or "607000 – Purchases": keep the value part.
        for row in range(self.completion_model().rowCount()):
            item = self.completion_model().item(row)
            if item.text() == text:
                text = item.data(Qt.ItemDataRole.UserRole)
                break
        model.setData(index, text, Qt.ItemDataRole.EditRole)


def vat_choices() -> list[tuple[str, str]]:
    from app.domain.vat import VAT_CODES

    return [(f"{code} — {vat.label}", code) for code, vat in VAT_CODES.items()]


# --- view -------------------------------------------------------------------------------------------
MAX_LINES_PER_ROW = 2  # a long label takes two lines, then is elided

class LinesView(QTableView):
    """``linesTable``: Insert/Ctrl+N add, Delete removes, Ctrl+D duplicates (actions owned by the form)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linesTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.default_edit_triggers = self.editTriggers()  # what a read-only form (an imported row) gives back
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table: natural form tab order
        # A label longer than its column wraps onto a second line (the row grows: fit_rows), the
        # rest is elided; the whole label is in the cell's tooltip.
        self.setWordWrap(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + ROW_PADDING)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.sectionResized.connect(self._column_resized)

    def setModel(self, model: Any) -> None:  # noqa: N802 (Qt API)
        super().setModel(model)
        model.modelReset.connect(self.fit_rows)
        model.modelReset.connect(self.fit_account_column)
        model.rowsInserted.connect(lambda _parent, first, last: self.fit_rows(first, last))
        model.rowsInserted.connect(self.fit_account_column)
        model.rowsRemoved.connect(self.fit_account_column)
        model.dataChanged.connect(lambda top, bottom, *_: self.fit_rows(top.row(), bottom.row()))
        model.dataChanged.connect(lambda top, bottom, *_: self.fit_account_column()
                                  if top.column() <= COL["ledger_account_id"] <= bottom.column() else None)

    def fit_rows(self, first: int = 0, last: int | None = None) -> None:
        """Rows ``first``..``last`` one line high, or two for a label wider than its column. Measured
        from the label alone (ResizeToContents asked every cell of every row on each keystroke:
        135 ms per keystroke with 200 lines)."""
        model = self.model()
        if model is None:
            return
        last = model.rowCount() - 1 if last is None else min(last, model.rowCount() - 1)
        fm = self.fontMetrics()
        one = fm.lineSpacing() + ROW_PADDING
        room = self.columnWidth(COL["label"]) - 2 * (self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        header = self.verticalHeader()
        for row in range(max(first, 0), last + 1):
            text = model.index(row, COL["label"]).data() or ""
            height = one + fm.lineSpacing() * (MAX_LINES_PER_ROW - 1) if fm.horizontalAdvance(text) > room else one
            if header.sectionSize(row) != height:
                header.resizeSection(row, height)

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column == COL["label"]:
            self.fit_rows()

    def updateGeometries(self) -> None:  # noqa: N802 (Qt API)
        """The label column stretches: when the table's width changes, the header gives it its new
        width without ``sectionResized`` — the rows were then fitted to the old width (a label that
        no longer fits stayed one line high and was cut: "Livraison sur …")."""
        super().updateGeometries()
        width = self.columnWidth(COL["label"])
        if width != getattr(self, "_fitted_width", None):
            self._fitted_width = width
            self.fit_rows()

    def fit_columns(self, customer: bool, periods: bool = False) -> None:
        fm = self.fontMetrics()
        pad = 8
        widths = {
            "label": fm.horizontalAdvance("M" * 4),
            "quantity": fm.horizontalAdvance("00,5") + pad,
            "unit_price": fm.horizontalAdvance("0 000,00") + pad,
            "unit": fm.horizontalAdvance("pièce") + pad,
            "vat_rate": max(fm.horizontalAdvance("5,5 %"), fm.horizontalAdvance(self.model().headerData(COL["vat_rate"], Qt.Orientation.Horizontal))) + 2 * pad,
            # A sale shows 9 columns: the account shrinks to its number (the label is in the tooltip).
            "ledger_account_id": fm.horizontalAdvance("706 – Pres" if customer or periods else "6064 – Fournitures") + pad,
            "amount_before_tax": fm.horizontalAdvance("00 000,00") + pad,
            "tax": fm.horizontalAdvance("0 000,00") + pad,
            "amount": fm.horizontalAdvance("00 000,00") + pad,
            "imputation_start": fm.horizontalAdvance("00/00/00") + pad,
            "imputation_end": fm.horizontalAdvance("00/00/00") + pad,
        }
        for name, width in widths.items():
            col = COL[name]
            self.setColumnWidth(col, width)
            self.setColumnHidden(col, (name in CUSTOMER_ONLY and not customer) or (name in PERIOD and not periods))
        self._account_width = widths["ledger_account_id"]
        self.fit_account_column()
        self.horizontalHeader().setSectionResizeMode(COL["label"], QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(fm.horizontalAdvance("000"))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def fit_account_column(self, *_args: Any) -> None:
        """The account column as wide as its widest account (at most its usual width): while no
        line has one, its title only — the labels beside it get the room."""
        model, usual = self.model(), getattr(self, "_account_width", None)
        if model is None or usual is None:
            return
        fm, col = self.fontMetrics(), COL["ledger_account_id"]
        widest = max((fm.horizontalAdvance(model.index(row, col).data() or "") for row in range(model.rowCount())), default=0)
        title = self.horizontalHeader().fontMetrics().horizontalAdvance(str(model.headerData(col, Qt.Orientation.Horizontal)))
        width = min(usual, max(title + 16, widest + 8 if widest else 0))
        if self.columnWidth(col) != width:
            self.setColumnWidth(col, width)

    def keyPressEvent(self, event: Any) -> None:
        # Enter on a cell starts editing (as in a spreadsheet); Delete is the form's "remove line".
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            if self.currentIndex().isValid() and self.model().flags(self.currentIndex()) & Qt.ItemFlag.ItemIsEditable:
                self.edit(self.currentIndex())
                return
        super().keyPressEvent(event)
