"""The invoice form (right)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class InvoiceFormPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invoiceForm")
        self.setAccessibleName(self.tr("Invoice form"))
        self.placeholder = QLabel(self.tr("The invoice read from the selected document appears here"), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import into Pennylane"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.import_button)
