"""The PDF preview (QtPdf): loads off the UI thread, zoom, page indicator, unshowable files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QWidget

from app.ui.queue_model import DocumentRow, DocumentStatus

from tests.shared_files import SAMPLES as _SAMPLES_DIR  # noqa: E402

SAMPLES = sorted(_SAMPLES_DIR.glob("*.pdf"))
needs_samples = pytest.mark.skipif(not SAMPLES, reason="shared Factur-X samples not available")


@pytest.fixture(autouse=True)
def idle_pools():
    yield
    from app.ui.tasks import shutdown

    assert shutdown(10_000)


@pytest.fixture
def preview(qtbot):
    from app.ui.preview_panel import PreviewPanel

    panel = PreviewPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 800)
    panel.show()
    return panel


@needs_samples
def test_a_sample_pdf_is_shown_with_its_pages(preview, qtbot):
    path = SAMPLES[0]
    with qtbot.waitSignal(preview.loaded, timeout=10_000) as loaded:
        preview.show_document(DocumentRow(path, path.name, status=DocumentStatus.READY))
    assert loaded.args[0] >= 1
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.document.pageCount() == loaded.args[0]
    assert preview.stack.currentWidget() is preview.view
    assert preview.page_label.text() == f"Page 1 / {loaded.args[0]}"
    assert preview.view.pageMode() == QPdfView.PageMode.MultiPage
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


@needs_samples
def test_zoom_in_out_and_fit_width(preview, qtbot):
    path = SAMPLES[0]
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        preview.show_document(DocumentRow(path, path.name))
    preview.zoom_in_action.trigger()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    zoomed = preview.view.zoomFactor()
    assert zoomed > 1.0
    preview.zoom_out_action.trigger()
    assert preview.view.zoomFactor() < zoomed
    assert preview.zoom_label.text().endswith("%")
    preview.fit_action.trigger()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.fit_action.isChecked()
    shortcuts = {a.shortcut().toString() for a in (preview.zoom_in_action, preview.zoom_out_action, preview.fit_action)}
    assert shortcuts == {"Ctrl++", "Ctrl+-", "Ctrl+0"}


def test_a_file_read_as_an_error_gets_a_friendly_message(preview, qtbot, tmp_path):
    from app.domain.text import Text

    path = tmp_path / "photo.pdf"
    path.write_bytes(b"\xff\xd8\xff\xe0 not a pdf")
    row = DocumentRow(path, path.name, status=DocumentStatus.ERROR, reason=Text("Pas un PDF.", "Not a PDF."))
    with qtbot.waitSignal(preview.failed) as failed:
        preview.show_document(row)
    assert "cannot be shown" in failed.args[0] and "Not a PDF." in failed.args[0]
    assert preview.stack.currentWidget() is preview.message
    assert not preview.zoom_in_action.isEnabled()


def test_garbage_that_qtpdf_cannot_open_is_reported(preview, qtbot, tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    with qtbot.waitSignal(preview.failed, timeout=10_000) as failed:
        preview.show_document(DocumentRow(path, path.name))  # still being read: the preview tries
    assert "cannot be shown" in failed.args[0]


def test_a_file_deleted_meanwhile_is_reported(preview, qtbot, tmp_path):
    with qtbot.waitSignal(preview.failed, timeout=10_000) as failed:
        preview.show_document(DocumentRow(tmp_path / "gone.pdf", "gone.pdf"))
    assert "moved or deleted" in failed.args[0]


@needs_samples
def test_the_latest_selection_wins(preview, qtbot):
    first, last = SAMPLES[0], SAMPLES[-1]
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        preview.show_document(DocumentRow(first, first.name))
        preview.show_document(DocumentRow(last, last.name))
    assert preview._path == last


@needs_samples
def test_selecting_a_row_in_the_window_shows_it(qtbot):
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    preview = window.findChild(QWidget, "pdfPreview")
    assert preview is window.preview_panel
    with qtbot.waitSignal(preview.loaded, timeout=20_000) as loaded:
        window.open_paths([SAMPLES[0]])
    assert loaded.args[0] >= 1
    assert window.queue_panel.current_row is not None
    assert window.queue_panel.current_row.path == SAMPLES[0]


# --- issue #19 item 10: thumbnails, rotation, panning, a readable first zoom ------------------------
@pytest.fixture
def three_pages(tmp_path):
    from app.standin.samples import text_pdf

    path = tmp_path / "three pages.pdf"
    text_pdf(path, [[f"FACTURE page {n}"] + ["Ligne de détail"] * 30 for n in (1, 2, 3)], size=11)
    return path


def _show(preview, qtbot, path):
    with qtbot.waitSignal(preview.loaded, timeout=10_000):
        preview.show_document(DocumentRow(path, path.name, status=DocumentStatus.READY))


def test_a_multi_page_pdf_gets_thumbnails_that_move_between_pages(preview, qtbot, three_pages):
    _show(preview, qtbot, three_pages)
    thumbs = preview.thumbnails
    assert thumbs.isVisible() and thumbs.count() == 3
    qtbot.waitUntil(lambda: all(not thumbs.item(i).icon().isNull() for i in range(3)), timeout=10_000)
    from app.ui.preview_pages import THUMB_WIDTH

    # as big as a thumbnail is (an icon-less first placeholder made every item 14 px, uniform sizes)
    assert thumbs.visualItemRect(thumbs.item(0)).height() >= THUMB_WIDTH
    thumbs.setCurrentRow(2)
    qtbot.waitUntil(lambda: preview.page_label.text() == "Page 3 / 3", timeout=5_000)


def test_a_one_page_pdf_has_no_thumbnail_column(preview, qtbot):
    _show(preview, qtbot, SAMPLES[0])
    if preview.document.pageCount() == 1:
        assert not preview.thumbnails.isVisible()


def test_rotating_turns_the_page_and_back(preview, qtbot, three_pages):
    _show(preview, qtbot, three_pages)
    preview.thumbnails.setCurrentRow(1)
    preview.rotate_right_action.trigger()  # "All pages" is checked by default
    assert preview.rotations == {0: 90, 1: 90, 2: 90} and preview.stack.currentWidget() is preview.rotated
    qtbot.waitUntil(lambda: preview.rotated.rendered(1) is not None, timeout=10_000)
    size = preview.rotated.rendered(1)
    assert size.width() > size.height()  # a portrait page, turned
    assert preview.current_page() == 1 and preview.page_label.text() == "Page 2 / 3"
    preview.rotate_left_action.trigger()
    assert preview.rotations == {} and preview.stack.currentWidget() is preview.view
    assert preview.view.pageNavigator().currentPage() == 1  # still on the page that was turned


def test_turning_one_page_keeps_every_page_in_one_scroll(preview, qtbot, three_pages):
    """#19 item 10: a turned page was shown alone; now the document stays continuous, only the chosen
    page turns, and the view stays on it."""
    _show(preview, qtbot, three_pages)
    preview.thumbnails.setCurrentRow(1)
    qtbot.waitUntil(lambda: preview.current_page() == 1, timeout=5_000)
    preview.all_pages_action.setChecked(False)
    preview.rotate_right_action.trigger()
    assert preview.rotations == {1: 90}
    pages = preview.rotated.pages
    assert len(pages) == 3 and all(label.isVisibleTo(preview.rotated) for label in pages)  # all of them, one scroll
    assert pages[0].height() > pages[0].width() and pages[2].height() > pages[2].width()  # upright
    assert pages[1].width() > pages[1].height()  # turned
    assert pages[0].y() < pages[1].y() < pages[2].y()
    assert preview.current_page() == 1 and preview.page_label.text() == "Page 2 / 3"
    qtbot.waitUntil(lambda: preview.rotated.rendered(1) is not None, timeout=10_000)
    # scrolling on moves to the next page, upright, and the indicator follows
    preview.go_to_page(2)
    assert preview.current_page() == 2 and preview.page_label.text() == "Page 3 / 3"
    qtbot.waitUntil(lambda: preview.rotated.rendered(2) is not None, timeout=10_000)
    assert preview.rotated.rendered(2).height() > preview.rotated.rendered(2).width()
    # zooming keeps the place
    preview.zoom_in_action.trigger()
    assert preview.current_page() == 2 and preview.rotated.zoom > 1.0
    preview.go_to_page(1)
    preview.rotate_left_action.trigger()  # page 2 upright again: back to the ordinary view, on page 2
    assert preview.rotations == {} and preview.stack.currentWidget() is preview.view
    assert preview.view.pageNavigator().currentPage() == 1


def test_a_narrow_preview_opens_at_a_readable_zoom_and_a_wide_one_fits(qtbot, three_pages):
    from app.ui.preview_panel import READABLE_ZOOM, PreviewPanel

    narrow = PreviewPanel()
    qtbot.addWidget(narrow)
    narrow.resize(340, 700)  # the default column at 1024 px: fit width would make the page ~300 px wide
    narrow.show()
    _show(narrow, qtbot, three_pages)
    assert narrow.view.zoomMode() == QPdfView.ZoomMode.Custom and narrow.view.zoomFactor() == READABLE_ZOOM
    assert not narrow.thumbnails.isVisible()  # the narrow column goes to the page, not to thumbnails
    wide = PreviewPanel()
    qtbot.addWidget(wide)
    wide.resize(900, 700)
    wide.show()
    _show(wide, qtbot, three_pages)
    assert wide.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert wide.thumbnails.isVisible()


def test_dragging_the_page_pans_it(preview, qtbot, three_pages):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    _show(preview, qtbot, three_pages)
    for _ in range(3):
        preview.zoom_in_action.trigger()
    viewport = preview.view.viewport()
    bar = preview.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 200, timeout=5_000)
    before = bar.value()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(200, 300))
    QTest.mouseMove(viewport, QPoint(200, 200))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert bar.value() == before + 100  # dragged up by 100 px: the page moved up with the hand
