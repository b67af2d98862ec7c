"""Import all's confirmation (``importAllDialog``): how many invoices, their total incl. VAT, for
which company, and every warning (the supplier's IBAN changed, a kind that contradicts the
document, a duplicate imported anyway, a value differing from what was remembered).

A warned invoice is not imported unless the person ticks it: an explicit choice, one per invoice.
The warnings are :func:`app.jobs.prepare.prepare`'s (``row.prepared.warnings``); this dialog only
shows them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_money
from app.jobs.document import DocumentRow, totals_by_currency


class BatchConfirmDialog(QDialog):
    def __init__(self, rows: list[DocumentRow], company_name: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importAllDialog")
        self.rows = list(rows)
        self.warned = [r for r in self.rows if r.warnings]
        count = len(self.rows)
        self.setWindowTitle(self.tr("Import into Pennylane"))

        totals = totals_by_currency(self.rows)
        total_text = " + ".join(format_money(amount, currency) for currency, amount in totals.items()) or "—"
        head = (self.tr("Import 1 invoice into Pennylane?") if count == 1
                else self.tr("Import %1 invoices into Pennylane?").replace("%1", str(count)))
        self.heading = QLabel(head, self)
        self.heading.setObjectName("importAllHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("importAllSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setText(
            self.tr("Company: %1\nTotal incl. VAT: %2").replace("%1", company_name or "?").replace("%2", total_text))

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)

        self.checks: list[tuple[QCheckBox, DocumentRow]] = []
        if self.warned:
            box = QGroupBox(self.tr("1 needs your decision") if len(self.warned) == 1
                            else self.tr("%1 need your decision").replace("%1", str(len(self.warned))), self)
            box.setObjectName("importAllWarnings")
            inner = QWidget(box)
            inner_layout = QVBoxLayout(inner)
            inner_layout.setContentsMargins(0, 0, 0, 0)
            note = QLabel(self.tr("Ticked invoices are imported despite their warning; the others stay in the queue."), inner)
            note.setWordWrap(True)
            inner_layout.addWidget(note)
            for row in self.warned:
                check = QCheckBox(self.tr("Import “%1” anyway").replace("%1", row.name), inner)
                check.setObjectName("warnedInvoiceCheck")
                reasons = QLabel("\n".join(f"⚠ {w.text}" for w in row.warnings), inner)
                reasons.setObjectName("warnedInvoiceReasons")
                reasons.setWordWrap(True)
                reasons.setTextFormat(Qt.TextFormat.PlainText)
                reasons.setContentsMargins(24, 0, 0, 6)
                check.setAccessibleDescription(reasons.text())
                inner_layout.addWidget(check)
                inner_layout.addWidget(reasons)
                check.toggled.connect(self._update_button)
                self.checks.append((check, row))
            scroll = QScrollArea(box)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidgetResizable(True)
            scroll.setWidget(inner)
            scroll.setMinimumHeight(min(260, inner.sizeHint().height() + 8))
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(scroll)
            layout.addWidget(box, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importAllConfirmButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._update_button()

    def chosen_rows(self) -> list[DocumentRow]:
        """The rows to import: every unwarned one, and the warned ones the person ticked."""
        ticked = {id(row) for check, row in self.checks if check.isChecked()}
        return [r for r in self.rows if not r.warnings or id(r) in ticked]

    def _update_button(self, *_args: Any) -> None:
        n = len(self.chosen_rows())
        self.import_button.setEnabled(n > 0)
        self.import_button.setText(self.tr("Import 1 invoice") if n == 1 else self.tr("Import %1 invoices").replace("%1", str(n)))
