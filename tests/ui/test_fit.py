"""Fit at 1024×700 (issue #19 item 1): a narrow queue keeps the file name and the status icon."""

from __future__ import annotations

from app.ui.queue_model import QueueModel


def test_a_narrow_queue_shows_the_status_as_an_icon_and_drops_the_page_count(qtbot):
    from app.ui.queue_panel import QueuePanel

    panel = QueuePanel()
    qtbot.addWidget(panel)
    view = panel.view
    panel.stack.setCurrentWidget(view)
    panel.resize(500, 400)
    panel.show()
    qtbot.waitUntil(lambda: view.header().sectionSize(QueueModel.STATUS) > view.STATUS_ICON_WIDTH)
    assert not view.isColumnHidden(QueueModel.PAGES)
    full = view.header().sectionSize(QueueModel.STATUS)
    panel.resize(200, 400)  # the queue column at 1024 px
    qtbot.waitUntil(lambda: view.header().sectionSize(QueueModel.STATUS) == view.STATUS_ICON_WIDTH)
    assert view.isColumnHidden(QueueModel.PAGES)
    assert view.viewport().width() - view.STATUS_ICON_WIDTH >= view.NAME_MIN_WIDTH  # the name keeps its room
    panel.resize(500, 400)
    qtbot.waitUntil(lambda: view.header().sectionSize(QueueModel.STATUS) == full)
    assert not view.isColumnHidden(QueueModel.PAGES)
