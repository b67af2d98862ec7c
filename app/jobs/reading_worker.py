"""What runs inside a reading process (the child side of :mod:`app.ui.reading_processes`). Qt-free.

This module is what a reading process imports before anything else (its initializer and the
function it calls are pickled by reference), so it stays light: no Qt, no PDF library. A reading
process that imported ``app.ui`` would load PySide6 (~85 ms of CPU and ~30 MB each) for nothing,
at full priority, just when the window needs the CPU (the first moments of a drop).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from app.jobs import intake_work

READER_NICENESS = 10  # the readers yield the CPU to the window (issue #19 item 13)

# set by init_worker in each reading process: where OCR progress goes
_progress_queue: Any = None


def lower_priority() -> None:
    """Run this process below the window's priority. On 2 cores the two readers otherwise take both
    cores from the GUI thread for as long as a drop is read (the layout-aware reader costs ~0.1–0.5 s
    of CPU per file), and the window's own work (the form built for the first document, repaints)
    then waits for the CPU: stalls of 150–500 ms."""
    try:
        if hasattr(os, "nice"):
            now = os.nice(0)
            if now < READER_NICENESS:  # born lowered already (lower_thread_priority): not twice
                os.nice(READER_NICENESS - now)
        elif sys.platform == "win32":
            import ctypes

            below_normal = 0x00004000  # BELOW_NORMAL_PRIORITY_CLASS
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
    except (OSError, AttributeError):
        pass  # reading at normal priority is slower for the window, never wrong


def lower_thread_priority() -> None:
    """Lower the calling thread (only it) to the readers' priority, where the system gives threads
    their own (Linux): processes spawned from it start there. Elsewhere, nothing."""
    if not sys.platform.startswith("linux") or not hasattr(os, "setpriority"):
        return
    import threading

    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), READER_NICENESS))
    except OSError:
        pass  # spawned at the window's priority: they lower themselves once started


def init_worker(queue: Any) -> None:
    """Initializer of each reading process: below the window's priority (:func:`lower_priority`),
    where OCR progress goes, and one ONNX Runtime thread per process (the processes already use
    every core)."""
    global _progress_queue
    lower_priority()
    _progress_queue = queue
    from app.pdf.ocr import engine

    engine.set_threads(1)


def read_in_worker(path: Path, token: str, cancel_marker: str | None) -> intake_work.ReadOutcome:
    """:func:`intake_work.read_for_queue` in the reading process: progress as ``(token, page, pages)``
    on the queue, cancelled when the marker file exists."""
    def progress(page: int, pages: int) -> None:
        if _progress_queue is not None:
            _progress_queue.put((token, page, pages))

    def cancelled() -> bool:
        return cancel_marker is not None and os.path.exists(cancel_marker)

    return intake_work.read_for_queue(path, progress=progress, cancelled=cancelled)
