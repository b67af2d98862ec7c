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
watch their parent). They are started with the ``spawn`` method (forking a process that runs Qt
threads is unsafe) once the window is idle after start-up (:func:`start`, called by
:func:`app.ui.application.warm_up_in_background`), or at the first reading if that comes sooner;
kept for the session and shut down at exit. Starting them at the first drop put their start-up
(a Python interpreter each, importing the readers) on the CPU just when the window shows the
drop's first rows: the worst GUI stall of a 200-PDF drop (bench/intake.py). What they import
first is :mod:`app.jobs.reading_worker` — no Qt. If worker processes cannot be started at all, reading falls back to the calling thread:
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
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.jobs import intake_work, reading_worker

log = logging.getLogger(__name__)
_lock = threading.Lock()
_pool: Any = None  # app.pdf.isolated.ReadingPool, imported on first use (start-up)
_disabled = False
_queue: Any = None  # the progress queue the workers write (token, page, pages) to
_listeners: dict[str, Callable[[int, int], None]] = {}  # token -> progress callback
_cancel_dir: str | None = None  # where cancel markers are created (a private temporary folder)

Progress = Callable[[int, int], None]

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
                _pool = ReadingPool(process_count(), initializer=reading_worker.init_worker, initargs=(_queue,))
                atexit.register(shutdown)
            except (OSError, ValueError, NotImplementedError) as exc:
                log.warning("no worker processes for reading (%s): reading on threads", exc)
                _disabled = True
        return _pool


def start() -> None:
    """Start the reading processes now, without waiting for them to be ready. Spawns processes:
    call it from a worker thread. Where threads have their own priority (Linux), the processes are
    spawned from a short-lived thread below the window's priority, so that they are born there:
    even their interpreter's start-up (before :func:`app.jobs.reading_worker.lower_priority` runs)
    yields the CPU to the window."""
    pool = _get_pool()
    if pool is None:
        return
    failed: list[BaseException] = []

    def spawn() -> None:
        reading_worker.lower_thread_priority()
        try:
            pool.start()
        except (OSError, RuntimeError, ValueError) as exc:
            failed.append(exc)

    thread = threading.Thread(target=spawn, name="start-readers", daemon=True)
    thread.start()
    thread.join()
    if failed:
        log.warning("cannot start reading processes (%s): reading on threads", failed[0])
        _disable(pool)


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
        return pool.call(reading_worker.read_in_worker, path, token, marker)
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
