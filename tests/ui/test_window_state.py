"""What the window remembers (issue #19): size, position, splitters, column widths, last folder;
and its first size from the screen."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QFileDialog, QSplitter

from app.ui import window_state
from app.ui.history_model import HistoryModel


def _window(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_size_splitters_and_column_widths_come_back_in_the_next_session(qtbot):
    window = _window(qtbot)
    window.resize(760, 540)
    splitter = window.findChild(QSplitter, "mainSplitter")
    qtbot.waitUntil(lambda: sum(splitter.sizes()) > 600)
    before = splitter.sizes()
    total = sum(before)
    splitter.setSizes([total - 2 * (total // 3) + 40, total // 3 - 40, total // 3])
    qtbot.wait(10)
    sizes = splitter.sizes()
    assert sizes != before  # the person moved a splitter
    window.imports.history_action.trigger()
    dialog = window.imports.history_dialog
    dialog.resize(700, 420)
    dialog.table.horizontalHeader().resizeSection(HistoryModel.NUMBER, 133)
    dialog.close()
    window.close()
    assert window_state.layout_path().exists()

    again = _window(qtbot)
    assert (again.width(), again.height()) == (760, 540)
    assert again.findChild(QSplitter, "mainSplitter").sizes() == sizes
    again.imports.history_action.trigger()
    dialog = again.imports.history_dialog
    assert (dialog.width(), dialog.height()) == (700, 420)
    assert dialog.table.horizontalHeader().sectionSize(HistoryModel.NUMBER) == 133
    dialog.close()
    again.close()


def test_without_a_remembered_layout_the_first_size_comes_from_the_screen(qtbot):
    window = _window(qtbot)
    available = window.screen().availableGeometry()
    frame = window.frameGeometry()
    assert available.contains(frame), (available, frame)  # title bar and Import button on screen
    assert frame.width() >= min(available.width(), 1024) - 16
    window.close()


def test_the_default_size_fits_a_1600x1000_screen_at_150_percent_and_is_centred():
    available = QRect(0, 0, 1067, 627)  # 1600×1000 px at 150 %, less a task bar
    rect = window_state.default_rect(available)
    assert available.contains(rect)
    assert rect.width() == 1024 and rect.height() == 627  # the minimum layout width, the whole height
    assert rect.center() == available.center()
    big = window_state.default_rect(QRect(0, 0, 2560, 1400))
    assert (big.width(), big.height()) == (1440, 900)


def test_a_damaged_or_hostile_layout_file_gives_the_default_layout(qtbot):
    path = window_state.layout_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"geometry": {"mainWindow": "not base64!!", "x": "A" * 20_000},
                                "splitters": ["wrong type"], "headers": {"documentQueue/4": "AAAA"}}))
    layout = window_state.load_layout()
    assert layout.geometry == {} and layout.splitters == {}
    assert layout.headers == {"documentQueue/4": "AAAA"}
    path.write_text("{ not json")
    assert window_state.load_layout() == window_state.WindowLayout()
    window = _window(qtbot)  # opens, with its default size
    assert window.width() > 0
    window.close()


def test_browse_starts_in_the_last_folder_also_in_the_next_session(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "factures"
    folder.mkdir()
    pdf = folder / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    seen: list[str] = []

    def fake_open(parent, caption, directory, filters):
        seen.append(directory)
        return [str(pdf)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", fake_open)
    window = _window(qtbot)
    assert window.queue_panel.start_folder() == Path.home()  # not the working directory
    window.queue_panel.browse()
    assert window.queue_panel.start_folder() == folder

    from app.config import load_settings

    qtbot.waitUntil(lambda: load_settings().last_folder == str(folder))
    window.close()
    again = _window(qtbot)
    again.queue_panel.browse()
    assert seen == [str(Path.home()), str(folder)]
    again.close()


def test_the_first_layout_gives_the_form_its_width_at_1024_px():
    sizes = window_state.default_splitter_sizes(1000, 510)
    assert sizes[2] >= 510 and sum(sizes) == 1000 and sizes[0] >= window_state.QUEUE_MIN
    assert sizes[1] >= window_state.PREVIEW_MIN
    wide = window_state.default_splitter_sizes(1900, 510)
    assert wide[0] == window_state.QUEUE_MAX and wide[2] == int(1900 * window_state.FORM_SHARE)
    tiny = window_state.default_splitter_sizes(700, 510)
    assert sum(tiny) == 700 and tiny[1] >= 175  # the preview is not squeezed to nothing


def test_the_main_window_opens_with_the_form_wide_enough(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1008, 652)  # what a 1024×700 screen gives it
    window.show()
    qtbot.waitExposed(window)
    splitter = window.findChild(QSplitter, "mainSplitter")
    assert splitter.sizes()[2] >= window_state.form_width(window.form_panel) - 4


def test_the_queue_columns_and_sort_order_come_back_in_the_next_session(qtbot):
    from PySide6.QtCore import Qt

    from app.ui.queue_model import QueueModel

    window = _window(qtbot)
    view = window.queue_panel.view
    assert window.queue_panel.proxy.sortColumn() == -1  # the first time: in the order added
    view.header().setSortIndicator(QueueModel.TOTAL, Qt.SortOrder.DescendingOrder)  # a click on the header
    view.show_column(QueueModel.PAGES, True)
    view.show_column(QueueModel.DATE, False)
    chosen = view.chosen_columns()
    window.close()
    saved = json.loads(window_state.layout_path().read_text())
    assert saved["columns"]["documentQueue/7"] == ",".join(chosen)

    again = _window(qtbot)
    view = again.queue_panel.view
    assert view.chosen_columns() == chosen == ["name", "counterpart", "total", "status", "pages"]
    assert (view.header().sortIndicatorSection(), view.header().sortIndicatorOrder()) == (QueueModel.TOTAL, Qt.SortOrder.DescendingOrder)
    proxy = again.queue_panel.proxy
    assert (proxy.sortColumn(), proxy.sortOrder()) == (QueueModel.TOTAL, Qt.SortOrder.DescendingOrder)  # sorted, not only drawn so
    again.close()


def test_a_hostile_column_list_is_bounded():
    layout = window_state.WindowLayout.from_dict({"columns": {"documentQueue/7": "name,<script>,total,Pages,",
                                                             "big/7": "name," * 200, "other": 12}})
    assert layout.columns == {"documentQueue/7": "name,total"}  # unknown shapes dropped, oversized lists too
