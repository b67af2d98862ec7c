""""Open an imported invoice…": find an invoice already in Pennylane by its id or its number.

``OpenInvoiceDialog(session, parent)`` — the person picks supplier/customer, "Pennylane id" or
"Invoice number", types it and presses Enter. The search (:func:`app.jobs.editing.find_invoice`)
runs in the background; one match is opened at once, several are listed to choose from.
``chosen(kind, invoice_id)`` is emitted with the invoice to open (the dialog then closes).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_money
from app.domain.text import format_day
from app.ui.tasks import run_task


class OpenInvoiceDialog(QDialog):
    chosen = Signal(str, int)  # kind ("supplier" | "customer"), Pennylane invoice id

    def __init__(self, session: Any, parent: QWidget | None = None, kind: str = "supplier") -> None:
        super().__init__(parent)
        self.setObjectName("openInvoiceDialog")
        self.setWindowTitle(self.tr("Open an imported invoice"))
        self.session = session
        self._ticket = 0

        intro = QLabel(self.tr("Open an invoice that is already in Pennylane to correct it: "
                               "by its Pennylane id (the number at the end of its address in Pennylane) "
                               "or by its invoice number."), self)
        intro.setWordWrap(True)

        self.supplier_radio = QRadioButton(self.tr("&Supplier invoice (purchase)"), self)
        self.supplier_radio.setObjectName("openSupplierRadio")
        self.customer_radio = QRadioButton(self.tr("&Customer invoice (sale)"), self)
        self.customer_radio.setObjectName("openCustomerRadio")
        kinds = QButtonGroup(self)
        kinds.addButton(self.supplier_radio)
        kinds.addButton(self.customer_radio)
        (self.customer_radio if kind == "customer" else self.supplier_radio).setChecked(True)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.supplier_radio)
        kind_row.addWidget(self.customer_radio)
        kind_row.addStretch(1)

        self.number_radio = QRadioButton(self.tr("Invoice &number"), self)
        self.number_radio.setObjectName("byNumberRadio")
        self.id_radio = QRadioButton(self.tr("Pennylane &id"), self)
        self.id_radio.setObjectName("byIdRadio")
        modes = QButtonGroup(self)
        modes.addButton(self.number_radio)
        modes.addButton(self.id_radio)
        self.number_radio.setChecked(True)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.number_radio)
        mode_row.addWidget(self.id_radio)
        mode_row.addStretch(1)

        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("invoiceQueryEdit")
        self.query_edit.setAccessibleName(self.tr("Invoice number or Pennylane id"))
        self.query_edit.setPlaceholderText(self.tr("e.g. F-2025-001"))
        self.query_edit.returnPressed.connect(self.search)
        self.id_radio.toggled.connect(self._mode_changed)

        self.status = QLabel(self)
        self.status.setObjectName("openInvoiceStatus")
        self.status.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setObjectName("openInvoiceResults")
        self.results.setAccessibleName(self.tr("Invoices found"))
        self.results.itemActivated.connect(lambda item: self._choose(item))
        self.results.hide()

        form = QFormLayout()
        form.addRow(self.tr("Type:"), kind_row)
        form.addRow(self.tr("Search by:"), mode_row)
        form.addRow(self.tr("&Find:"), self.query_edit)
        form.labelForField(self.query_edit).setBuddy(self.query_edit)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setText(self.tr("&Open"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._open_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.buttons)
        self.resize(460, 260)
        self.query_edit.setFocus()

    @property
    def kind(self) -> str:
        return "customer" if self.customer_radio.isChecked() else "supplier"

    def _mode_changed(self) -> None:
        self.query_edit.setPlaceholderText(self.tr("e.g. 456") if self.id_radio.isChecked() else self.tr("e.g. F-2025-001"))

    def _open_clicked(self) -> None:
        item = self.results.currentItem()
        if self.results.isVisible() and item is not None:
            self._choose(item)
        else:
            self.search()

    def search(self) -> None:
        text = self.query_edit.text().strip()
        client = getattr(self.session, "client", None)
        if not text:
            self.status.setText(self.tr("Type an invoice number or a Pennylane id."))
            return
        if client is None:
            self.status.setText(self.tr("Not connected to Pennylane: sign in first."))
            return
        by_id = self.id_radio.isChecked()
        if by_id and not text.lstrip("#").isdigit():
            self.status.setText(self.tr("A Pennylane id is a number, such as 456."))
            return
        from app.jobs.editing import find_invoice

        self._ticket += 1
        ticket, kind = self._ticket, self.kind
        self.status.setText(self.tr("Searching…"))
        self.results.clear()
        self.results.hide()
        kwargs = {"invoice_id": int(text.lstrip("#"))} if by_id else {"invoice_number": text}
        run_task(find_invoice, client, kind, **kwargs,
                 on_result=lambda found: self._found(ticket, found),
                 on_error=lambda exc: self._failed(ticket, exc), context=self)

    def _found(self, ticket: int, found: list[Any]) -> None:
        if ticket != self._ticket:
            return
        if not found:
            self.status.setText(self.tr("No invoice found. Check the number, the type (supplier or customer) and the company."))
            return
        if len(found) == 1:
            self.status.clear()
            self.chosen.emit(found[0].kind, found[0].invoice_id)
            self.accept()
            return
        self.status.setText(self.tr("%1 invoices found: choose one.").replace("%1", str(len(found))))
        for summary in found:
            parts = [f"#{summary.invoice_id}", summary.invoice_number or "—"]
            if summary.date:
                parts.append(format_day(summary.date.isoformat()))
            if summary.amount is not None:
                parts.append(format_money(summary.amount, summary.currency or "EUR"))
            if summary.label:
                parts.append(summary.label)
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, (summary.kind, summary.invoice_id))
            self.results.addItem(item)
        self.results.show()
        self.results.setCurrentRow(0)
        self.results.setFocus()

    def _failed(self, ticket: int, exc: BaseException) -> None:
        if ticket != self._ticket:
            return
        from app.domain.text import error_text

        self.status.setText(str(error_text(exc)))

    def _choose(self, item: QListWidgetItem) -> None:
        kind, invoice_id = item.data(Qt.ItemDataRole.UserRole)
        self.chosen.emit(kind, int(invoice_id))
        self.accept()
