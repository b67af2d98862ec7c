"""Fit at 1024×700 (issue #19 items 1 and 8): a narrow queue keeps the name column — two lines per
document: counterpart, then date · total — and the status icon; the chosen columns come as the queue
widens, never with a horizontal scroll bar."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.queue_model import QueueModel


def _shown(view) -> set[int]:
    return {c for c in range(QueueModel.COLUMN_COUNT) if not view.isColumnHidden(c)}


def test_a_narrow_queue_shows_the_status_as_an_icon_and_the_columns_come_as_it_widens(qtbot):
    from app.ui.queue_panel import QueuePanel

    panel = QueuePanel()
    qtbot.addWidget(panel)
    view = panel.view
    panel.stack.setCurrentWidget(view)
    panel.resize(900, 400)
    panel.show()
    qtbot.waitUntil(lambda: view.header().sectionSize(QueueModel.STATUS) > view.STATUS_ICON_WIDTH)
    wide = _shown(view)
    assert wide == {QueueModel.NAME, QueueModel.COUNTERPART, QueueModel.DATE, QueueModel.TOTAL, QueueModel.STATUS}
    full = view.header().sectionSize(QueueModel.STATUS)
    panel.resize(200, 400)  # the queue column at 1024 px
    qtbot.waitUntil(lambda: view.header().sectionSize(QueueModel.STATUS) == view.STATUS_ICON_WIDTH)
    assert _shown(view) == {QueueModel.NAME, QueueModel.STATUS}
    assert panel.proxy.headerData(QueueModel.STATUS, Qt.Orientation.Horizontal) == ""  # not a cut "Statu"
    assert view.viewport().width() - view.STATUS_ICON_WIDTH >= view.NAME_MIN_WIDTH  # the name keeps its room
    # the counterpart, date and total are on each row's two lines: not "no room"; pages: not chosen
    assert view.two_lines and not view.lacks_room(QueueModel.TOTAL) and not view.lacks_room(QueueModel.PAGES)
    previous = _shown(view)
    for width in range(220, 901, 40):
        panel.resize(width, 400)
        qtbot.wait(5)  # the panel's layout gives the view its width
        shown = _shown(view)
        assert previous <= shown  # a wider queue never shows fewer columns
        used = sum(view.header().sectionSize(c) for c in shown if c != QueueModel.NAME)
        assert used + view.NAME_MIN_WIDTH <= view.viewport().width()  # no horizontal scroll bar
        assert not view.horizontalScrollBar().isVisible()
        assert view.two_lines == (QueueModel.DATE not in shown)  # one rule: the date's column, else its line
        if not view.two_lines:  # one line only once the counterpart is not cut to "Fournisse…" in its column
            assert view.header().sectionSize(QueueModel.COUNTERPART) >= view.counterpart_comfort
        previous = shown
    assert not view.two_lines
    assert view.header().sectionSize(QueueModel.STATUS) == full
    assert panel.proxy.headerData(QueueModel.STATUS, Qt.Orientation.Horizontal) == "Status"


def test_the_header_menu_shows_and_hides_columns(qtbot):
    from app.ui.queue_panel import QueuePanel

    panel = QueuePanel()
    qtbot.addWidget(panel)
    view = panel.view
    panel.stack.setCurrentWidget(view)
    panel.resize(1200, 400)
    panel.show()
    qtbot.waitUntil(lambda: not view.isColumnHidden(QueueModel.DATE))
    menu = view.column_menu()
    actions = {a.data(): a for a in menu.actions() if a.data()}
    assert set(actions) == {"counterpart", "date", "total", "pages", "reason"}  # name and status always shown
    assert not actions["pages"].isChecked() and actions["date"].isChecked()
    actions["pages"].trigger()
    actions["date"].trigger()
    assert not view.isColumnHidden(QueueModel.PAGES) and view.isColumnHidden(QueueModel.DATE)
    assert view.chosen_columns() == ["name", "counterpart", "total", "status", "pages"]
    panel.resize(200, 400)
    qtbot.waitUntil(lambda: view.isColumnHidden(QueueModel.PAGES))
    narrow = {a.data(): a.text() for a in view.column_menu().actions() if a.data()}
    assert "widen the queue" in narrow["pages"] and "widen" not in narrow["date"]  # chosen, but no room: said
