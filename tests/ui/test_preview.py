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
