"""Run a function in the background; get its result (or exception) back on the GUI thread.

The ONE helper ``app/ui`` uses for short background jobs (reading a PDF, walking a folder, loading
bytes for the preview) — in the spirit of Picard's ``run_task`` and Anki's ``QueryOp``::

    from app.ui.tasks import run_task

    run_task(read_document, path,
             on_result=self._show_reading,          # called on the GUI thread with fn's return value
             on_error=self._show_failure,           # called on the GUI thread with the exception
             context=self)                          # optional: skip delivery once this QObject is gone

Contract
--------
- ``fn(*args, **kwargs)`` runs on a worker thread of ``pool`` (default: :func:`default_pool`, a
  private ``QThreadPool`` sized to the machine's cores). It must not touch widgets or any QObject
  living on the GUI thread; give it plain data (paths, bytes, dataclasses) and return plain data.
- Exactly one of ``on_result(value)`` / ``on_error(exc)`` is then called **on the GUI thread**
  (through a queued signal), never on the worker. ``exc.__traceback__`` is kept. Without
  ``on_error`` the exception is logged (with its traceback) and otherwise ignored.
- Delivery is skipped, silently, when the receiver is gone: when ``context`` (a QObject) has been
  deleted, or when a callback is a bound method of a deleted QObject (a closed widget). It is
  also skipped after :meth:`Task.cancel` and after :func:`shutdown`.
- ``run_task`` may be called from any thread; callbacks still arrive on the GUI thread.
- :func:`shutdown` (connected to ``QCoreApplication.aboutToQuit`` automatically) drops queued
  tasks that have not started and waits for running ones, so no worker outlives the app.

Implementation: a ``QRunnable`` per task and one shared signals ``QObject`` (``_Dispatcher``) that
lives on the GUI thread; the worker emits ``dispatcher.done(task)`` and Qt queues the call to
the GUI thread. No per-task QObject, so nothing is created or deleted across threads.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Qt, Signal, Slot

log = logging.getLogger(__name__)

__all__ = ["Task", "run_task", "default_pool", "make_pool", "shutdown"]

_lock = threading.Lock()
_pools: list[QThreadPool] = []  # every pool a task ran on, for shutdown()
_default_pool: QThreadPool | None = None
_dispatcher: "_Dispatcher | None" = None
_closing = False


class Task:
    """A handle on one background call (returned by :func:`run_task`)."""

    __slots__ = ("fn", "args", "kwargs", "on_result", "on_error", "context", "cancelled", "result", "error", "done")

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, on_result, on_error, context) -> None:
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.on_result = on_result
        self.on_error = on_error
        self.context = context
        self.cancelled = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False

    def cancel(self) -> None:
        """Do not deliver the outcome (and do not run ``fn`` if it has not started yet)."""
        self.cancelled = True


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread
        task = self.task
        self.task = None  # the pool deletes this runnable; the dispatcher holds the task now
        if task.cancelled or _closing:
            return
        try:
            task.result = task.fn(*task.args, **task.kwargs)
        except BaseException as exc:  # delivered to on_error; a worker must never die silently
            task.error = exc
        task.done = True
        task.fn = task.args = task.kwargs = None  # drop inputs early (bytes, large objects)
        dispatcher = _dispatcher
        if dispatcher is not None and not _closing:
            try:
                dispatcher.done.emit(task)
            except RuntimeError:  # the dispatcher is gone: the application is shutting down
                pass


class _Dispatcher(QObject):
    """Lives on the GUI thread; receives finished tasks through a queued connection."""

    done = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver(self, task: Task) -> None:  # GUI thread
        if task.cancelled or _closing or not _alive(task):
            return
        callback, value = (task.on_error, task.error) if task.error is not None else (task.on_result, task.result)
        task.on_result = task.on_error = task.context = None
        if callback is None:
            if task.error is not None:
                log.error("background task failed", exc_info=task.error)
            return
        callback(value)


def _alive(task: Task) -> bool:
    if task.context is not None and not shiboken6.isValid(task.context):
        return False
    callback = task.on_error if task.error is not None else task.on_result
    owner = getattr(callback, "__self__", None)
    return not (isinstance(owner, QObject) and not shiboken6.isValid(owner))


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    with _lock:
        if _dispatcher is None or not shiboken6.isValid(_dispatcher):
            app = QCoreApplication.instance()
            if app is None:
                raise RuntimeError("run_task needs a QApplication")
            _dispatcher = _Dispatcher()
            if _dispatcher.thread() is not app.thread():
                _dispatcher.moveToThread(app.thread())
            _dispatcher.setParent(app)  # lives as long as the application
            app.aboutToQuit.connect(shutdown)
        return _dispatcher


def make_pool(max_threads: int | None = None, name: str = "") -> QThreadPool:
    """A new pool registered for :func:`shutdown`; ``max_threads`` defaults to the core count."""
    pool = QThreadPool()
    pool.setMaxThreadCount(max(1, max_threads or os.cpu_count() or QThread.idealThreadCount()))
    if name:
        pool.setObjectName(name)
    with _lock:
        _pools.append(pool)
    return pool


def default_pool() -> QThreadPool:
    """The shared pool of ``app/ui`` (one thread per core)."""
    global _default_pool
    if _default_pool is None:
        _default_pool = make_pool(name="tasks")
    return _default_pool


def run_task(
    fn: Callable[..., Any],
    *args: Any,
    on_result: Callable[[Any], Any] | None = None,
    on_error: Callable[[BaseException], Any] | None = None,
    pool: QThreadPool | None = None,
    context: QObject | None = None,
    **kwargs: Any,
) -> Task:
    """Run ``fn(*args, **kwargs)`` on ``pool``; deliver the outcome on the GUI thread (see above)."""
    global _closing
    _get_dispatcher()
    _closing = False
    task = Task(fn, args, kwargs, on_result, on_error, context)
    pool = pool or default_pool()
    with _lock:
        if pool not in _pools:
            _pools.append(pool)
    pool.start(_Runnable(task))
    return task


def shutdown(timeout_ms: int = 10_000) -> bool:
    """Drop queued tasks, wait for running ones; True when every pool is idle. Call on app exit."""
    global _closing
    _closing = True
    with _lock:
        pools = list(_pools)
    idle = True
    for pool in pools:
        if not shiboken6.isValid(pool):
            continue
        pool.clear()
        idle = pool.waitForDone(timeout_ms) and idle
    return idle
