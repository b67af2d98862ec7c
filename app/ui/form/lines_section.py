"""The form's lines section (``linesBox``): the lines table (:mod:`app.ui.form.lines`) with its
buttons — Add, Duplicate, Remove, Product…, then One line from the totals, One line per VAT rate —
and ``linesFinding`` under it; and what those buttons do to the draft's lines.

A view of the draft: :meth:`LinesSection.load` shows it, :meth:`show_check` shows the lines'
findings; the lines table itself writes the draft (``model.lines_changed`` after every change).
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.domain.money import format_percent
from app.ui.form.header import CUSTOMER, kind_of
from app.ui.form.lines import COL, COLUMNS, CompleterDelegate, LinesModel, LinesView, LiveDelegate, vat_choices
from app.ui.form.widgets import FindingLabel, severity_name

FINDINGS_SHOWN = 5  # the lines' messages under the table; the rest is counted


def text_button(action: QAction, parent: QWidget) -> QToolButton:
    """A tool button that shows its action's text (the lines' buttons)."""
    from PySide6.QtCore import Qt

    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAutoRaise(False)
    button.setAccessibleName(action.text())
    return button


class LinesSection(QGroupBox):
    def __init__(self, view: LinesView, actions: list[QAction], account_choices: Callable[[], list[tuple[str, str]]],
                 current_draft: Callable[[], Any], parent: QWidget | None = None) -> None:
        """``view``: the lines table (made before the actions: Remove is its own); ``actions``: the
        first four on the title's row, the others under the table; ``current_draft``: the draft the
        form shows (None on its placeholder: the buttons then do nothing)."""
        super().__init__(parent)
        self.setObjectName("linesBox")
        self._current_draft = current_draft
        self.model = LinesModel(self)
        self.view = view
        view.setParent(self)
        view.setModel(self.model)
        view.setAccessibleName(self.tr("Invoice lines"))
        view.setMinimumHeight(view.verticalHeader().defaultSectionSize() * 4 + view.horizontalHeader().sizeHint().height() + 4)
        self.live_delegate = LiveDelegate(view)
        view.setItemDelegate(self.live_delegate)
        self.vat_delegate = CompleterDelegate(vat_choices, view)
        self.account_delegate = CompleterDelegate(account_choices, view)
        view.setItemDelegateForColumn(COL["vat_rate"], self.vat_delegate)
        view.setItemDelegateForColumn(COL["ledger_account_id"], self.account_delegate)
        view.fit_columns(customer=False)

        title = QLabel(self.tr("L&ines"), self)
        title.setBuddy(view)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        bar.addWidget(title)
        bar.addStretch(1)
        self.buttons = [text_button(a, self) for a in actions]
        for button in self.buttons[:4]:
            bar.addWidget(button)
        more = QHBoxLayout()
        more.setSpacing(4)
        more.addStretch(1)
        for button in self.buttons[4:]:
            more.addWidget(button)
        self.finding = FindingLabel(self, "linesFinding")
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(view, 1)
        layout.addLayout(more)
        layout.addWidget(self.finding)

    @property
    def draft(self) -> Any:
        return self._current_draft()

    # -- draft -> widgets -------------------------------------------------------------------------
    def load(self, draft: Any, accounts: list[Any], editing: bool) -> None:
        """``draft``'s lines and the accounts a line may take (``editing``: see :meth:`fit`)."""
        self.model.set_draft(draft)
        self.model.set_accounts(accounts)
        self.fit(draft, editing)

    def fit(self, draft: Any, editing: bool) -> None:
        """The columns for the draft's kind; the periods' columns in edit mode or when a line has one."""
        self.view.fit_columns(customer=kind_of(draft) == CUSTOMER, periods=editing or any(
            line.imputation_start or line.imputation_end for line in draft.lines))

    def show_buttons(self) -> None:
        """Each button as its action is visible (Product… on a sale, per rate with a breakdown)."""
        for button in self.buttons:
            button.setVisible(button.defaultAction().isVisible())

    def set_read_only(self, read_only: bool) -> None:
        if read_only:
            self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif not self.view.editTriggers():
            self.view.setEditTriggers(self.view.default_edit_triggers)

    # -- the check ----------------------------------------------------------------------------------
    def show_check(self, findings: list[Any]) -> list[str]:
        """Unreadable cells, then every ``lines[...]`` finding, under the table; returns the
        unreadable cells' sentences (they block the import)."""
        line_prefix = self.tr("Line %1:")
        line_messages = [f"{line_prefix.replace('%1', str(row + 1))} {why}" for row, _name, why in self.model.problems()]
        line_findings = [f for f in findings if f.field == "lines" or f.field.startswith("lines[")]
        self.view.setToolTip("\n".join(str(f.message) for f in line_findings[:8]))
        texts = line_messages + [str(f.message) for f in line_findings]
        worst = "error" if line_messages or any(severity_name(f.severity) == "error" for f in line_findings) else "warning"
        if len(texts) > FINDINGS_SHOWN:
            texts = texts[:FINDINGS_SHOWN] + [self.tr("…and %1 more").replace("%1", str(len(texts) - FINDINGS_SHOWN))]
        if texts:
            self.finding.set_message(worst, "\n".join(texts))
        else:
            self.finding.clear()
        return line_messages

    # -- what the buttons do --------------------------------------------------------------------------
    def new_line(self, **values: Any) -> Any:
        """A line of the draft's kind (a supplier line has no quantity, unit price, unit or product)."""
        from app.domain.invoice import CustomerLine, SupplierLine

        kind = kind_of(self.draft)
        cls = CustomerLine if kind == CUSTOMER else SupplierLine
        if kind != CUSTOMER:
            for key in ("quantity", "unit_price", "unit", "product_id"):
                values.pop(key, None)
        return cls(**values)

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def focus_line(self, row: int, column: str = "label") -> None:
        index = self.model.index(row, COL[column])
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()

    def add_line(self) -> None:
        """A line after the current one, with the last line's account and VAT rate."""
        draft = self.draft
        if draft is None:
            return
        default_account = None
        if draft.lines:
            default_account = draft.lines[-1].ledger_account_id
        line = self.new_line(ledger_account_id=default_account)
        if draft.lines:
            line.vat_rate = draft.lines[-1].vat_rate
        current = self.current_row()
        row = self.model.insert_line(current + 1 if current >= 0 else len(draft.lines), line)
        self.focus_line(row)

    def duplicate_line(self) -> None:
        row = self.current_row()
        if self.draft is None or row < 0:
            return
        new = self.model.insert_line(row + 1, self.draft.lines[row].model_copy(deep=True))
        column = self.view.currentIndex().column()
        self.focus_line(new, COLUMNS[column] if 0 <= column < len(COLUMNS) else "label")

    def remove_lines(self) -> None:
        if self.draft is None:
            return
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()} or {self.current_row()})
        rows = [r for r in rows if r >= 0]
        if not rows:
            return
        self.model.remove_lines(rows)
        if self.draft.lines:
            self.focus_line(min(rows[0], len(self.draft.lines) - 1))

    def lines_from_totals(self) -> None:
        """One line carrying the declared totals (:func:`app.domain.line_builders.line_from_totals`)."""
        from app.domain.line_builders import line_from_totals

        values = line_from_totals(self.draft) if self.draft is not None else None
        if values is None:
            self.finding.set_message("error", self.tr("Enter the total excluding tax first."))
            return
        self.model.replace_lines([self.new_line(**values)])
        self.focus_line(0)

    def lines_per_rate(self, breakdown: list[Any]) -> None:
        """One line per rate of the Factur-X VAT ``breakdown`` (:func:`app.domain.line_builders.lines_per_rate`)."""
        if self.draft is None or not breakdown:
            return
        from app.domain.invoice import Provenance
        from app.domain.line_builders import lines_per_rate

        lines = []
        for rate, values in lines_per_rate(self.draft, breakdown):
            text = format_percent(rate) if rate is not None else "?"
            lines.append(self.new_line(label=self.tr("VAT %1", "a line per VAT rate; %1: 5.5%").replace("%1", text), **values))
        self.model.replace_lines(lines)
        for i in range(len(lines)):
            for field in ("amount_before_tax", "tax", "vat_rate"):
                self.draft.provenance[f"lines[{i}].{field}"] = Provenance.XML
        self.focus_line(0)

    def product_chosen(self, product: Any) -> None:
        """Fill the current line (or a new one) from a catalogue product, then on to its quantity."""
        from app.domain.invoice import compute_line
        from app.domain.vat import VAT_CODES

        row = self.current_row()
        line = self.new_line() if row < 0 else self.draft.lines[row].model_copy(deep=True)
        line.label = product.label
        line.product_id = product.id
        if product.unit_price is not None:
            line.unit_price = product.unit_price
        if product.unit:
            line.unit = product.unit
        if product.vat_rate in VAT_CODES:
            line.vat_rate = product.vat_rate
        if product.ledger_account_id is not None:
            line.ledger_account_id = product.ledger_account_id
        line = compute_line(line)
        if row < 0:
            row = self.model.insert_line(len(self.draft.lines), line)
        else:
            self.model.beginResetModel()
            self.draft.lines[row] = line
            self.model.endResetModel()
            self.model.lines_changed.emit()
        self.focus_line(row, "quantity")
