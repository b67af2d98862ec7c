"""Pick a product from the company's catalogue (customer invoices): a filter field over a list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from app.domain.money import format_amount

PRODUCT_ROLE = Qt.ItemDataRole.UserRole + 1


class ProductDialog(QDialog):
    """``chosen(Product)`` when a product is picked (Enter or double-click)."""

    chosen = Signal(object)

    def __init__(self, products: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productDialog")
        self.setWindowTitle(self.tr("Product catalogue"))
        self.model = QStandardItemModel(self)
        for product in sorted(products, key=lambda p: p.label.casefold()):
            price = format_amount(product.unit_price) if product.unit_price is not None else "—"
            unit = f" / {product.unit}" if product.unit else ""
            item = QStandardItem(f"{product.label} — {price}{unit} HT")
            item.setData(product, PRODUCT_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("productFilter")
        self.filter_edit.setPlaceholderText(self.tr("Type to filter…"))
        self.filter_edit.setAccessibleName(self.tr("Filter products"))
        self.filter_edit.textChanged.connect(self._filter)
        self.list = QListView(self)
        self.list.setObjectName("productList")
        self.list.setAccessibleName(self.tr("Products"))
        self.list.setModel(self.proxy)
        self.list.doubleClicked.connect(lambda _i: self.accept())
        label = QLabel(self.tr("&Search:"), self)
        label.setBuddy(self.filter_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.filter_edit.installEventFilter(self)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        self.resize(480, 360)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def eventFilter(self, obj: Any, event: Any) -> bool:
        # Up/Down in the filter field move in the list, as in a search box.
        if obj is self.filter_edit and event.type() == event.Type.KeyPress and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.list.setFocus()
            self.list.keyPressEvent(event)
            self.filter_edit.setFocus()
            return True
        return super().eventFilter(obj, event)

    def current(self) -> Any:
        index = self.list.currentIndex()
        return index.data(PRODUCT_ROLE) if index.isValid() else None

    def accept(self) -> None:
        product = self.current()
        if product is None:
            return
        self.chosen.emit(product)
        super().accept()
