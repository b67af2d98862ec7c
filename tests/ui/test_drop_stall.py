"""What keeps a big drop from stalling the window (issue #19 item 13; figures: bench/intake.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not hasattr(__import__("os"), "nice"), reason="POSIX niceness")
def test_reading_processes_run_below_the_windows_priority():
    code = ("import os; from app.ui import reading_processes as r; before = os.nice(0); r.lower_priority(); "
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
    assert seen["initializer"] is reading_processes._init_worker
    from app.pdf.ocr import engine

    lowered = []
    monkeypatch.setattr(reading_processes, "lower_priority", lambda: lowered.append(True))
    monkeypatch.setattr(engine, "_threads", engine._threads)
    monkeypatch.setattr(reading_processes, "_worker_queue", None)
    reading_processes._init_worker(None)
    assert lowered == [True] and engine.default_threads() == 1


def test_the_form_is_built_while_idle_before_the_first_document(qtbot):
    from app.ui.application import prepare_form
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    form = window.form_panel
    assert not getattr(form, "_built", True)  # not at start-up: the window opens faster
    prepare_form(window)
    assert form._built and form.draft is None  # built, still showing the placeholder
