"""What keeps a big drop from stalling the window (issue #19 item 13; figures: bench/intake.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not hasattr(__import__("os"), "nice"), reason="POSIX niceness")
def test_reading_processes_run_below_the_windows_priority():
    code = ("import os; from app.jobs import reading_worker as r; before = os.nice(0); r.lower_priority(); "
            "print(os.nice(0) - before)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) == 10


def test_the_pool_starts_its_processes_with_the_lower_priority(monkeypatch):
    from app.ui import reading_processes

    from app.pdf.isolated import ReadingPool

    monkeypatch.setattr(reading_processes, "_pool", None)
    monkeypatch.setattr(reading_processes, "_disabled", False)
    pool = reading_processes._get_pool()  # no process is started before the first reading
    try:
        assert isinstance(pool, ReadingPool) and pool.size == reading_processes.process_count()
        seen = {"initializer": pool._all[0].initializer}
    finally:
        pool.close()
        monkeypatch.setattr(reading_processes, "_pool", None)
    # the initializer lowers the priority (and sets up OCR's progress queue and threads)
    from app.jobs import reading_worker

    assert seen["initializer"] is reading_worker.init_worker
    from app.pdf.ocr import engine

    lowered = []
    monkeypatch.setattr(reading_worker, "lower_priority", lambda: lowered.append(True))
    monkeypatch.setattr(engine, "_threads", engine._threads)
    monkeypatch.setattr(reading_worker, "_progress_queue", None)
    reading_worker.init_worker(None)
    assert lowered == [True] and engine.default_threads() == 1


def test_what_a_reading_process_imports_first_loads_no_qt():
    """The initializer and the function a reading process runs are unpickled (imported) before the
    process lowers its priority: they must not pull PySide6 in (~85 ms of CPU at full priority, at
    the moment of a drop)."""
    code = ("import sys; import app.jobs.reading_worker, app.pdf.isolated; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'app.ui'))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_window_starts_its_reading_processes_once_idle(qtbot, monkeypatch):
    """After start-up, once the form is built, the reading processes are started on a worker thread,
    so that a first drop does not pay for their start-up (bench/intake.py)."""
    from app.ui import application, reading_processes
    from app.ui.main_window import MainWindow

    started = []
    monkeypatch.setattr(application, "warm_up", lambda *a: None)
    monkeypatch.setattr(reading_processes, "start", lambda: started.append(True))
    window = MainWindow()
    qtbot.addWidget(window)
    application.warm_up_in_background(window)
    qtbot.waitUntil(lambda: started == [True], timeout=5000)
    assert window.form_panel._built  # the form first: it is what the first document needs


def test_start_spawns_the_pool_processes_without_waiting(monkeypatch):
    from app.ui import reading_processes

    calls = []

    class Pool:
        def start(self):
            calls.append("start")

    monkeypatch.setattr(reading_processes, "_get_pool", lambda: Pool())
    reading_processes.start()
    assert calls == ["start"]


def test_the_form_is_built_while_idle_before_the_first_document(qtbot):
    from app.ui.application import prepare_form
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    form = window.form_panel
    assert not getattr(form, "_built", True)  # not at start-up: the window opens faster
    prepare_form(window)
    assert form._built and form.draft is None  # built, still showing the placeholder


def test_a_big_batch_of_results_gives_the_event_loop_back_between_chunks(qtbot, tiny_pdfs, monkeypatch):
    """Applying results prepares each row (and the current one fills the form): 200 results
    applied in one go were a stall of their own. A batch stops once its time is spent and the
    rest follows after the event loop has run; every row still ends read, in queue order."""
    from app.jobs.intake_work import ReadOutcome
    from app.pdf.reader import DocumentReading
    from app.ui import intake as intake_module
    from app.ui.intake import IntakeController
    from app.ui.queue_model import QueueModel

    monkeypatch.setattr(intake_module, "FLUSH_CHUNK", 3)
    monkeypatch.setattr(intake_module, "FLUSH_BUDGET_S", 0.0)  # every chunk spends the budget
    model = QueueModel()
    intake = IntakeController(model, reader=lambda path: ReadOutcome(
        DocumentReading(path=path, name=path.name, sha256=path.name * 2, pages=1)))
    intake._flush_timer.stop()
    intake._flush_timer.timeout.disconnect()  # the test runs the flushes itself
    paths = tiny_pdfs(10)
    intake.add_paths(paths)
    qtbot.waitUntil(lambda: len(intake._done) == 10 and not intake._reading, timeout=10_000)
    applied = []
    intake.rows_updated.connect(lambda rows: applied.append([r.name for r in rows]))
    intake._flush()
    assert applied == [["f0.pdf", "f1.pdf", "f2.pdf"]]  # one chunk, then the event loop runs
    assert intake._flush_timer.isActive() and intake._flush_timer.interval() == 0
    while intake._done:
        intake._flush()
    assert [name for chunk in applied for name in chunk] == [p.name for p in paths]
    assert intake._flush_timer.interval() == intake_module.FLUSH_MS
    assert all(r.is_final for r in model.rows())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads have their own priority on Linux")
def test_reading_processes_are_born_below_the_windows_priority_and_lowered_once():
    """start() spawns the processes from a thread lowered to the readers' priority (their interpreter's
    start-up already yields to the window: bench/intake.py --when soon); the window's own threads keep
    theirs, and a process born lowered is not lowered a second time (niceness 10, not 20)."""
    code = (
        "import os, threading; from app.jobs import reading_worker as r\n"
        "seen = {}\n"
        "def spawn():\n"
        "    r.lower_thread_priority(); seen['thread'] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())\n"
        "    r.lower_priority(); seen['after'] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())\n"
        "t = threading.Thread(target=spawn); t.start(); t.join()\n"
        "print(seen['thread'], seen['after'], os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["10", "10", "0"]
