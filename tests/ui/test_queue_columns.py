"""The queue as a work list (issue #19 items 3, 7 and 8): counterpart, date and total columns,
sorting, the status filter with its counts, and every row↔view mapping through the proxy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.invoice import new_draft
from app.ui.queue_model import DocumentRow, DocumentStatus, QueueModel, StatusGroup


def _row(name: str, status: DocumentStatus, *, total: str | None = None, day: str | None = None,
         counterpart: str | None = None, currency: str = "EUR") -> DocumentRow:
    draft = new_draft("supplier")
    draft.amount = Decimal(total) if total is not None else None
    draft.date = dt.date.fromisoformat(day) if day else None
    draft.counterpart_name = counterpart
    draft.currency = currency
    return DocumentRow(Path(f"/tmp/q/{name}"), name, status=status, draft=draft)


@pytest.fixture
def queue(qtbot):
    from app.ui.queue_panel import QueuePanel

    panel = QueuePanel()
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    rows = [
        _row("a.pdf", DocumentStatus.READY, total="1234.56", day="2026-03-02", counterpart="Au bon moulin"),
        _row("b.pdf", DocumentStatus.NEEDS_ATTENTION, total="99.90", day="2026-11-20", counterpart="Papeterie"),
        _row("c.pdf", DocumentStatus.IMPORTED, total="-45.00", day="2025-12-31", counterpart="Avoir Mercier"),
        _row("d.pdf", DocumentStatus.ERROR),
        _row("e.pdf", DocumentStatus.READY, total="10000.00", day="2026-01-15", counterpart="Télécom"),
        _row("f.pdf", DocumentStatus.NEEDS_ATTENTION, total="5.50", day="2026-06-30"),
    ]
    panel.model.add_rows(rows)
    panel.select(rows[0])
    return panel, rows


def _names(panel) -> list[str]:
    return [r.name for r in panel.proxy.visible_rows()]


def _cell(panel, row: DocumentRow, column: int) -> str:
    return panel.view_index(row, column).data(Qt.ItemDataRole.DisplayRole)


def test_the_columns_show_the_counterpart_date_and_total_in_the_language(french, queue):
    panel, rows = queue
    assert _cell(panel, rows[0], QueueModel.COUNTERPART) == "Au bon moulin"
    assert _cell(panel, rows[0], QueueModel.DATE) == "02/03/2026"
    assert _cell(panel, rows[0], QueueModel.TOTAL) == "1\u202f234,56\u00a0€"
    assert _cell(panel, rows[2], QueueModel.TOTAL) == "-45,00\u00a0€"  # a credit note
    assert _cell(panel, rows[3], QueueModel.TOTAL) == "" and _cell(panel, rows[3], QueueModel.COUNTERPART) == ""
    assert panel.model.headerData(QueueModel.TOTAL, Qt.Orientation.Horizontal) == "TTC"
    tip = panel.view_index(rows[0], QueueModel.NAME).data(Qt.ItemDataRole.ToolTipRole)
    # the whole name, what a narrow queue's hidden columns say, the full path
    assert tip.splitlines() == ["a.pdf", "Au bon moulin · 02/03/2026 · 1\u202f234,56\u00a0€", str(rows[0].path)]
    tip = panel.view_index(rows[3], QueueModel.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["d.pdf", str(rows[3].path)]  # nothing read: no empty line


def test_the_total_in_english(queue):
    panel, rows = queue
    assert _cell(panel, rows[0], QueueModel.TOTAL) == "€1,234.56"
    assert _cell(panel, rows[0], QueueModel.DATE) == "2026-03-02"


def test_sorting_by_total_and_by_date_then_back_to_the_order_added(queue):
    panel, rows = queue
    header = panel.view.header()
    header.setSortIndicator(QueueModel.TOTAL, Qt.SortOrder.AscendingOrder)  # as a click on the header does
    assert _names(panel) == ["c.pdf", "f.pdf", "b.pdf", "a.pdf", "e.pdf", "d.pdf"]  # no total: last
    header.setSortIndicator(QueueModel.TOTAL, Qt.SortOrder.DescendingOrder)
    assert _names(panel)[:5] == ["e.pdf", "a.pdf", "b.pdf", "f.pdf", "c.pdf"]
    header.setSortIndicator(QueueModel.DATE, Qt.SortOrder.AscendingOrder)
    assert _names(panel) == ["c.pdf", "e.pdf", "a.pdf", "f.pdf", "b.pdf", "d.pdf"]
    header.setSortIndicator(QueueModel.STATUS, Qt.SortOrder.AscendingOrder)
    assert _names(panel)[:3] == ["b.pdf", "f.pdf", "d.pdf"]  # what needs the person first
    assert panel.current_row is rows[0]  # the selection follows its row, not its place
    assert panel.view.currentIndex() == panel.view_index(rows[0])
    unsort = next(a for a in panel.view.column_menu().actions() if a.objectName() == "unsortAction")
    unsort.trigger()
    assert _names(panel) == [r.name for r in rows] and header.sortIndicatorSection() == -1


def test_the_status_filter_hides_rows_and_counts_them(queue):
    panel, rows = queue
    combo = panel.filter_combo
    assert combo.isVisibleTo(panel)
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts == ["All (6)", "To check (2)", "Ready (2)", "Imported (1)", "Errors (1)"]
    combo.setCurrentIndex(combo.findData(StatusGroup.TO_CHECK))  # as the person picks it
    assert _names(panel) == ["b.pdf", "f.pdf"]
    assert panel.current_row is rows[1]  # the current one was hidden: the first shown is selected
    combo.setCurrentIndex(combo.findData(StatusGroup.ERRORS))
    assert _names(panel) == ["d.pdf"] and panel.current_row is rows[3]
    rows[4].status = DocumentStatus.ERROR  # an import failed meanwhile
    panel.update_rows([rows[4]], prepare=False)
    assert _names(panel) == ["d.pdf", "e.pdf"] and combo.itemText(4) == "Errors (2)" and combo.itemText(2) == "Ready (1)"
    panel.set_filter(None)
    assert len(_names(panel)) == 6


def test_the_current_document_stays_shown_when_its_status_leaves_the_filter(queue):
    panel, rows = queue
    panel.set_filter(StatusGroup.TO_CHECK)
    panel.select(rows[1])
    rows[1].status = DocumentStatus.READY  # the person fixed it in the form
    panel.update_rows([rows[1]], prepare=False)
    assert _names(panel) == ["b.pdf", "f.pdf"] and panel.current_row is rows[1]  # not taken from under the eyes
    panel.select(rows[5])
    assert _names(panel) == ["f.pdf"]  # once left, it goes where it now belongs


def test_select_all_then_delete_removes_only_what_the_filter_shows(queue, qtbot):
    panel, rows = queue
    panel.set_filter(StatusGroup.TO_CHECK)
    panel.view.selectAll()
    with qtbot.waitSignal(panel.message) as said:
        panel.remove_action.trigger()
    assert [r.name for r in panel.model.rows()] == ["a.pdf", "c.pdf", "d.pdf", "e.pdf"]
    assert "4 documents hidden by the filter stay in the queue" in said.args[0]


def test_next_to_check_follows_the_view_order_and_a_filter(queue, qtbot):
    panel, rows = queue
    panel.view.header().setSortIndicator(QueueModel.TOTAL, Qt.SortOrder.AscendingOrder)  # c f b a e d
    panel.select(rows[0])
    panel.next_to_check()
    assert panel.current_row is rows[3]  # after a (1 234,56) in the view: e is ready, then d, in error
    panel.next_to_check()
    assert panel.current_row is rows[5]  # wrapped: f (5,50) comes before b (99,90)
    panel.next_to_check()
    assert panel.current_row is rows[1]
    panel.set_filter(StatusGroup.READY)
    panel.select(rows[0])
    panel.next_to_check()  # none shown needs checking: the filter goes back to all
    assert panel.filter_group is None and panel.current_row is rows[3]
    assert panel.view.currentIndex() == panel.view_index(rows[3])


def test_added_files_are_selected_even_under_a_filter_that_would_hide_them(queue):
    panel, rows = queue
    panel.set_filter(StatusGroup.IMPORTED)
    added = [DocumentRow(Path(f"/tmp/q/new{i}.pdf"), f"new{i}.pdf") for i in range(2)]  # being read
    panel.model.add_rows(added)
    assert panel.filter_group is None and panel.filter_combo.currentData() is None
    assert panel.current_row is added[0] and panel.view.currentIndex() == panel.view_index(added[0])
    panel.set_filter(StatusGroup.TO_CHECK)  # files being read show under "To check"
    more = [DocumentRow(Path("/tmp/q/later.pdf"), "later.pdf")]
    panel.model.add_rows(more)
    assert panel.filter_group is StatusGroup.TO_CHECK and panel.current_row is more[0]


def test_names_that_start_alike_stay_apart_when_elided(qtbot):
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QWidget

    from app.ui.queue_panel import QueueView, elide_file_name

    metrics = QFontMetrics(QWidget().font())
    width = QueueView.NAME_MIN_WIDTH - 8
    names = ["au-bon-moulin-AM-2026-1187.pdf", "au-bon-moulin-AM-2026-1254.pdf"]

    def fits(text: str) -> bool:
        return metrics.horizontalAdvance(text) <= width

    shown = [elide_file_name(n, fits) for n in names]
    assert all(fits(s) for s in shown) and all(s.endswith(".pdf") and "…" in s for s in shown)
    assert shown[0] != shown[1] and "1187" in shown[0] and "1254" in shown[1]
    assert elide_file_name("short.pdf", fits) == "short.pdf"


def test_the_sorted_filtered_queue_passes_qts_model_tester(queue):
    from PySide6.QtTest import QAbstractItemModelTester

    panel, rows = queue
    QAbstractItemModelTester(panel.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    panel.view.header().setSortIndicator(QueueModel.TOTAL, Qt.SortOrder.DescendingOrder)
    panel.set_filter(StatusGroup.READY)
    rows[1].status = DocumentStatus.READY
    panel.update_rows([rows[1]], prepare=False)
    panel.model.add_rows([_row("g.pdf", DocumentStatus.READY, total="1.00")])
    panel.model.remove_rows([rows[0], rows[3]])
    panel.set_filter(None)
    assert len(_names(panel)) == 5


# --- a narrow queue: two lines per document (issue #19 item 8) ------------------------------------
def _narrow(panel, qtbot, width: int = 220) -> None:
    panel.resize(width, 400)
    qtbot.waitUntil(lambda: panel.view.two_lines)


def _lines(panel, row: DocumentRow):
    from app.ui.queue_model import LINES_ROLE

    return panel.view_index(row, QueueModel.NAME).data(LINES_ROLE)


def test_a_narrow_queue_shows_the_counterpart_then_the_date_and_total(french, queue, qtbot):
    panel, rows = queue
    assert not panel.view.two_lines  # 900 px: the columns
    _narrow(panel, qtbot)
    view = panel.view
    assert {c for c in range(QueueModel.COLUMN_COUNT) if not view.isColumnHidden(c)} == {QueueModel.NAME, QueueModel.STATUS}
    lines = _lines(panel, rows[0])
    assert (lines.first, lines.detail, lines.amount) == ("Au bon moulin", "02/03/2026", "1\u202f234,56\u00a0€")
    assert lines.second == "02/03/2026 · 1\u202f234,56\u00a0€" and not lines.first_is_name
    assert _lines(panel, rows[5]).first == "f.pdf" and _lines(panel, rows[5]).first_is_name  # no counterpart read
    # what the delegate draws, fitted to the cell: the counterpart and the date whole at 220 px
    delegate = view.name_delegate
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(panel.view_index(rows[0]))
    delegate.initStyleOption(option, panel.view_index(rows[0]))
    assert delegate.texts(option, lines) == ("Au bon moulin", "02/03/2026", "1\u202f234,56\u00a0€")
    # the file name stays in the tooltip, with the path
    assert panel.view_index(rows[0]).data(Qt.ItemDataRole.ToolTipRole).splitlines()[0] == "a.pdf"
    assert panel.proxy.headerData(QueueModel.NAME, Qt.Orientation.Horizontal) == "Documents"
    spoken = panel.view_index(rows[0]).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "Au bon moulin, 02/03/2026 · 1\u202f234,56\u00a0€"  # a screen reader says what is drawn


def test_a_row_being_read_or_unreadable_shows_its_file_name_and_why(queue, qtbot):
    from app.domain.text import Text

    panel, rows = queue
    _narrow(panel, qtbot)
    reading = DocumentRow(Path("/tmp/q/scan0042.pdf"), "scan0042.pdf")
    panel.model.add_rows([reading])
    lines = _lines(panel, reading)
    assert (lines.first, lines.second, lines.first_is_name) == ("scan0042.pdf", "Reading…", True)
    reading.reason = Text("OCR, page 1/2…", "OCR, page 1/2…")
    panel.model.rows_changed([reading])  # as the OCR's progress does: the cached lines go
    assert _lines(panel, reading).second == "OCR, page 1/2…"
    rows[3].reason = Text("Pas un PDF", "Not a PDF\nmore")
    panel.model.rows_changed([rows[3]])
    assert (_lines(panel, rows[3]).first, _lines(panel, rows[3]).second) == ("d.pdf", "Not a PDF")
    rows[5].draft.counterpart_name = "Boulangerie  Martin"  # chosen in the form
    panel.update_rows([rows[5]], prepare=False)
    assert _lines(panel, rows[5]).first == "Boulangerie Martin"


def test_rows_are_two_lines_high_only_in_a_narrow_queue(queue, qtbot):
    panel, rows = queue
    view = panel.view
    one = view.visualRect(panel.view_index(rows[0])).height()
    _narrow(panel, qtbot)
    qtbot.waitUntil(lambda: view.visualRect(panel.view_index(rows[0])).height() > one)
    two = view.visualRect(panel.view_index(rows[0])).height()
    assert two >= 2 * view.fontMetrics().lineSpacing() and two > one * 1.5
    assert view.visualRect(panel.view_index(rows[4])).height() == two  # every row: uniform heights
    panel.resize(900, 400)
    qtbot.waitUntil(lambda: not view.two_lines)
    qtbot.waitUntil(lambda: view.visualRect(panel.view_index(rows[0])).height() == one)
    assert not view.isColumnHidden(QueueModel.COUNTERPART) and not view.isColumnHidden(QueueModel.DATE)


def test_a_click_on_documents_sorts_by_counterpart_and_the_sort_menu_offers_the_others(french, queue, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    panel, rows = queue
    _narrow(panel, qtbot)
    header = panel.view.header()

    def click() -> None:
        x = header.sectionViewportPosition(QueueModel.NAME) + header.sectionSize(QueueModel.NAME) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    click()
    # by counterpart (Au bon moulin, Avoir Mercier, Papeterie, Télécom), then those without one, by file name
    assert _names(panel) == ["a.pdf", "c.pdf", "b.pdf", "e.pdf", "d.pdf", "f.pdf"]
    assert panel.proxy.headerData(QueueModel.NAME, Qt.Orientation.Horizontal) == "Par tiers"
    option = __import__("PySide6.QtWidgets", fromlist=["QStyleOptionHeader"]).QStyleOptionHeader()
    header.initStyleOptionForIndex(option, QueueModel.NAME)
    assert option.sortIndicator != option.SortIndicator.None_  # the arrow on the column that shows the counterpart
    click()
    assert _names(panel)[:4] == ["e.pdf", "b.pdf", "c.pdf", "a.pdf"]  # descending
    click()
    assert _names(panel) == [r.name for r in rows] and header.sortIndicatorSection() == -1  # the order added
    assert panel.proxy.headerData(QueueModel.NAME, Qt.Orientation.Horizontal) == "Documents"
    sort_menu = panel.view.column_menu().findChild(type(panel.view.column_menu()), "queueSortMenu")
    by_date = next(a for a in sort_menu.actions() if a.objectName() == "sortBy_date")
    by_date.trigger()
    assert _names(panel) == ["c.pdf", "e.pdf", "a.pdf", "f.pdf", "b.pdf", "d.pdf"]
    assert panel.proxy.headerData(QueueModel.NAME, Qt.Orientation.Horizontal) == "Par date"
    sort_menu = panel.view.column_menu().findChild(type(sort_menu), "queueSortMenu")
    assert next(a for a in sort_menu.actions() if a.objectName() == "sortBy_date").isChecked()
    next(a for a in sort_menu.actions() if a.objectName() == "sortDescending").trigger()
    assert _names(panel)[:2] == ["b.pdf", "f.pdf"]
    panel.resize(900, 400)  # wide again: the same sort, its arrow on the date column
    qtbot.waitUntil(lambda: not panel.view.two_lines)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (QueueModel.DATE, Qt.SortOrder.DescendingOrder)
    assert panel.proxy.headerData(QueueModel.NAME, Qt.Orientation.Horizontal) == "Nom"


def test_switching_between_one_and_two_lines_passes_qts_model_tester(queue, qtbot):
    from PySide6.QtTest import QAbstractItemModelTester

    panel, rows = queue
    QAbstractItemModelTester(panel.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    _narrow(panel, qtbot)
    panel.view.sort_by(QueueModel.COUNTERPART)
    panel.model.add_rows([_row("g.pdf", DocumentStatus.READY, total="1.00", counterpart="Zinc")])
    panel.model.remove_rows([rows[0]])
    panel.resize(900, 400)
    qtbot.waitUntil(lambda: not panel.view.two_lines)
    assert _names(panel)[-3:] == ["g.pdf", "d.pdf", "f.pdf"]


@pytest.mark.parametrize("dark", [False, True])
def test_the_second_line_is_drawn_in_the_palettes_muted_colour(queue, qtbot, dark):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QImage, QPainter, QPalette
    from PySide6.QtWidgets import QStyleOptionViewItem

    from app.ui import colours

    panel, rows = queue
    _narrow(panel, qtbot)
    view = panel.view
    palette = QPalette(view.palette())
    if dark:  # what a dark desktop theme gives
        for role, colour in ((QPalette.ColorRole.Window, "#2d2d30"), (QPalette.ColorRole.WindowText, "#f0f0f0"),
                             (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#f0f0f0")):
            palette.setColor(role, QColor(colour))
    index = panel.view_index(rows[1])  # not the selected row
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.palette = palette
    option.state &= ~option.state.State_Selected
    height = view.name_delegate.two_line_height(option.font)
    option.rect = QRect(0, 0, 200, height)
    image = QImage(200, height, QImage.Format.Format_RGB32)
    base = palette.color(QPalette.ColorRole.Base)
    image.fill(base)
    painter = QPainter(image)
    view.name_delegate.paint(painter, option, index)
    painter.end()
    first_bottom = view.name_delegate.PADDING + view.fontMetrics().lineSpacing()

    def farthest_from_base(top: int, bottom: int) -> QColor:  # a glyph's fully covered pixel: the pen's colour
        pixels = (image.pixelColor(x, y) for x in range(200) for y in range(top, bottom))
        return max(pixels, key=lambda c: abs(c.lightness() - base.lightness()))

    first, second = farthest_from_base(0, first_bottom), farthest_from_base(first_bottom + 1, height)
    text, muted = palette.color(QPalette.ColorRole.Text), QColor(colours.muted(palette))
    assert abs(first.lightness() - text.lightness()) <= 24  # the counterpart: the text colour
    assert abs(second.lightness() - muted.lightness()) <= 24  # the date and total: muted, readable on this palette
    assert abs(muted.lightness() - text.lightness()) >= 40 and colours.contrast(muted.name(), base.name()) >= 4.5
