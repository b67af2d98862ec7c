"""Run the import pipeline off the GUI thread: one QThread + a worker QObject per batch.

:class:`ImportRun` (lives on the GUI thread) owns a ``QThread`` and an :class:`ImportWorker` moved
to it; the worker drives :class:`app.jobs.batch.BatchRunner` (one queue, the client's shared rate
limiter keeps every request within Pennylane's 25 requests / 5 s) and turns its callbacks into
signals. Pause / resume / cancel go through a :class:`~app.jobs.pipeline.CancelToken`, which is
thread-safe: the GUI thread calls them directly, never through the worker's event loop (that loop
is busy running the batch).

Signals of :class:`ImportRun` (all delivered on the GUI thread):

- ``job_progress(int index, str step, float fraction)``: job ``index`` of the batch reached
  ``step`` (``check``, ``upload``, ``import``, ``categories``, ``verify``, ``done``); ``fraction``
  is that job's, 0 → 1. Emitted only when the whole percent or the step changes.
- ``job_done(int index, object result)``: a :class:`~app.jobs.pipeline.JobResult`.
- ``progress(object)``: a :class:`~app.jobs.batch.BatchProgress` (overall fraction and counts).
- ``finished(object)``: ``list[JobResult]`` in job order — emitted after ``QThread.finished``, so
  the thread is really gone when anyone hears it (tests wait for this, never ``thread.wait()``).

No byte counts travel in signals (the pipeline already turns upload bytes into a fraction), so
there is no 32-bit ``int`` overflow to fear; fractions are ``float``.

Shutdown: :meth:`ImportRun.cancel` and then wait for ``finished`` — the pipeline stops at the next
checkpoint (between steps, between upload chunks; never between an import and the recording of its
answer). Nothing here blocks the GUI thread.
"""

from __future__ import annotations

import logging
from typing import Any, Sequence

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.jobs.batch import BatchProgress, BatchRunner
from app.jobs.cancel import CancelToken
from app.jobs.import_job import ImportJob, JobResult
from app.jobs.pipeline import ImportPipeline

log = logging.getLogger(__name__)


class ImportWorker(QObject):
    """Lives on the import thread; :meth:`run` blocks that thread until the batch is done."""

    job_progress = Signal(int, str, float)  # index, step, fraction of that job
    job_done = Signal(int, object)  # index, JobResult
    progress = Signal(object)  # BatchProgress
    finished = Signal(object)  # list[JobResult]

    def __init__(self, pipeline: ImportPipeline, jobs: Sequence[ImportJob], token: CancelToken,
                 workers: int = 1) -> None:
        super().__init__()
        self.pipeline = pipeline
        self.jobs = list(jobs)
        self.token = token
        self.workers = workers
        self._last_job: dict[int, tuple[str, int]] = {}
        self._last_overall: tuple[int, int, bool] | None = None

    @Slot()
    def run(self) -> None:
        results: list[JobResult] = []
        try:
            runner = BatchRunner(
                self.pipeline, workers=self.workers, token=self.token,
                on_job_progress=self._on_job_progress, on_job_done=self._on_job_done,
                on_progress=self._on_progress,
            )  # fmt: skip
            results = runner.run(self.jobs)
        except BaseException:  # noqa: BLE001 - the thread must always finish
            log.exception("import batch crashed")
        self.finished.emit(results)

    # -- BatchRunner callbacks (worker thread) ----------------------------------------------------
    def _on_job_progress(self, index: int, _job: ImportJob, step: str, fraction: float) -> None:
        key = (step, int(fraction * 100))
        if self._last_job.get(index) == key:
            return  # upload chunks: one signal per percent, not per 64 KiB
        self._last_job[index] = key
        self.job_progress.emit(index, step, float(fraction))

    def _on_job_done(self, index: int, _job: ImportJob, result: JobResult) -> None:
        self.job_done.emit(index, result)

    def _on_progress(self, progress: BatchProgress) -> None:
        key = (int(progress.fraction * 1000), progress.finished, progress.paused)
        if key == self._last_overall:
            return
        self._last_overall = key
        self.progress.emit(progress)


class ImportRun(QObject):
    """One batch on its own QThread. Create, connect, :meth:`start`; keep a reference until ``finished``."""

    job_progress = Signal(int, str, float)
    job_done = Signal(int, object)
    progress = Signal(object)
    finished = Signal(object)  # list[JobResult], after QThread.finished
    paused_changed = Signal(bool)

    def __init__(self, pipeline: ImportPipeline, jobs: Sequence[ImportJob], parent: QObject | None = None,
                 *, workers: int = 1) -> None:
        super().__init__(parent)
        self.jobs = list(jobs)
        self.token = CancelToken()
        self.results: list[JobResult] = []
        self._started = False
        self._done = False
        self.thread = QThread()
        self.thread.setObjectName("importThread")
        self.worker = ImportWorker(pipeline, self.jobs, self.token, workers)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # queued into the GUI thread (this object's thread): forwarded as our own signals
        self.worker.job_progress.connect(self.job_progress)
        self.worker.job_done.connect(self.job_done)
        self.worker.progress.connect(self.progress)
        self.worker.finished.connect(self._worker_finished)
        self.worker.finished.connect(self.thread.quit)
        self.thread.finished.connect(self.worker.deleteLater)  # direct: runs as the thread ends
        self.thread.finished.connect(self._thread_finished)

    # -- control (GUI thread) ---------------------------------------------------------------------
    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self.thread.start()

    @property
    def running(self) -> bool:
        return self._started and not self._done

    @property
    def paused(self) -> bool:
        return self.token.paused

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def pause(self) -> None:
        if self.running and not self.token.cancelled and not self.token.paused:
            self.token.pause()
            self.paused_changed.emit(True)

    def resume(self) -> None:
        if self.token.paused:
            self.token.resume()
            self.paused_changed.emit(False)

    def cancel(self) -> None:
        """Stop at the next checkpoint (also wakes a paused batch). ``finished`` follows."""
        was_paused = self.token.paused
        self.token.cancel()
        if was_paused:
            self.paused_changed.emit(False)

    # -- end --------------------------------------------------------------------------------------
    @Slot(object)
    def _worker_finished(self, results: Any) -> None:
        self.results = list(results or [])

    @Slot()
    def _thread_finished(self) -> None:
        self._done = True
        self.thread.deleteLater()
        self.finished.emit(self.results)
