"""Read PDFs in worker processes, so that pypdf's pure-Python parsing never holds the GUI's GIL.

pypdf is pure Python: on threads it competes with the GUI thread for the interpreter lock, and
every Qt call the GUI makes waits for a busy reader (measured by bench/intake.py: stalls of
50–390 ms with reader threads under load). In processes the readers use both cores and the GUI
thread keeps its own interpreter. The reading-pool threads of :mod:`app.ui.intake` only wait on
the process's answer (which releases the GIL).

The processes are :class:`app.pdf.isolated.ReadingPool`'s: each reading is bounded in time
(``READ_TIMEOUT``) and memory (``MEMORY_LIMIT``); a process past a limit, or that dies, is
replaced, and its file's row says it "could not be read safely" — the file is never read again
on one of the window's own threads. The processes end with the window, however it ends (they
watch their parent). The pool is created on first use (start-up stays light) with the ``spawn``
method (forking a process that runs Qt threads is unsafe), kept for the session and shut down at
exit. If worker processes cannot be started at all, reading falls back to the calling thread:
slower, never lost.

OCR (scans, photos) runs here too, never in the window's process: each process lets ONNX Runtime
use one thread (the processes already use every core). Its page-by-page progress comes back
through one queue, read by a listener thread that calls the ``progress`` given to
:func:`read_for_queue`; :func:`cancel` stops a reading between OCR steps (a marker file the worker
checks: no Qt, no shared state beyond the file system).
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.ui import intake_work

log = logging.getLogger(__name__)
_lock = threading.Lock()
_pool: Any = None  # app.pdf.isolated.ReadingPool, imported on first use (start-up)
_disabled = False
_queue: Any = None  # the progress queue the workers write (token, page, pages) to
_listeners: dict[str, Callable[[int, int], None]] = {}  # token -> progress callback
_cancel_dir: str | None = None  # where cancel markers are created (a private temporary folder)

Progress = Callable[[int, int], None]

# in a worker process: set by _init_worker
_worker_queue: Any = None


READER_NICENESS = 10  # the readers yield the CPU to the window (issue #19 item 13)


def lower_priority() -> None:
    """Initializer of each reading process: run below the window's priority. On 2 cores the two
    readers otherwise take both cores from the GUI thread for as long as a drop is read (the
    layout-aware reader costs ~0.1–0.5 s of CPU per file), and the window's own work (the form
    built for the first document, repaints) then waits for the CPU: stalls of 150–500 ms."""
    try:
        if hasattr(os, "nice"):
            os.nice(READER_NICENESS)
        elif sys.platform == "win32":
            import ctypes

            below_normal = 0x00004000  # BELOW_NORMAL_PRIORITY_CLASS
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
    except (OSError, AttributeError):
        pass  # reading at normal priority is slower for the window, never wrong


def process_count(cores: int | None = None) -> int:
    return max(1, min(4, (cores or os.cpu_count() or 2)))


def _get_pool() -> Any:
    global _pool, _disabled, _queue
    with _lock:
        if _pool is None and not _disabled:
            import multiprocessing

            from app.pdf.isolated import ReadingPool

            try:
                ctx = multiprocessing.get_context("spawn")
                if _queue is None:
                    _queue = ctx.SimpleQueue()
                    threading.Thread(target=_listen, args=(_queue,), name="ocr-progress", daemon=True).start()
                _pool = ReadingPool(process_count(), initializer=_init_worker, initargs=(_queue,))
                atexit.register(shutdown)
            except (OSError, ValueError, NotImplementedError) as exc:
                log.warning("no worker processes for reading (%s): reading on threads", exc)
                _disabled = True
        return _pool


def _init_worker(queue: Any) -> None:
    """In each reading process: below the window's priority (:func:`lower_priority`), where OCR
    progress goes, and one ONNX Runtime thread per process."""
    global _worker_queue
    lower_priority()
    _worker_queue = queue
    from app.pdf.ocr import engine

    engine.set_threads(1)


def _read_in_worker(path: Path, token: str, cancel_marker: str | None) -> intake_work.ReadOutcome:
    def progress(page: int, pages: int) -> None:
        if _worker_queue is not None:
            _worker_queue.put((token, page, pages))

    def cancelled() -> bool:
        return cancel_marker is not None and os.path.exists(cancel_marker)

    return intake_work.read_for_queue(path, progress=progress, cancelled=cancelled)


def _listen(queue: Any) -> None:
    while True:
        try:
            item = queue.get()
        except (EOFError, OSError):
            return
        if item is None:
            return
        token, page, pages = item
        callback = _listeners.get(token)
        if callback is not None:
            try:
                callback(page, pages)
            except Exception:  # noqa: BLE001 - a progress display must not stop the listener
                log.exception("progress callback failed")


def new_token() -> str:
    """A reading's identity, for :func:`read_for_queue` and :func:`cancel`."""
    return uuid.uuid4().hex


def _marker(token: str) -> str | None:
    global _cancel_dir
    with _lock:
        if _cancel_dir is None:
            import tempfile

            try:
                _cancel_dir = tempfile.mkdtemp(prefix="pennylane-importer-cancel-")
            except OSError:
                return None
    return os.path.join(_cancel_dir, token)


def cancel(token: str) -> None:
    """Stop the reading ``token`` at its next OCR step (it ends with error code "cancelled").
    Touches the disk: call it from a worker thread."""
    marker = _marker(token)
    if marker is not None:
        try:
            open(marker, "w").close()
        except OSError as exc:
            log.info("cannot cancel %s: %s", token, exc)


def read_for_queue(path: Path, progress: Progress | None = None, token: str | None = None) -> intake_work.ReadOutcome:
    """:func:`intake_work.read_for_queue` in a worker process (same result, same guarantees).

    ``progress(page, pages)`` is called (on a listener thread) as OCR reads each page; ``token``
    (see :func:`new_token`) lets :func:`cancel` stop it."""
    token = token or new_token()
    marker = _marker(token)
    if progress is not None:
        _listeners[token] = progress
    try:
        return _read(path, token, marker, progress)
    finally:
        _listeners.pop(token, None)
        if marker is not None:
            try:
                os.remove(marker)
            except OSError:
                pass


read_for_queue.reports_progress = True  # type: ignore[attr-defined]  # IntakeController passes progress and token


def _on_thread(path: Path, marker: str | None, progress: Progress | None) -> intake_work.ReadOutcome:
    return intake_work.read_for_queue(
        path, progress=progress, cancelled=(lambda: marker is not None and os.path.exists(marker)))


def _read(path: Path, token: str, marker: str | None, progress: Progress | None) -> intake_work.ReadOutcome:
    pool = _get_pool()
    if pool is None:
        return _on_thread(path, marker, progress)
    from app.pdf.isolated import ReadingStopped, stopped_reading

    try:
        return pool.call(_read_in_worker, path, token, marker)
    except ReadingStopped as stop:
        # past its time or memory limit, or the process died: this file is not read again here
        # (a hostile file would take the window down with it); the process is replaced
        return intake_work.ReadOutcome(stopped_reading(Path(path), stop))
    except (OSError, RuntimeError, ValueError) as exc:
        # Worker processes cannot be started here (no resources, a main module that cannot be
        # re-imported...): read on threads from now on — slower, never lost.
        log.warning("cannot start reading processes (%s): reading on threads", exc)
        _disable(pool)
        return _on_thread(path, marker, progress)


def _disable(pool: Any) -> None:
    global _pool, _disabled
    with _lock:
        _disabled = True
        if _pool is pool:
            _pool = None
    pool.close()


def pids() -> list[int]:
    """The reading processes running now (for tests and diagnostics)."""
    with _lock:
        return _pool.pids() if _pool is not None else []


def shutdown() -> None:
    global _pool, _cancel_dir
    with _lock:
        pool, _pool = _pool, None
        folder, _cancel_dir = _cancel_dir, None
    if pool is not None:
        pool.close()
    if folder is not None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
