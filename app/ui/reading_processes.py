"""Read PDFs in worker processes, so that pypdf's pure-Python parsing never holds the GUI's GIL.

pypdf is pure Python: on threads it competes with the GUI thread for the interpreter lock, and
every Qt call the GUI makes waits for a busy reader (measured by bench/intake.py: stalls of
50–390 ms with reader threads under load). In processes the readers use both cores and the GUI
thread keeps its own interpreter. The reading-pool threads of :mod:`app.ui.intake` only wait on
the process's answer (which releases the GIL).

The pool is created on first use (start-up stays light) with the ``spawn`` method (forking a
process that runs Qt threads is unsafe), kept for the session and shut down at exit. If worker
processes cannot be started, reading falls back to the calling thread: slower, never lost.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from pathlib import Path
from typing import Any

from app.ui import intake_work

log = logging.getLogger(__name__)
_lock = threading.Lock()
_pool: Any = None  # concurrent.futures.ProcessPoolExecutor, imported on first use (start-up)
_disabled = False


def process_count(cores: int | None = None) -> int:
    return max(1, min(4, (cores or os.cpu_count() or 2)))


def _get_pool() -> Any:
    global _pool, _disabled
    with _lock:
        if _pool is None and not _disabled:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            try:
                _pool = ProcessPoolExecutor(process_count(), mp_context=multiprocessing.get_context("spawn"))
                atexit.register(shutdown)
            except (OSError, ValueError, NotImplementedError) as exc:
                log.warning("no worker processes for reading (%s): reading on threads", exc)
                _disabled = True
        return _pool


def read_for_queue(path: Path) -> intake_work.ReadOutcome:
    """:func:`intake_work.read_for_queue` in a worker process (same result, same guarantees)."""
    global _pool
    pool = _get_pool()
    if pool is None:
        return intake_work.read_for_queue(path)
    from concurrent.futures.process import BrokenProcessPool

    try:
        future = pool.submit(intake_work.read_for_queue, path)
    except (OSError, RuntimeError) as exc:
        # Worker processes cannot be started here (no resources, a main module that cannot be
        # re-imported...): read on threads from now on — slower, never lost.
        log.warning("cannot start reading processes (%s): reading on threads", exc)
        _disable(pool)
        return intake_work.read_for_queue(path)
    try:
        return future.result()
    except BrokenProcessPool:
        # A worker died (out of memory on a hostile file, killed...): read this one here and
        # start a fresh pool for the next ones.
        log.warning("a reading process died; reading %s on this thread", path)
        with _lock:
            if _pool is pool:
                _pool = None
        return intake_work.read_for_queue(path)


def _disable(pool: Any) -> None:
    global _pool, _disabled
    with _lock:
        _disabled = True
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


def shutdown() -> None:
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)
