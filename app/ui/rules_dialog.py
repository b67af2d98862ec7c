"""Import → Supplier and customer rules… : what the app remembers for the signed-in company (#20).

One row per supplier or customer (its name, purchase or sale, how many imports it learned from,
when), and under it what is remembered: the values it repeats, where each corrected field sits on
its invoices, the ledger account, VAT code, categories, payment terms and currency. The person can
forget one of them or a whole counterpart, and export the rules to a JSON file or import one (an
accounting firm moves its rules between workstations). Every read and write runs on a worker
(:func:`app.ui.tasks.run_task`); the store is :class:`app.jobs.memory.MemoryStore`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.tasks import run_task

KEY_ROLE = Qt.ItemDataRole.UserRole
FIELD_ROLE = Qt.ItemDataRole.UserRole + 1


def export_to(store: Any, company_id: Any, path: str) -> int:
    """Worker: write the company's rules to ``path`` (JSON); how many counterparts."""
    from app.jobs import memory as M

    memories = store.all(company_id)
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(M.export_rules(memories, company_id), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(target)
    return len(memories)


def import_from(store: Any, company_id: Any, path: str) -> int:
    """Worker: merge the rules of ``path`` into the company's; ``RulesFileError`` for a bad file."""
    from app.jobs import memory as M

    return store.replace_all(company_id, M.parse_rules(Path(path).read_bytes()), merge=True)


class RulesDialog(QDialog):
    def __init__(self, store: Callable[[], Any], company_id: Any, company_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesDialog")
        self.store = store  # called on workers only (opening the store touches the disk)
        self.company_id = company_id
        self.setWindowTitle(self.tr("Supplier and customer rules"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("What the app remembers for %1, learned from your imports. It never "
                               "leaves this computer unless you export it.").replace("%1", company_name or "?"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("rulesTree")
        self.tree.setHeaderLabels([self.tr("Supplier or customer / field"), self.tr("Value"),
                                   self.tr("Learned"), self.tr("Replaced")])
        self.tree.setAccessibleName(self.tr("Remembered rules"))
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.tree, 1)
        self.status = QLabel(self)
        self.status.setObjectName("rulesStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.forget_button = QPushButton(self.tr("&Forget"), self)
        self.forget_button.setObjectName("forgetRuleButton")
        self.forget_button.setEnabled(False)
        self.forget_button.clicked.connect(self.forget_selected)
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setObjectName("exportRulesButton")
        self.export_button.clicked.connect(self._ask_export)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.import_button.setObjectName("importRulesButton")
        self.import_button.clicked.connect(self._ask_import)
        for button in (self.forget_button, self.export_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(760, 480)
        self.reload()

    # --- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.status.setText(self.tr("Loading…"))
        run_task(lambda: self.store().all(self.company_id), on_result=self._loaded, on_error=self._failed, context=self)

    def _loaded(self, memories: list[Any]) -> None:
        self.tree.clear()
        for memory in memories:
            kind = {"supplier": self.tr("supplier"), "customer": self.tr("customer")}.get(memory.kind or "", "?")
            top = QTreeWidgetItem([memory.title, kind, memory.updated[:10], ""])
            top.setData(0, KEY_ROLE, memory.key)
            top.setToolTip(0, memory.key)
            for name, learned in sorted(memory.values.items()):
                self._child(top, memory.key, name, name, learned.value, learned.learned, learned.replaced)
            for name, hint in sorted(memory.hints.items()):
                place = self.tr("read after “%1”").replace("%1", hint.hint.label) if hint.hint.label else self.tr("read at its place on the page")
                self._child(top, memory.key, name, self.tr("%1 (place)").replace("%1", name), place, hint.learned, hint.replaced)
            extras = [
                ("ledger_account_id", self.tr("Ledger account"), memory.ledger_account_id),
                ("vat_code", self.tr("VAT code"), memory.vat_code),
                ("payment_days", self.tr("Payment terms (days)"), memory.payment_days),
                ("currency", self.tr("Currency"), memory.currency),
                ("categories", self.tr("Categories"),
                 ", ".join(f"{c.category_id}: {c.weight} %" for c in memory.categories) or None),
            ]
            for name, label, value in extras:
                if value is not None:
                    self._child(top, memory.key, name, label, str(value), memory.updated, None)
            self.tree.addTopLevelItem(top)
            top.setExpanded(len(memories) <= 5)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        self.status.setText(self.tr("Nothing is remembered for this company yet: it learns from each import.")
                            if not memories else self.tr("%1 suppliers and customers").replace("%1", str(len(memories))))
        self._selection_changed()

    def _child(self, top: QTreeWidgetItem, key: str, name: str, label: str, value: str, learned: str,
               replaced: str | None) -> None:
        item = QTreeWidgetItem([label, value, learned[:10], replaced or ""])
        item.setData(0, KEY_ROLE, key)
        item.setData(0, FIELD_ROLE, name)
        top.addChild(item)

    def _failed(self, exc: BaseException) -> None:
        text = getattr(exc, "text", None)
        self.status.setText(self.tr("It did not work: %1").replace("%1", str(text) if text is not None else str(exc)))

    # --- forgetting ----------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        self.forget_button.setEnabled(bool(self.tree.selectedItems()))

    def forget_selected(self) -> None:
        items = self.tree.selectedItems()
        if not items:
            return
        item = items[0]
        key, name = item.data(0, KEY_ROLE), item.data(0, FIELD_ROLE)
        run_task(lambda: self.store().forget(self.company_id, key, name), on_result=lambda _: self.reload(),
                 on_error=self._failed, context=self)

    # --- files ---------------------------------------------------------------------------------
    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the rules"), "rules.json", self.tr("JSON files (*.json)"))
        if path:
            self.export_file(path)

    def export_file(self, path: str) -> None:
        run_task(lambda: export_to(self.store(), self.company_id, path), on_result=lambda n: self.status.setText(
            self.tr("%1 suppliers and customers exported to %2").replace("%1", str(n)).replace("%2", path)),
            on_error=self._failed, context=self)

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import rules"), "", self.tr("JSON files (*.json)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        run_task(lambda: import_from(self.store(), self.company_id, path), on_result=lambda n: (self.reload(), self.status.setText(
            self.tr("%1 suppliers and customers imported").replace("%1", str(n)))), on_error=self._failed, context=self)


def open_rules(window: Any) -> None:
    """The menu action: the dialog for the signed-in company, or why not."""
    imports = getattr(window, "imports", None)
    company = getattr(getattr(imports, "session", None), "company", None)
    if imports is None or company is None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(window, QCoreApplication.translate("RulesDialog", "Supplier and customer rules"),
                                QCoreApplication.translate("RulesDialog", "Sign in to a company first: the rules are kept per company."))
        return
    dialog = RulesDialog(imports.memory, company.id, getattr(company, "name", ""), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
