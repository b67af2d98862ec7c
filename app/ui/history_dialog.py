"""The import history (toolbar "History", Ctrl+H): every document the journal knows for the company.

A non-modal dialog (``historyDialog``) over :class:`~app.ui.history_model.HistoryModel`: filter by
state, find by counterpart, number or amount and by invoice date range (``historySearch``,
``historyFrom``, ``historyTo``), open an invoice in Pennylane (double-click its id), export the journal as CSV for audit.
Reading the journal and writing the CSV both run through :func:`app.ui.tasks.run_task`.

Signals (for the window and tests): ``loaded(int)`` rows shown after a reload; ``exported(str,
int)`` path and row count of a finished export; ``failed(str)``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.form.widgets import qt_day_format
from app.ui.history_model import MAX_SEARCH_CHARS, HistoryModel, HistorySearch, linked_id
from app.ui.tasks import run_task


class _MiddleElided(QStyledItemDelegate):
    """A file name cut in its middle ("facture-coop…-2026-11.pdf"): its end tells files apart."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class HistoryDialog(QDialog):
    loaded = Signal(int)
    exported = Signal(str, int)
    failed = Signal(str)
    edit_requested = Signal(str, int)  # kind, Pennylane invoice id: "Edit…" (issue 8, app/ui/edit_controller)

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("Import history"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1280, int(screen.width() * 0.92)), min(620, int(screen.height() * 0.8)))  # unless remembered
        self._loading = 0

        self.model = HistoryModel(self)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("historyFilter")
        for key, label in self.model.filter_labels():
            self.filter_combo.addItem(label, key)
        self.filter_combo.currentIndexChanged.connect(self._filter_chosen)
        filter_label = QLabel(self.tr("&Show:"), self)
        filter_label.setBuddy(self.filter_combo)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("historyCount")

        self.open_button = QPushButton(self.tr("&Open in Pennylane"), self)
        self.open_button.setObjectName("historyOpenButton")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_current)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.setObjectName("historyEditButton")
        self.edit_button.setToolTip(self.tr("Open the imported invoice in the form to correct it"))
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_current)
        self.export_button = QPushButton(self.tr("&Export as CSV…"), self)
        self.export_button.setObjectName("historyExportButton")
        self.export_button.setToolTip(self.tr("Every document of this company with its state, ids, reasons and timestamps, for audit"))
        self.export_button.clicked.connect(self.export_csv)
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.clicked.connect(self.reload)

        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter_combo)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.open_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.export_button)
        search_row = self._build_search()

        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Import history"))
        self.table.setItemDelegateForColumn(HistoryModel.FILE, _MiddleElided(self.table))  # keeps ".pdf" and the number
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._fitted = False
        self._fit_columns()  # the titles, until rows come
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        from PySide6.QtGui import QAction

        self.edit_action = QAction(self.tr("Edit…"), self.table)
        self.edit_action.setObjectName("historyEditAction")
        self.edit_action.triggered.connect(self.edit_current)
        self.table.addAction(self.edit_action)
        self._editing_id: int | None = None  # the invoice "Edit…" asked the window to open
        editor = getattr(parent, "editing", None)  # the window's EditController
        if editor is not None and hasattr(editor, "open_invoice"):
            self.edit_requested.connect(editor.open_invoice)
            if hasattr(editor, "open_failed"):  # its answer is shown here, not behind this dialog
                editor.open_failed.connect(self._edit_failed)
                editor.loaded.connect(self._edit_loaded)

        self.status = QLabel(self)
        self.status.setObjectName("historyStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        from app.ui.window_state import remember_dialog

        remember_dialog(self, parent)  # reopens with the size and column widths it was left with

    # --- columns -----------------------------------------------------------------------------
    # the widest a column grows to fit its contents, in characters (the counterpart takes the rest)
    _CAPS = {HistoryModel.FILE: 30, HistoryModel.NUMBER: 24, HistoryModel.STATE: 32, HistoryModel.AMOUNT: 18}
    _FIT_ROWS = 500  # contents measured on the first rows only: a journal of thousands stays quick

    def _fit_columns(self) -> None:
        """Each column as wide as its contents (up to a cap) and never narrower than its title; the
        counterpart's name stretches over the rest. When that is wider than the table, the columns
        with room to spare give it back in proportion, down to their titles, so that the name keeps
        at least 22 characters. What a column cuts is whole in its tooltip."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        char = metrics.horizontalAdvance("x")
        samples = {HistoryModel.DATE: "31/12/2024 23:59", HistoryModel.INVOICE_DATE: "31/12/2024",
                   HistoryModel.AMOUNT: "12 345,67 €", HistoryModel.INVOICE: "123456789"}
        rows = min(self.model.rowCount(), self._FIT_ROWS)
        wanted: dict[int, int] = {}
        least: dict[int, int] = {}
        for column in range(self.model.columnCount()):
            if column == HistoryModel.COUNTERPART:
                continue
            texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")]
            texts += [str(self.model.index(r, column).data() or "") for r in range(rows)]
            widest = max(metrics.horizontalAdvance(t) for t in texts + [samples.get(column, "")])
            least[column] = metrics.horizontalAdvance(texts[0]) + 24  # the title and the sort indicator
            cap = self._CAPS.get(column)
            wanted[column] = max(least[column], min(widest + 16, cap * char) if cap else widest + 16)
            if column in (HistoryModel.AMOUNT, HistoryModel.INVOICE):
                least[column] = wanted[column]  # an amount or an id is never cut
        room = self.table.viewport().width() - 22 * char  # what the columns may take beside the name
        excess = sum(wanted.values()) - room
        slack = sum(wanted[c] - least[c] for c in wanted)
        if excess > 0 and slack > 0:
            share = min(1.0, excess / slack)
            wanted = {c: round(w - (w - least[c]) * share) for c, w in wanted.items()}
        for column, width in wanted.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(HistoryModel.COUNTERPART, QHeaderView.ResizeMode.Stretch)

    # --- search ------------------------------------------------------------------------------
    def _build_search(self) -> QHBoxLayout:
        """Find by supplier or customer, number or amount; invoices dated between two days."""
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("historySearch")
        self.search_edit.setPlaceholderText(self.tr("Supplier or customer, number or amount"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaxLength(MAX_SEARCH_CHARS)
        self.search_edit.textChanged.connect(self._search_changed)
        search_label = QLabel(self.tr("&Find:"), self)
        search_label.setBuddy(self.search_edit)
        self.from_edit = self._date_edit("historyFrom")
        self.to_edit = self._date_edit("historyTo")
        from_label = QLabel(self.tr("Invoice date &from"), self)
        from_label.setBuddy(self.from_edit)
        to_label = QLabel(self.tr("&to"), self)
        to_label.setBuddy(self.to_edit)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search_edit, 1)
        row.addSpacing(12)
        row.addWidget(from_label)
        row.addWidget(self.from_edit)
        row.addWidget(to_label)
        row.addWidget(self.to_edit)
        self.clear_search_button = QPushButton(self.tr("&Clear"), self)
        self.clear_search_button.setObjectName("historyClearSearch")
        self.clear_search_button.setToolTip(self.tr("Show every document again (the state filter stays)"))
        self.clear_search_button.clicked.connect(self.clear_search)
        row.addWidget(self.clear_search_button)
        return row

    def clear_search(self) -> None:
        for widget in (self.search_edit, self.from_edit, self.to_edit):
            widget.blockSignals(True)
        self.search_edit.clear()
        self.from_edit.setDate(self.NO_DATE)
        self.to_edit.setDate(self.NO_DATE)
        for widget in (self.search_edit, self.from_edit, self.to_edit):
            widget.blockSignals(False)
        self._search_changed()

    NO_DATE = QDate(2000, 1, 1)  # the date edits' "no bound" value, shown as "—"

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(self.NO_DATE)
        edit.setSpecialValueText("—")  # shown for the minimum: no bound
        edit.setDisplayFormat(qt_day_format())
        edit.setDate(self.NO_DATE)
        edit.dateChanged.connect(self._search_changed)
        return edit

    def _bound(self, edit: QDateEdit) -> date | None:
        value = edit.date()
        return None if value == self.NO_DATE else date(value.year(), value.month(), value.day())

    def _search_changed(self, *_args: Any) -> None:
        self.model.set_search(HistorySearch(self.search_edit.text(), self._bound(self.from_edit), self._bound(self.to_edit)))
        self._update_count()
        self.open_button.setEnabled(False)
        self.edit_button.setEnabled(False)

    # --- loading (off the GUI thread) --------------------------------------------------------
    def reload(self) -> None:
        self._loading += 1
        self.show_message(self.tr("Loading the history…"))
        self.controller.with_journal(self._load)

    def _load(self) -> None:
        journal = self.controller.journal
        run_task(journal.rows, self.controller.company_id(), on_result=self._loaded, on_error=self._failed, context=self)

    def _loaded(self, rows: list[Any]) -> None:
        self._loading = max(0, self._loading - 1)
        self.model.set_rows(rows)
        if not self._fitted and rows:
            self._fitted = True  # once per opening, on the rows: later reloads keep what the person adjusted
            self._fit_columns()
        self._update_count()
        self.show_message("")
        self.loaded.emit(self.model.rowCount())

    def _failed(self, exc: BaseException) -> None:
        self._loading = max(0, self._loading - 1)
        text = self.tr("The history could not be read: %1").replace("%1", str(getattr(exc, "text", exc)))
        self.show_message(text, error=True)
        self.failed.emit(text)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if shown == total:
            text = self.tr("%1 documents").replace("%1", str(total)) if total != 1 else self.tr("1 document")
        else:
            text = self.tr("%1 of %2 documents").replace("%1", str(shown)).replace("%2", str(total))
        self.count_label.setText(text)

    def _filter_chosen(self, _index: int) -> None:
        self.model.set_filter(self.filter_combo.currentData())
        self._update_count()
        self.open_button.setEnabled(False)
        self.edit_button.setEnabled(False)

    # --- opening an invoice ----------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self.open_button.setEnabled(row is not None and linked_id(row) is not None)
        self.edit_button.setEnabled(row is not None and linked_id(row) is not None)

    def _double_clicked(self, index: QModelIndex) -> None:
        self._open(self.model.row_at(index.row()))

    def open_current(self) -> None:
        self._open(self.model.row_at(self.table.currentIndex().row()))

    def _open(self, row: Any) -> None:
        invoice_id = linked_id(row) if row is not None else None
        if invoice_id is None:
            return
        from app.ui.pennylane_links import open_invoice, opened_message

        opened = open_invoice(row.company_id, row.kind or "supplier", invoice_id,
                              demo=getattr(self.parent(), "demo_standin", None) is not None)
        self.show_message(opened_message(opened), error=not opened.launched and not opened.demo)  # here, not behind

    def edit_current(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        invoice_id = linked_id(row) if row is not None else None
        if invoice_id is not None:
            self._editing_id = int(invoice_id)
            self.show_message(self.tr("Opening invoice #%1 in the main window…").replace("%1", str(invoice_id)))
            self.edit_requested.emit(row.kind or "supplier", int(invoice_id))

    def _edit_failed(self, invoice_id: int, text: str) -> None:
        if invoice_id == self._editing_id:
            self._editing_id = None
            self.show_message(text, error=True)
            self.failed.emit(text)

    def _edit_loaded(self, loaded: Any) -> None:
        invoice_id = getattr(loaded, "invoice_id", None)
        if invoice_id is not None and invoice_id == self._editing_id:
            self._editing_id = None
            self.show_message(self.tr("Invoice #%1 is open for editing in the main window.").replace("%1", str(invoice_id)))

    def show_message(self, text: str, *, error: bool = False) -> None:
        """The dialog's own message line (whole, word-wrapped, selectable): errors in the error colour."""
        from app.ui import colours

        self.status.setStyleSheet(f"QLabel#historyStatus {{ color: {colours.tone('error').fg}; }}" if error else "")
        self.status.setText(text)

    # --- export ------------------------------------------------------------------------------
    def export_csv(self) -> None:
        default = str(Path.home() / f"pennylane-imports-{date.today().isoformat()}.csv")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the import history"), default,
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        self.export_button.setEnabled(False)
        self.show_message(self.tr("Exporting…"))
        company_id = self.controller.company_id()

        def write() -> int:
            return self.controller.journal.export_csv(path, company_id)

        self.controller.with_journal(lambda: run_task(
            write, on_result=lambda count: self._exported(path, count), on_error=self._export_failed, context=self))

    def _exported(self, path: str, count: int) -> None:
        self.export_button.setEnabled(True)
        self.show_message(self.tr("%1 rows exported to %2").replace("%1", str(count)).replace("%2", path))
        self.exported.emit(path, count)

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        text = self.tr("The CSV could not be written: %1").replace("%1", str(exc))
        self.show_message(text, error=True)
        self.failed.emit(text)
