"""Getting files in: drag and drop on the main window, folders, duplicates, bad files, the queue
model, the background helper. Offscreen; every wait is on a signal or a condition, never a sleep."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget


from tests.shared_files import SAMPLES  # noqa: E402
SAMPLE = SAMPLES / "facturx_FR_MINIMUM_FA-2017-0010.pdf"
needs_samples = pytest.mark.skipif(not SAMPLE.exists(), reason="shared Factur-X samples not available")


@pytest.fixture(autouse=True)
def idle_pools():
    """No worker may outlive a test (QThreadPool threads touching deleted objects)."""
    yield
    from app.ui.tasks import shutdown

    assert shutdown(10_000)


@pytest.fixture
def window(qtbot):
    from app.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


def unique_copy(source: Path, target: Path, tag: str) -> Path:
    """A copy with a different sha256 (a trailing comment after %%EOF)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    with target.open("ab") as fh:
        fh.write(f"\n% {tag}\n".encode())
    return target


def mime_for(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def send_drag(window: QWidget, mime: QMimeData, target: QWidget | None = None) -> QDragEnterEvent:
    target = target or window
    pos = QPointF(target.width() / 2, target.height() / 2)
    event = QDragEnterEvent(pos, Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    return event


def drop(window: QWidget, paths: list[Path], target: QWidget | None = None) -> QDropEvent:
    target = target or window
    mime = mime_for(paths)  # kept referenced until the events are handled
    enter = send_drag(window, mime, target)
    assert enter.isAccepted()
    pos = QPointF(target.width() / 2, target.height() / 2)
    move = QDragMoveEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, move)
    event = QDropEvent(pos, Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    assert event.isAccepted()
    assert event.dropAction() == Qt.DropAction.CopyAction  # never a move from the file manager
    return event


def wait_read(qtbot, window, count: int, timeout: int = 20_000) -> list:
    panel = window.queue_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() >= count and not panel.intake.busy
                    and all(r.is_final for r in panel.model.rows()), timeout=timeout)
    return panel.model.rows()


# --- dragging ----------------------------------------------------------------------------------

def test_a_drag_of_pdf_files_is_accepted_as_a_copy_and_shows_the_overlay(window, tmp_path):
    paths = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    mime = mime_for(paths)
    event = send_drag(window, mime)
    assert event.isAccepted()
    assert event.dropAction() == Qt.DropAction.CopyAction
    overlay = window.file_drops.overlay
    assert overlay.isVisible()
    assert overlay.text == "Drop to add 2 files"


def test_a_drag_over_a_child_widget_is_taken_by_the_window(window, tmp_path):
    mime = mime_for([tmp_path / "a.pdf"])
    event = send_drag(window, mime, target=window.queue_panel.view.viewport())
    assert event.isAccepted()
    assert window.file_drops.overlay.text == "Drop to add 1 file"


def test_a_text_drag_is_refused(window):
    mime = QMimeData()
    mime.setText("just some text")
    event = send_drag(window, mime)
    assert not event.isAccepted()
    assert not window.file_drops.overlay.isVisible()


def test_a_web_link_drag_is_refused(window):
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.com/facture.pdf")])
    assert not send_drag(window, mime).isAccepted()


# --- dropping ----------------------------------------------------------------------------------

@needs_samples
def test_a_drop_of_files_a_folder_and_a_non_ascii_name_fills_the_queue(window, qtbot, tmp_path):
    one = unique_copy(SAMPLE, tmp_path / "one.pdf", "1")
    two = unique_copy(SAMPLE, tmp_path / "two.pdf", "2")
    folder = tmp_path / "dossier"
    unique_copy(SAMPLE, folder / "top.pdf", "3")
    unique_copy(SAMPLE, folder / "2024" / "mars" / "deep.PDF", "4")
    (folder / "notes.txt").write_text("not an invoice")
    accented = unique_copy(SAMPLE, tmp_path / "facture 01 é.pdf", "5")

    drop(window, [one, two, folder, accented])
    rows = wait_read(qtbot, window, 5)

    assert sorted(r.name for r in rows) == sorted(["one.pdf", "two.pdf", "top.pdf", "deep.PDF", "facture 01 é.pdf"])
    # read and balanced; not signed in, so no supplier can be chosen yet: the queue says so, as the form does
    assert all(r.status.value == "needs_attention" and r.prepared.problems[0].code == "counterpart"
               and len(r.prepared.problems) == 1 for r in rows), [(r.name, r.status, r.reason) for r in rows]
    assert all(r.pages == 1 and len(r.sha256) == 64 for r in rows)
    assert not window.file_drops.overlay.isVisible()
    assert window.queue_panel.stack.currentWidget() is window.queue_panel.view
    assert window.statusBar().currentMessage() == "5 files read"  # what happened, on the left
    assert window.queue_summary.text().startswith("5 documents")  # the counts, once, on the right


@needs_samples
def test_files_given_on_the_command_line_are_queued(window, qtbot, tmp_path):
    window.open_paths([unique_copy(SAMPLE, tmp_path / "cli.pdf", "cli")])
    (row,) = wait_read(qtbot, window, 1)
    assert row.name == "cli.pdf"
    assert row.reading is not None and row.reading.source == "facturx"


@needs_samples
def test_the_same_file_dropped_twice_stays_one_row(window, qtbot, tmp_path):
    path = unique_copy(SAMPLE, tmp_path / "facture.pdf", "x")
    drop(window, [path])
    wait_read(qtbot, window, 1)
    drop(window, [path])
    qtbot.waitUntil(lambda: "already in the queue" in window.statusBar().currentMessage())
    assert window.queue_panel.model.rowCount() == 1


@needs_samples
def test_the_same_content_under_another_name_stays_one_row_and_says_so(window, qtbot, tmp_path):
    original = unique_copy(SAMPLE, tmp_path / "facture.pdf", "x")
    drop(window, [original])
    wait_read(qtbot, window, 1)
    copy = tmp_path / "copie de facture.pdf"
    shutil.copyfile(original, copy)
    drop(window, [copy])
    qtbot.waitUntil(lambda: "same content" in window.statusBar().currentMessage())
    (row,) = window.queue_panel.model.rows()
    assert row.name == "facture.pdf"
    message = window.statusBar().currentMessage()
    assert "copie de facture.pdf" in message and "facture.pdf" in message


def test_a_bad_file_gets_status_error_with_its_reason_on_hover(window, qtbot, tmp_path):
    from app.ui.queue_model import QueueModel

    bad = tmp_path / "random.pdf"
    bad.write_bytes(os.urandom(4096))
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    drop(window, [bad, empty])
    rows = wait_read(qtbot, window, 2)
    model = window.queue_panel.model
    for row in rows:
        assert row.status.value == "error"
        assert row.reason is not None
        tooltip = model.data(model.index_of(row, QueueModel.STATUS), Qt.ItemDataRole.ToolTipRole)
        assert str(row.reason) in tooltip
        assert model.data(model.index_of(row, QueueModel.STATUS), Qt.ItemDataRole.DisplayRole) == "Error"
    bad_row = next(r for r in rows if r.name == "random.pdf")
    assert "not a PDF" in str(bad_row.reason)
    assert "random.pdf" in model.data(model.index_of(bad_row, QueueModel.REASON), Qt.ItemDataRole.ToolTipRole)


def test_the_queue_fills_while_the_event_loop_stays_responsive(window, qtbot, tmp_path):
    """A slow reader (40 ms a file): rows appear at once as 'reading' and the GUI keeps ticking."""
    from app.jobs.intake_work import ReadOutcome
    from app.pdf.reader import DocumentReading

    gui_thread = threading.get_ident()
    worker_threads: set[int] = set()

    def slow_reader(path: Path) -> ReadOutcome:
        worker_threads.add(threading.get_ident())
        time.sleep(0.04)
        return ReadOutcome(DocumentReading(path=path, name=path.name, sha256=path.name * 2, pages=1))

    window.queue_panel.intake.reader = slow_reader
    paths = []
    for i in range(20):
        p = tmp_path / f"f{i:02d}.pdf"
        p.write_bytes(b"%PDF-1.4\n")
        paths.append(p)
    ticks = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    heartbeat.start()
    seen_reading = []
    window.queue_panel.model.rowsInserted.connect(
        lambda *_: seen_reading.append(sum(r.status.value == "reading" for r in window.queue_panel.model.rows())))
    drop(window, paths)
    wait_read(qtbot, window, 20)
    heartbeat.stop()

    assert seen_reading and seen_reading[0] == 20  # all rows shown before any was read
    assert gui_thread not in worker_threads
    assert len(ticks) >= 20  # 20 files x 40 ms on the pool: the loop kept turning meanwhile
    worst = max(b - a for a, b in zip(ticks, ticks[1:]))
    assert worst < 0.5
    assert all(r.status.value == "needs_attention" for r in window.queue_panel.model.rows())


# --- the queue ---------------------------------------------------------------------------------

def test_the_queue_view_has_its_columns_and_a_delete_action(window, qtbot, tmp_path):
    from app.ui.queue_model import QueueModel

    view = window.findChild(QWidget, "documentQueue")
    assert view is window.queue_panel.view
    model = window.queue_panel.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Name", "Counterpart", "Date", "Incl. tax", "Status", "Pages", "Reason"]
    assert QueueModel.COLUMN_COUNT == 7

    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"nope")
    drop(window, [bad])
    (row,) = wait_read(qtbot, window, 1)
    assert window.queue_panel.current_row is row  # the first row is selected and shown
    with qtbot.waitSignal(window.queue_panel.current_changed) as changed:
        window.queue_panel.view.setFocus()
        window.queue_panel.remove_action.trigger()
    assert changed.args == [None]
    assert model.rowCount() == 0
    assert window.queue_panel.stack.currentWidget() is window.queue_panel.empty_state
    # removed rows can come back
    drop(window, [bad])
    wait_read(qtbot, window, 1)


def test_browse_actions_exist_with_shortcuts(window):
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.open_folder_action.shortcut().toString() == "Ctrl+Shift+O"
    assert window.open_folder_action.text() == "Add &folder…"


def test_the_model_passes_qts_model_tester(qtbot, tmp_path):
    from PySide6.QtTest import QAbstractItemModelTester

    from app.ui.queue_model import DocumentRow, DocumentStatus, QueueModel

    model = QueueModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    rows = [DocumentRow(tmp_path / f"{i}.pdf", f"{i}.pdf") for i in range(6)]
    model.add_rows(rows)
    rows[2].status = DocumentStatus.IMPORTING
    rows[2].progress = 40
    model.rows_changed([rows[2], rows[3]])
    assert model.data(model.index(2, QueueModel.STATUS)) == "Importing 40 %"
    model.remove_rows([rows[1], rows[4], rows[5]])
    assert [r.name for r in model.rows()] == ["0.pdf", "2.pdf", "3.pdf"]
    assert model.position(rows[3]) == 2 and rows[4] not in model


# --- the background helper ---------------------------------------------------------------------

def test_run_task_delivers_results_and_errors_on_the_gui_thread(qtbot):
    from app.ui.tasks import run_task

    gui = threading.get_ident()
    results, errors = [], []

    def work(x):
        assert threading.get_ident() != gui
        if x < 0:
            raise ValueError("negative")
        return x * 2

    run_task(work, 21, on_result=lambda v: results.append((v, threading.get_ident() == gui)))
    run_task(work, -1, on_result=results.append, on_error=lambda e: errors.append((e, threading.get_ident() == gui)))
    qtbot.waitUntil(lambda: bool(results and errors))
    assert results == [(42, True)]
    (exc, on_gui), = errors
    assert isinstance(exc, ValueError) and on_gui and exc.__traceback__ is not None


def test_run_task_skips_delivery_when_the_receiver_is_gone(qtbot):
    import shiboken6

    from app.ui.tasks import run_task

    started = threading.Event()
    release = threading.Event()
    delivered = []

    class Receiver(QWidget):
        def take(self, value):
            delivered.append(value)

    receiver = Receiver()
    context = QWidget()

    def work():
        started.set()
        release.wait(5)
        return "late"

    run_task(work, on_result=receiver.take)
    run_task(work, on_result=delivered.append, context=context)
    marker = run_task(lambda: "marker", on_result=delivered.append)
    qtbot.waitUntil(started.is_set)
    shiboken6.delete(receiver)
    shiboken6.delete(context)
    release.set()
    qtbot.waitUntil(lambda: "marker" in delivered)
    from app.ui.tasks import default_pool

    qtbot.waitUntil(lambda: default_pool().activeThreadCount() == 0)
    # Deliveries are queued in order: once a task started now is delivered, the late ones were too.
    run_task(lambda: "after", on_result=delivered.append)
    qtbot.waitUntil(lambda: "after" in delivered)
    assert delivered == ["marker", "after"]
    assert marker.done


def test_a_reader_that_crashes_marks_its_rows_as_errors_and_loses_none(qtbot, tiny_pdfs):
    """Whatever goes wrong in the reader (a worker process that cannot start, a bug), every row
    ends in a final state with a reason, never stuck in 'reading'."""
    from app.ui.intake import IntakeController
    from app.ui.queue_model import DocumentStatus, QueueModel

    def broken_reader(path):
        raise RuntimeError("no worker process")

    model = QueueModel()
    intake = IntakeController(model, reader=broken_reader)
    paths = tiny_pdfs(3)
    intake.add_paths(paths)
    qtbot.waitUntil(lambda: model.rowCount() == 3 and all(r.is_final for r in model.rows()), timeout=10_000)
    assert {r.status for r in model.rows()} == {DocumentStatus.ERROR}
    assert all("RuntimeError" in str(r.reason) for r in model.rows())


def test_reading_falls_back_to_threads_when_processes_cannot_start(monkeypatch, tmp_path):
    from app.ui import reading_processes as rp

    class NoSpawn:
        def call(self, *args, **kwargs):
            raise RuntimeError("An attempt has been made to start a new process before ...")

        def close(self):
            pass

    monkeypatch.setattr(rp, "_pool", None)
    monkeypatch.setattr(rp, "_disabled", False)
    monkeypatch.setattr(rp, "_get_pool", lambda: NoSpawn() if not rp._disabled else None)
    p = tmp_path / "x.pdf"
    p.write_bytes(b"not a pdf")
    outcome = rp.read_for_queue(p)
    assert outcome.reading.error is not None and outcome.reading.error.code == "not_pdf"
    assert rp._disabled  # the next files go straight to threads


def test_a_file_drag_over_a_text_field_is_taken_by_the_window_not_the_field(window, qtbot, tmp_path):
    """File managers often add the paths as text/plain: a field must not swallow the drop as text."""
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit(window.form_panel)
    field.show()
    qtbot.waitUntil(lambda: window.file_drops._installed, timeout=5_000)  # after the first paint
    mime = mime_for([tmp_path / "a.pdf"])
    mime.setText(str(tmp_path / "a.pdf"))
    event = send_drag(window, mime, target=field)
    assert event.isAccepted()
    assert window.file_drops.overlay.isVisible()
    assert field.text() == ""


def test_a_reading_process_that_dies_marks_the_row_instead_of_reading_on_a_thread(monkeypatch, tmp_path):
    from app.pdf.isolated import ReadingStopped
    from app.jobs import intake_work
    from app.ui import reading_processes as rp

    class Dying:
        def call(self, *args, **kwargs):
            raise ReadingStopped("memory", "exit code -6")

        def close(self):
            pass

    def never(path, **kwargs):
        raise AssertionError("the file was read again on one of the window's threads")

    monkeypatch.setattr(rp, "_get_pool", lambda: Dying())
    monkeypatch.setattr(intake_work, "read_for_queue", never)
    p = tmp_path / "bomb.pdf"
    p.write_bytes(b"%PDF-1.7 ...")
    outcome = rp.read_for_queue(p)
    assert outcome.reading.error.code == "unsafe" and outcome.reading.sha256
    assert "could not be read safely" in outcome.reading.error.message.en
    assert intake_work.classify(outcome)[0] == "error"
