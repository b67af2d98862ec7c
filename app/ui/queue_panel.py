"""The document queue (left): the drop zone's empty state, then one row per dropped file.

Signals
- ``current_changed(row)``: the selected :class:`DocumentRow`, or None (no selection).
  ``leave_guard(row) -> bool`` (set by the editing mode, which may have unsaved changes) may
  refuse a new selection: ``current_changed`` is then not emitted and the guard puts the
  selection back with :meth:`QueuePanel.restore_selection` (it may select the row later itself).
- ``row_updated(row)``: the one change signal: a row's reading, draft, readiness or import state
  changed (emitted once per row per batch, by :meth:`QueuePanel.update_rows`); the form and the
  preview compare it with the row they show.
- ``summary_changed(str)``: the queue's counts ("9 documents, 7 ready, 1 to check…") after any change.
- ``message(str)``: a status-bar message (reading progress, duplicates, summaries).
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyleOptionHeader,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.ui import colours
from app.ui.intake import IntakeController
from app.ui.queue_delegate import NameDelegate, elide_file_name  # noqa: F401 (elide_file_name: the queue's rule, tested here)
from app.ui.queue_model import DocumentRow, DocumentStatus, QueueFilter, QueueModel, StatusGroup, needs_checking
from app.ui.tasks import run_task


def write_sample_invoices() -> list[Path]:
    """Worker side of "Open sample invoices": the demo invoices (app.standin.samples), written
    into a new folder under the app's cache directory."""
    from app.config import app_dirs
    from app.standin.samples import write_samples

    cache = app_dirs().cache
    cache.mkdir(parents=True, exist_ok=True)
    return write_samples(Path(tempfile.mkdtemp(prefix="sample-invoices-", dir=cache)))


class QueueHeader(QHeaderView):
    """The queue's header. When rows show two lines (a narrow queue), the name column stands for
    the document: a click on it sorts by supplier or customer (the first line), and it carries the
    sort arrow of a column hidden in its lines (sorted by date, the arrow is on "By date")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setSortIndicatorShown(True)
        self.first_line_sort: int | None = None  # the column a click on the name sorts by (two lines), else None
        self._pressed = -1

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._pressed = self.logicalIndexAt(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        before = (self.sortIndicatorSection(), self.sortIndicatorOrder())
        pressed, self._pressed = self._pressed, -1
        super().mouseReleaseEvent(event)  # Qt flips the name's own sort…
        target = self.first_line_sort
        if target is None or pressed != QueueModel.NAME or (self.sortIndicatorSection(), self.sortIndicatorOrder()) == before:
            return
        # … which becomes the first line's: ascending, descending, then back to the order added.
        if before == (target, Qt.SortOrder.AscendingOrder):
            self.setSortIndicator(target, Qt.SortOrder.DescendingOrder)
        elif before[0] == target:
            self.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        else:
            self.setSortIndicator(target, Qt.SortOrder.AscendingOrder)

    def initStyleOptionForIndex(self, option: QStyleOptionHeader, logical_index: int) -> None:  # noqa: N802 (Qt API)
        super().initStyleOptionForIndex(option, logical_index)
        section = self.sortIndicatorSection()
        if (self.first_line_sort is not None and logical_index == QueueModel.NAME and section >= 0
                and section != QueueModel.NAME and self.isSectionHidden(section)):
            # as Qt draws its own indicator (ascending: SortDown)
            option.sortIndicator = (QStyleOptionHeader.SortIndicator.SortDown if self.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
                                    else QStyleOptionHeader.SortIndicator.SortUp)


class QueueView(QTreeView):
    """A flat, multi-column list (a QTreeView without branches: uniform rows are cheap to lay out).

    Columns the person chose (the header's context menu; remembered by app.ui.window_state) are
    shown while the queue is wide enough, none of them at the cost of a horizontal scroll bar: the
    file name keeps NAME_MIN_WIDTH and the status its icon, then the columns come in FIT_ORDER.
    When the counterpart or the date chosen has no room, each row shows two lines in the name
    column instead (:attr:`two_lines`; app.ui.queue_delegate): the supplier or customer, then the
    date · the total — what an accountant scans the list for, at any width."""

    DEFAULT_COLUMNS = frozenset({QueueModel.NAME, QueueModel.COUNTERPART, QueueModel.DATE, QueueModel.TOTAL,
                                 QueueModel.STATUS})  # pages and reason: the status's tooltip and the form say it
    ALWAYS_SHOWN = frozenset({QueueModel.NAME, QueueModel.STATUS})
    STATUS_TEXT = -1  # in FIT_ORDER: the status's text beside its icon
    COMFORT = -2  # in FIT_ORDER: the name and the counterpart at a comfortable width, before anything more
    FIT_ORDER = (QueueModel.TOTAL, QueueModel.COUNTERPART, QueueModel.DATE, COMFORT, STATUS_TEXT, QueueModel.PAGES,
                 QueueModel.REASON)
    NAME_MIN_WIDTH = 120  # the file name keeps at least this; the status then shows its icon only
    STATUS_ICON_WIDTH = 30

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentQueue")
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # a counterpart's name from its start; file names: NameDelegate
        self.setAllColumnsShowFocus(True)
        self.setHeader(QueueHeader(self))
        self.name_delegate = NameDelegate(self)
        self.setItemDelegateForColumn(QueueModel.NAME, self.name_delegate)
        self.two_lines = False  # rows show two lines in the name column (fit_columns decides)
        self._wanted: set[int] = set(self.DEFAULT_COLUMNS)
        self._no_room: set[int] = set()  # chosen, but the queue is too narrow for them
        self._widths: dict[int, int] = {}
        self._fitting = False
        header = self.header()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setSortIndicatorClearable(True)  # a third click goes back to the order added
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def setModel(self, model: QueueFilter) -> None:  # noqa: N802 (Qt API)
        super().setModel(model)
        queue = model.queue
        header = self.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        header.setSectionsMovable(False)  # the fit reasons in the columns' own order
        metrics = self.fontMetrics()

        def text_width(*texts: str) -> int:  # widths from the font, never ResizeToContents (it measures every row)
            return max(metrics.horizontalAdvance(t) for t in texts) + 14

        from app.domain.money import format_money
        from app.domain.text import format_day

        title = queue.column_title
        status = max(metrics.horizontalAdvance(queue.status_label(DocumentRow(Path("x"), "x", status=s))) for s in DocumentStatus)
        self._widths = {
            QueueModel.DATE: text_width(title(QueueModel.DATE), format_day("2026-12-31")),
            QueueModel.TOTAL: text_width(title(QueueModel.TOTAL), format_money(Decimal("-123456.78"))),
            QueueModel.STATUS: status + 16 + 18,
            QueueModel.PAGES: text_width(title(QueueModel.PAGES), "999"),
            QueueModel.REASON: metrics.horizontalAdvance("x") * 40,
            QueueModel.COUNTERPART: metrics.averageCharWidth() * 9 + 14,  # its least; up to COUNTERPART_MAX
        }
        self._counterpart_max = metrics.averageCharWidth() * 24 + 14
        self._name_comfort = max(self.NAME_MIN_WIDTH, metrics.averageCharWidth() * 28 + 14)
        self._total_most = text_width(format_money(Decimal("-123456789.00")))
        self._measure = lambda text: metrics.horizontalAdvance(text) + 14
        self._widths[QueueModel.TOTAL] = text_width(title(QueueModel.TOTAL), format_money(Decimal("-9999.99")))
        queue.rowsInserted.connect(lambda _p, first, last: self._measure_totals(first, last))
        queue.dataChanged.connect(lambda top, bottom, _roles: self._measure_totals(top.row(), bottom.row()))
        header.setSectionResizeMode(QueueModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in range(1, QueueModel.COLUMN_COUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.setSortingEnabled(True)  # the header's sort indicator (none: the order added)
        self.fit_columns()

    def _measure_totals(self, first: int, last: int) -> None:
        """The total column widens for the largest amount shown (a total is never cut)."""
        queue = self.model().queue
        widest = self._widths[QueueModel.TOTAL]
        for position in range(first, last + 1):
            row = queue.row_at(position)
            if row is not None and row.draft is not None and getattr(row.draft, "amount", None) is not None:
                widest = max(widest, min(self._total_most, self._measure(queue.display(row, QueueModel.TOTAL))))
        if widest != self._widths[QueueModel.TOTAL]:
            self._widths[QueueModel.TOTAL] = widest
            self.fit_columns()

    def viewportEvent(self, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize:  # the view, or a vertical scroll bar coming or going
            self.fit_columns()
        return super().viewportEvent(event)

    # --- which columns show --------------------------------------------------------------------
    def chosen_columns(self) -> list[str]:
        """The columns the person wants (app.ui.window_state remembers them)."""
        return [QueueModel.COLUMN_KEYS[c] for c in sorted(self._wanted)]

    def choose_columns(self, keys: list[str]) -> None:
        wanted = {QueueModel.COLUMN_KEYS.index(k) for k in keys if k in QueueModel.COLUMN_KEYS}
        self._wanted = wanted | set(self.ALWAYS_SHOWN)
        self.fit_columns()

    def show_column(self, column: int, shown: bool) -> None:
        if column in self.ALWAYS_SHOWN:
            return
        (self._wanted.add if shown else self._wanted.discard)(column)
        self.fit_columns()

    @property
    def counterpart_comfort(self) -> int:
        """The counterpart column's width before rows give up two lines for one (about 24 characters)."""
        return self._counterpart_max

    def lacks_room(self, column: int) -> bool:
        return column in self._no_room

    LINE_FACTS = frozenset({QueueModel.COUNTERPART, QueueModel.DATE, QueueModel.TOTAL})  # what two lines can carry
    NEEDS_A_LINE = frozenset({QueueModel.COUNTERPART, QueueModel.DATE})  # chosen without room: two lines

    def fit_columns(self) -> None:
        """Show the chosen columns that fit (FIT_ORDER), never with a horizontal scroll bar. When the
        counterpart or the date chosen does not fit — or the name and the counterpart would not have
        a comfortable width (COMFORT) —, rows show two lines instead (the one rule of :attr:`two_lines`):
        the name column carries them, with the total; the status keeps its icon."""
        if not self._widths or self._fitting:
            return
        self._fitting = True
        try:
            room = self.viewport().width() - self.NAME_MIN_WIDTH - self.STATUS_ICON_WIDTH
            shown: set[int] = set(self.ALWAYS_SHOWN)
            status_width = self.STATUS_ICON_WIDTH
            self._no_room = set()
            counterpart_extra = 0
            comfortable = True
            for column in self.FIT_ORDER:
                if column == self.COMFORT:
                    counterpart_need = self._counterpart_max - self._widths[QueueModel.COUNTERPART] if QueueModel.COUNTERPART in shown else 0
                    need = self._name_comfort - self.NAME_MIN_WIDTH + counterpart_need
                    given = min(room, need)
                    comfortable = given >= need
                    counterpart_extra = given * counterpart_need // need if need else 0
                    room -= given
                    continue
                if column == self.STATUS_TEXT:
                    extra = self._widths[QueueModel.STATUS] - self.STATUS_ICON_WIDTH
                    if extra <= room:
                        status_width, room = self._widths[QueueModel.STATUS], room - extra
                    continue
                if column not in self._wanted:
                    continue
                if self._widths[column] <= room:
                    shown.add(column)
                    room -= self._widths[column]
                else:
                    self._no_room.add(column)
            # Two lines while the counterpart or the date chosen has no column, or only a cramped one
            # (a counterpart cut to "Fournisse…" in its column reads worse than whole on its line).
            if self._wanted & (self.NEEDS_A_LINE - shown) or (self._wanted & self.NEEDS_A_LINE and not comfortable):
                shown, counterpart_extra = set(self.ALWAYS_SHOWN), 0
                self._no_room = set(self._wanted - self.ALWAYS_SHOWN - self.LINE_FACTS)  # pages, reason
                status_width = self.STATUS_ICON_WIDTH  # the lines say "Reading…" or why; its text would repeat it
                self._set_two_lines(frozenset(self._wanted & self.LINE_FACTS))
            else:
                self._set_two_lines(None)
            self.model().set_status_icon_only(status_width == self.STATUS_ICON_WIDTH)
            sizes = {**self._widths, QueueModel.STATUS: status_width}
            sizes[QueueModel.COUNTERPART] += counterpart_extra  # the name (it stretches) takes what is left
            header = self.header()
            for column in range(1, QueueModel.COLUMN_COUNT):
                hidden = column not in shown
                if self.isColumnHidden(column) != hidden:
                    self.setColumnHidden(column, hidden)
                if not hidden and header.sectionSize(column) != sizes[column]:
                    header.resizeSection(column, sizes[column])
        finally:
            self._fitting = False

    def _set_two_lines(self, facts: frozenset[int] | None) -> None:
        two_lines = facts is not None
        self.model().set_two_lines(facts)
        header = self.header()
        header.first_line_sort = QueueModel.COUNTERPART if facts and QueueModel.COUNTERPART in facts else (
            QueueModel.NAME if two_lines else None)
        if two_lines != self.two_lines:
            self.two_lines = two_lines
            self.name_delegate.two_lines = two_lines
            if self.model().rowCount():  # rows change height: laid out again
                self.name_delegate.sizeHintChanged.emit(self.model().index(0, QueueModel.NAME))
        self.viewport().update()
        header.viewport().update()

    # --- the header's context menu -------------------------------------------------------------
    def column_menu(self) -> QMenu:
        """Show or hide each optional column; back to the order added."""
        menu = QMenu(self)
        menu.setObjectName("queueColumnsMenu")
        queue = self.model().queue
        for column in range(QueueModel.COLUMN_COUNT):
            if column in self.ALWAYS_SHOWN:
                continue
            title = queue.column_title(column)
            if column in self._no_room:
                title = self.tr("%1 (no room: widen the queue)").replace("%1", title)
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(column in self._wanted)
            action.setData(QueueModel.COLUMN_KEYS[column])
            action.toggled.connect(lambda shown, c=column: self.show_column(c, shown))
        menu.addSeparator()
        menu.addMenu(self.sort_menu(menu))
        unsorted = menu.addAction(self.tr("In the order added"))
        unsorted.setObjectName("unsortAction")
        unsorted.setCheckable(True)
        unsorted.setChecked(self.header().sortIndicatorSection() < 0)
        unsorted.triggered.connect(lambda: self.sortByColumn(-1, Qt.SortOrder.AscendingOrder))
        return menu

    SORT_CHOICES = (QueueModel.COUNTERPART, QueueModel.DATE, QueueModel.TOTAL, QueueModel.STATUS, QueueModel.NAME)

    def sort_menu(self, parent: QMenu) -> QMenu:
        """"Sort by": every sort, whichever columns show (two-line rows hide the counterpart, date and
        total columns; the header's click sorts by the first line)."""
        menu = QMenu(self.tr("Sort by"), parent)
        menu.setObjectName("queueSortMenu")
        header = self.header()
        section, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        queue = self.model().queue
        titles = {QueueModel.COUNTERPART: self.tr("Supplier or customer"), QueueModel.DATE: self.tr("Invoice date"),
                  QueueModel.TOTAL: self.tr("Total incl. VAT"), QueueModel.STATUS: queue.column_title(QueueModel.STATUS),
                  QueueModel.NAME: self.tr("File name")}
        for column in self.SORT_CHOICES:
            action = menu.addAction(titles[column])
            action.setObjectName(f"sortBy_{QueueModel.COLUMN_KEYS[column]}")
            action.setCheckable(True)
            action.setChecked(section == column)
            action.triggered.connect(lambda _checked=False, c=column: self.sort_by(c, order if section >= 0 else Qt.SortOrder.AscendingOrder))
        menu.addSeparator()
        for title, name, direction in ((self.tr("Ascending"), "sortAscending", Qt.SortOrder.AscendingOrder),
                                       (self.tr("Descending"), "sortDescending", Qt.SortOrder.DescendingOrder)):
            action = menu.addAction(title)
            action.setObjectName(name)
            action.setCheckable(True)
            action.setChecked(section >= 0 and order == direction)
            action.setEnabled(section >= 0)
            action.triggered.connect(lambda _checked=False, d=direction: self.sort_by(header.sortIndicatorSection(), d))
        return menu

    def sort_by(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the queue by ``column`` (-1: in the order added), shown or not, as a header click does."""
        self.header().setSortIndicator(column, order)

    def _header_menu(self, pos: QPoint) -> None:
        menu = self.column_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.header().mapToGlobal(pos))


class QueuePanel(QWidget):
    current_changed = Signal(object)  # DocumentRow | None
    row_updated = Signal(object)  # DocumentRow
    summary_changed = Signal(str)
    message = Signal(str)
    context_menu_opening = Signal(object, object)  # QMenu, list[DocumentRow]: others add their actions

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentQueuePanel")
        self.model = QueueModel(self)
        self.proxy = QueueFilter(self.model, self)  # what the view shows: sorted, filtered (see view_index)
        self.intake = IntakeController(self.model, self)
        self.intake.message.connect(self.message)
        self.intake.rows_updated.connect(self._rows_updated)

        self.stack = QStackedWidget(self)
        self.empty_state = QLabel(self.tr("Drop your invoice PDFs here\n\nor press Ctrl+O to browse"), self)
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.setWordWrap(True)
        self.empty_state.setStyleSheet("QLabel#emptyState { border: 2px dashed palette(mid); border-radius: 8px; padding: 24px; color: %s; font-size: 15px; }" % colours.muted())
        self._build_samples_button()
        self.view = QueueView(self)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Document queue"))
        self.list = self.view  # the shell's name for the queue widget
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.view)
        self._build_filter()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.setSpacing(4)
        layout.addWidget(self.filter_combo)
        layout.addWidget(self.stack)

        self._current: DocumentRow | None = None
        self.last_folder: Path | None = None  # set by the window from the settings (start_folder)
        self.default_folder: Path | None = None
        self.session = None  # app.ui.session.Session: the company and references rows are prepared for
        self.leave_guard = None  # Callable[[DocumentRow], bool] | None — see the module docstring
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.model.rowsInserted.connect(self._update_stack)
        self.model.rowsInserted.connect(self._show_added)
        self.model.rowsRemoved.connect(self._rows_removed)
        self.model.modelReset.connect(self._rows_removed)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset, self.model.dataChanged):
            signal.connect(self._update_counts)
        self.view.customContextMenuRequested.connect(self._context_menu)

        self.remove_action = QAction(self.tr("&Remove from the queue"), self)
        self.remove_action.setObjectName("removeDocumentAction")
        self.remove_action.setShortcut(QKeySequence(Qt.Key.Key_Backspace))  # Delete: the window's deleteAction
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.remove_action.triggered.connect(self.remove_selected)
        self.view.addAction(self.remove_action)
        # the queue as a work list (issue #19 item 8)
        self.next_to_check_action = QAction(self.tr("&Next to check"), self)
        self.next_to_check_action.setObjectName("nextToCheckAction")
        self.next_to_check_action.setShortcut(QKeySequence(Qt.Key.Key_F8))
        self.next_to_check_action.setToolTip(self.tr("Select the next document that needs attention or could not be read (F8)"))
        self.next_to_check_action.triggered.connect(self.next_to_check)
        self.addAction(self.next_to_check_action)
        self.remove_imported_action = QAction(self.tr("Remove the &imported documents"), self)
        self.remove_imported_action.setObjectName("removeImportedAction")
        self.remove_imported_action.triggered.connect(self.remove_imported)
        self.undo_remove_action = QAction(self.tr("&Undo the removal"), self)
        self.undo_remove_action.setObjectName("undoRemoveAction")
        self.undo_remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not the form's text undo
        self.undo_remove_action.setEnabled(False)
        self.undo_remove_action.triggered.connect(self.undo_remove)
        self.view.addAction(self.undo_remove_action)
        self._removed: list[DocumentRow] = []  # the last removal, for Undo
        self.show_in_folder_action = QAction(self.tr("Show in &folder"), self)
        self.show_in_folder_action.triggered.connect(self.show_in_folder)
        self.open_action = QAction(self.tr("&Open in the PDF viewer"), self)
        self.open_action.triggered.connect(self.open_externally)

    def _build_filter(self) -> None:
        """Above the queue: show all documents, or those of one status group, with their counts."""
        combo = QComboBox(self)
        combo.setObjectName("queueFilter")
        combo.setAccessibleName(self.tr("Show"))
        combo.setToolTip(self.tr("Show the documents of one status only (the document selected stays shown)"))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        self._filter_labels = {
            None: self.tr("All (%1)"),
            StatusGroup.TO_CHECK: self.tr("To check (%1)"),
            StatusGroup.READY: self.tr("Ready (%1)"),
            StatusGroup.IMPORTED: self.tr("Imported (%1)"),
            StatusGroup.ERRORS: self.tr("Errors (%1)"),
        }
        tips = {
            None: self.tr("Every document of the queue"),
            StatusGroup.TO_CHECK: self.tr("Documents that need attention, and those still being read"),
            StatusGroup.READY: self.tr("Documents ready to import, and those being imported"),
            StatusGroup.IMPORTED: self.tr("Documents imported, or already in Pennylane"),
            StatusGroup.ERRORS: self.tr("Files that could not be read, and failed imports"),
        }
        for group, label in self._filter_labels.items():
            combo.addItem(label.replace("%1", "0"), group)
            combo.setItemData(combo.count() - 1, tips[group], Qt.ItemDataRole.ToolTipRole)
        combo.currentIndexChanged.connect(lambda i: self.set_filter(combo.itemData(i)))
        combo.hide()  # shown with the first document
        self.filter_combo = combo
        self._counts: dict = {}

    def _update_counts(self, *_args) -> None:
        counts = self.proxy.counts()
        if counts == self._counts:
            return
        self._counts = counts
        for i in range(self.filter_combo.count()):
            group = self.filter_combo.itemData(i)
            self.filter_combo.setItemText(i, self._filter_labels[group].replace("%1", str(counts[group])))

    def counts(self) -> dict[StatusGroup | None, int]:
        """How many documents each filter shows (None: all)."""
        return self.proxy.counts()

    def set_filter(self, group: StatusGroup | None) -> None:
        """Show only the documents of ``group`` (None: all). The selection stays on the current
        document if it is shown, else goes to the first one shown (nothing when none is)."""
        self._apply_filter(group)
        target = self._current if self.view_index(self._current).isValid() else None
        if target is None:
            target = self.proxy.row_for_index(self.view.currentIndex()) or self.proxy.row_for_index(self.proxy.index(0, 0))
        if target is not None:
            self.select(target)
            self.view.scrollTo(self.view_index(target))
        elif self._current is not None:
            self._current_row_changed(QModelIndex(), QModelIndex())

    def _apply_filter(self, group: StatusGroup | None) -> None:
        self.proxy.keep(None)  # the person chose what to see: the current document is not kept against it
        self.proxy.set_group(group)
        self.proxy.keep(self._current)
        position = self.filter_combo.findData(group)
        if position >= 0 and position != self.filter_combo.currentIndex():
            blocked = self.filter_combo.blockSignals(True)
            self.filter_combo.setCurrentIndex(position)
            self.filter_combo.blockSignals(blocked)

    @property
    def filter_group(self) -> StatusGroup | None:
        return self.proxy.group

    def _build_samples_button(self) -> None:
        """Demo mode only: a button under the empty state's text that writes example invoices."""
        button = QPushButton(self.tr("Open sample invoices"), self.empty_state)
        button.setObjectName("openSamplesButton")
        button.setToolTip(self.tr("Demo mode: write a few example invoices for the demo company and add them to the queue"))
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(self.open_samples)
        button.hide()
        font = QFont(self.empty_state.font())
        font.setPixelSize(15)  # the empty state's style sheet
        text_height = QFontMetrics(font).lineSpacing() * 3  # the text's three lines
        layout = QVBoxLayout(self.empty_state)
        layout.addStretch(1)
        # centred with the text: the space above the button covers the text and a gap on both sides
        layout.addSpacing(text_height + 2 * 20 + button.sizeHint().height())
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.samples_button = button
        self._samples_pending = False

    def set_demo(self, demo: bool) -> None:
        """In demo mode the empty state offers the sample invoices."""
        self.samples_button.setVisible(demo)

    def open_samples(self) -> None:
        """Write the demo invoices (in a worker) and add them to the queue."""
        if self._samples_pending:
            return
        self._samples_pending = True
        self.samples_button.setEnabled(False)
        self.message.emit(self.tr("Writing the sample invoices…"))
        run_task(write_sample_invoices, on_result=self._samples_written, on_error=self._samples_failed, context=self)

    def _samples_written(self, paths: list[Path]) -> None:
        self._samples_pending = False
        self.samples_button.setEnabled(True)
        self.add_paths(paths)

    def _samples_failed(self, exc: BaseException) -> None:
        self._samples_pending = False
        self.samples_button.setEnabled(True)
        self.message.emit(self.tr("Could not write the sample invoices: %1").replace("%1", str(exc) or type(exc).__name__))

    # --- adding ----------------------------------------------------------------------------
    def browse(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add invoice PDFs"), str(self.start_folder()),
                                                self.tr("Invoices: PDF, scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.webp *.bmp *.heic *.heif);;PDF files (*.pdf);;All files (*)"))
        if files:
            self.remember_folder(Path(files[0]).parent)
        self.add_paths([Path(f) for f in files])

    def browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of invoice PDFs"), str(self.start_folder()))
        if folder:
            self.remember_folder(Path(folder).parent)  # next time, its siblings are one click away
            self.add_paths([Path(folder)])

    def start_folder(self) -> Path:
        """Where Browse opens: the last folder PDFs were added from, else the default folder of the
        Preferences, else the home folder (never the app's working directory)."""
        for folder in (self.last_folder, self.default_folder):
            if folder is not None:
                return folder
        return Path.home()

    def remember_folder(self, folder: Path) -> None:
        """The next Browse starts in ``folder``, in this session and the next ones (saved by a worker)."""
        self.last_folder = folder
        text = str(folder)

        def save() -> None:
            from app.config import update_settings

            update_settings(lambda settings: setattr(settings, "last_folder", text))

        run_task(save, on_result=lambda _r: None, on_error=lambda _exc: None, context=self)

    def add_paths(self, paths: list[Path]) -> None:
        self.intake.add_paths(paths)

    # --- selection -------------------------------------------------------------------------
    @property
    def current_row(self) -> DocumentRow | None:
        return self._current

    def view_index(self, row: DocumentRow | None, column: int = 0) -> QModelIndex:
        """The view's index of ``row`` (sorted and filtered: never the model's own index); invalid
        when the row is not in the queue or hidden by the filter. The one way from a row to the view;
        back from the view: ``self.proxy.row_for_index``."""
        return self.proxy.index_of(row, column)

    def selected_rows(self) -> list[DocumentRow]:
        """The selected rows, in the view's order: never one hidden by the filter."""
        rows = [self.proxy.row_for_index(i) for i in sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())]
        return [r for r in rows if r is not None]

    def select(self, row: DocumentRow) -> None:
        """Make ``row`` the current document (shown: the filter goes back to all if it hid it)."""
        index = self.view_index(row)
        if not index.isValid() and row in self.model:
            self._apply_filter(None)
            index = self.view_index(row)
        if index.isValid():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.row_for_index(current)
        if row is not self._current:
            if row is not None and self.leave_guard is not None and not self.leave_guard(row):
                return
            self._current = row
            self.proxy.keep(row)
            self.current_changed.emit(row)

    def restore_selection(self) -> None:
        """Select :attr:`current_row` again (nothing if there is none) without emitting ``current_changed``."""
        if self._current is not None and self._current in self.model:
            self.select(self._current)
        else:
            self.view.selectionModel().clear()

    def _show_added(self, _parent: QModelIndex, first: int, _last: int) -> None:
        """Files just added are scrolled to, and the first of them selected (the leave guard of
        an edit in progress may keep the current one)."""
        row = self.model.row_at(first)
        if row is None:
            return
        if not self.proxy.accepts(row):
            self._apply_filter(None)  # the filter would hide them: show all again
        if row is not self._current:
            self.select(row)
        self.view.scrollTo(self.view_index(row), QAbstractItemView.ScrollHint.PositionAtTop)

    def _update_stack(self, *_args) -> None:
        has_rows = self.model.rowCount() > 0
        self.stack.setCurrentWidget(self.view if has_rows else self.empty_state)
        self.filter_combo.setVisible(has_rows)
        if has_rows and not self.view.currentIndex().isValid():
            first = self.proxy.row_for_index(self.proxy.index(0, 0))
            if first is not None:
                self.select(first)

    def _rows_removed(self, *_args) -> None:
        self._update_stack()
        if self._current is not None and self._current not in self.model:
            self._current_row_changed(self.view.currentIndex(), QModelIndex())

    def _rows_updated(self, rows: list[DocumentRow]) -> None:
        self.update_rows(rows)

    # --- the one change path -------------------------------------------------------------------
    def set_session(self, session) -> None:
        """Rows are prepared for the session's company and reference data (again when they change)."""
        self.session = session
        session.changed.connect(self.prepare_all)
        session.defaults_changed.connect(self.prepare_all)
        session.reference_data_changed.connect(self.prepare_all)
        self.prepare_all()

    def prepare_all(self) -> None:
        self.update_rows(self.model.rows())

    def update_rows(self, rows: list[DocumentRow], *, prepare: bool = True) -> None:
        """Rows changed (read, edited, imported…): prepare them again (:func:`app.jobs.document.refresh`
        decides ready / needs attention and why), repaint them, and tell the form, the preview and
        the status bar (``row_updated``, ``summary_changed``)."""
        rows = [r for r in rows if r in self.model]
        if prepare:
            from app.jobs.document import refresh

            company = getattr(self.session, "company", None)
            references = getattr(self.session, "reference_data", None)
            for row in rows:
                if row.draft is not None:
                    refresh(row, company, references)
        if rows:
            self.model.rows_changed(rows)
        for row in rows:
            self.row_updated.emit(row)
        self.summary_changed.emit(self.intake.summary() if self.model.rowCount() else "")

    # --- row actions -----------------------------------------------------------------------
    def remove_selected(self) -> None:
        """Remove the selected documents: only those shown (a document hidden by the filter is
        never removed by a "select all")."""
        rows = self.selected_rows()
        if rows:
            self._remove(rows)
            text = self.tr("Removed from the queue: %1 (Ctrl+Z in the queue puts them back)").replace(
                "%1", ", ".join(r.name for r in rows[:3]) + ("…" if len(rows) > 3 else ""))
            hidden = self.proxy.hidden_count()
            if hidden:
                text += " " + (self.tr("The document hidden by the filter stays in the queue.") if hidden == 1 else
                               self.tr("The %1 documents hidden by the filter stay in the queue.").replace("%1", str(hidden)))
            self.message.emit(text)

    def _remove(self, rows: list[DocumentRow]) -> None:
        self._removed = list(rows)
        self.model.remove_rows(rows)
        self.undo_remove_action.setEnabled(True)

    def remove_imported(self) -> None:
        """Clear the work list of what is done: every document already in Pennylane."""
        rows = [r for r in self.model.rows() if r.status is DocumentStatus.IMPORTED]
        if not rows:
            self.message.emit(self.tr("No imported document in the queue."))
            return
        self._remove(rows)
        self.message.emit(self.tr("%1 imported documents removed from the queue (Ctrl+Z in the queue puts them back)")
                          .replace("%1", str(len(rows))))

    def undo_remove(self) -> None:
        """Put the last removed rows back (as they were read: nothing is read again)."""
        present = {r.path for r in self.model.rows()}  # added again meanwhile: kept once
        back = [r for r in self._removed if r not in self.model and r.path not in present]
        self._removed = []
        self.undo_remove_action.setEnabled(False)
        if back:
            self.model.add_rows(back)

    def next_to_check_row(self, after: DocumentRow | None) -> DocumentRow | None:
        """The next document after ``after`` that needs checking (:func:`needs_checking`), in the
        view's order, wrapping around. When the filter hides every one of them, it goes back to all."""
        for _attempt in range(2):
            shown = self.proxy.visible_rows()
            start = next((i for i, r in enumerate(shown) if r is after), -1)
            for offset in range(1, len(shown) + 1):
                row = shown[(start + offset) % len(shown)]
                if row is not after and needs_checking(row):
                    return row
            if self.proxy.group is None or not any(r is not after and needs_checking(r) for r in self.model.rows()):
                return None
            self._apply_filter(None)
        return None

    def next_to_check(self) -> None:
        """Select the next document that needs attention or is in error (F8); says so when there is none."""
        if not self._go_to(self.next_to_check_row(self._current)):
            self.message.emit(self.tr("Nothing left to check in the queue."))

    def _go_to(self, row: DocumentRow | None) -> bool:
        if row is None:
            return False
        self.select(row)
        self.view.scrollTo(self.view_index(row))
        return True

    def move_on(self, imported: DocumentRow) -> str:
        """After ``imported`` was imported on its own: the next document to check is selected, as
        F8 would, unless the person moved elsewhere meanwhile. What to add to the status message."""
        if self._current is not imported:
            return ""
        following = self.next_to_check_row(imported)
        if not self._go_to(following):
            return self.tr("Nothing left to check in the queue.")
        return self.tr("Next to check: “%1”.").replace("%1", following.name)

    def show_in_folder(self) -> None:
        row = self._current
        if row is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(row.path.parent)))

    def open_externally(self) -> None:
        row = self._current
        if row is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(row.path)))

    def _context_menu(self, pos: QPoint) -> None:
        if not self.view.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addAction(self.show_in_folder_action)
        menu.addSeparator()
        menu.addAction(self.next_to_check_action)
        menu.addSeparator()
        menu.addAction(self.remove_action)
        menu.addAction(self.remove_imported_action)
        menu.addAction(self.undo_remove_action)
        self.context_menu_opening.emit(menu, self.selected_rows())
        menu.popup(self.view.viewport().mapToGlobal(pos))
