"""Scans and photos in the queue: an image row stands for the PDF made from it, OCR shows its
progress on the row, and removing a row being read stops its OCR."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.jobs import intake_work
from app.ui import reading_processes
from app.ui.intake import IntakeController
from app.ui.queue_model import DocumentStatus, QueueModel
from tests.pdf.ocr_images import save, text_image


@pytest.fixture(autouse=True)
def idle_pools():
    yield
    from app.ui.tasks import shutdown

    assert shutdown(10_000)


def test_ocr_progress_shows_on_the_row_and_an_image_row_becomes_its_pdf(qtbot, tmp_path):
    png = save(text_image(), tmp_path / "ticket.png")
    seen: list[str] = []
    release = threading.Event()

    def reader(path, progress=None, token=None):
        progress(1, 2)
        release.wait(5)
        return intake_work.read_for_queue(path)  # real reading (image -> PDF -> OCR) on this thread

    reader.reports_progress = True
    model = QueueModel()
    intake = IntakeController(model, reader=reader)
    model.dataChanged.connect(lambda *a: seen.append(str(model.rows()[0].reason)))
    intake.add_paths([png])
    qtbot.waitUntil(lambda: any("page 1/2" in s for s in seen), timeout=5_000)
    assert model.rows()[0].status is DocumentStatus.READING
    release.set()
    qtbot.waitUntil(lambda: model.rows()[0].is_final, timeout=30_000)
    row = model.rows()[0]
    assert row.status is not DocumentStatus.ERROR, row.reason
    assert row.path.suffix == ".pdf" and row.path.is_file() and row.extra["source_file"] == png
    assert row.name == "ticket.png" and row.reading.source == "ocr"
    model.remove_rows([row])
    intake.add_paths([png])  # removed, so it can be dropped again
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5_000)


def test_removing_a_row_being_read_cancels_its_ocr(qtbot, tmp_path):
    png = save(text_image(), tmp_path / "scan.png")
    tokens: list[str] = []
    cancelled_seen = threading.Event()

    def reader(path, progress=None, token=None):
        tokens.append(token)
        marker = reading_processes._marker(token)
        for _ in range(500):  # what OCR does between pages: ask whether it was cancelled
            if Path(marker).exists():
                cancelled_seen.set()
                break
            threading.Event().wait(0.01)
        return intake_work.read_for_queue(path, cancelled=lambda: Path(marker).exists())

    reader.reports_progress = True
    model = QueueModel()
    intake = IntakeController(model, reader=reader)
    intake.add_paths([png])
    qtbot.waitUntil(lambda: model.rowCount() == 1 and bool(tokens), timeout=5_000)
    model.remove_rows(model.rows())
    assert cancelled_seen.wait(5)
    qtbot.waitUntil(lambda: not intake.busy, timeout=10_000)


def test_reading_processes_report_ocr_pages_and_cancel(tmp_path):
    """The real path: a worker process reads a picture; its page progress crosses processes."""
    png = save(text_image(), tmp_path / "photo.png")
    pages: list[tuple[int, int]] = []
    outcome = reading_processes.read_for_queue(png, progress=lambda page, total: pages.append((page, total)))
    assert outcome.reading.error is None and outcome.reading.source == "ocr"
    assert outcome.reading.invoice.invoice_number == "F-2024-017"
    deadline = threading.Event()
    for _ in range(100):
        if pages:
            break
        deadline.wait(0.05)
    assert pages == [(1, 1)]
    token = reading_processes.new_token()
    reading_processes.cancel(token)  # cancelled before it starts: stops at the first OCR step
    other = save(text_image(("FACTURE 2",)), tmp_path / "other.png")
    stopped = reading_processes.read_for_queue(other, token=token)
    assert stopped.reading.error is not None and stopped.reading.error.code == "cancelled"
