"""Many imports through one queue ("Importer tout" / "Import all"). Qt-free.

:class:`BatchRunner` feeds :class:`~app.jobs.import_job.ImportJob` s to one
:class:`~app.jobs.pipeline.ImportPipeline` from a single queue, sequentially or with a few
worker threads. Every request goes through the client's shared per-token rate limiter, so more
workers do not mean more than 25 requests / 5 s; they only hide each request's latency.

Callbacks are called **from worker threads** (the UI turns them into Qt signals):

- ``on_job_progress(index, job, step, fraction)`` — one job's progress (fraction of that job);
- ``on_job_done(index, job, result)`` — a job finished (verified, duplicate, failed, cancelled);
- ``on_progress(progress: BatchProgress)`` — the overall progress, after each of the above.

A document another live run holds (another window, a script, another computer sharing the
journal: :meth:`app.jobs.journal.Journal.claim`) is set aside and tried again once the rest of the
batch is done, when its holder has let it go (then it is usually reported as already imported);
after ``held_wait`` seconds it is reported as "being imported by another window", untouched.

A failure never stops the batch: the job keeps its result (reason, retryable) and the others go
on. ``pause()`` takes effect between steps, ``cancel()`` between steps and upload chunks; jobs
not started when cancelled come back with status ``cancelled`` and are untouched in the journal.

On start, :func:`resume_unfinished` lists the journal rows a previous run left half-way, so the
UI can offer to resume them (:func:`jobs_for` turns them into jobs).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Callable, Sequence

from app.domain.text import Text
from app.jobs import journal as J
from app.jobs.lookups import Finding
from app.jobs.cancel import CancelToken
from app.jobs.import_job import CANCELLED, DUPLICATE, FAILED, VERIFIED, ImportJob, JobResult
from app.jobs.pipeline import ImportPipeline

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchProgress:
    total: int
    finished: int  # jobs with a result
    verified: int
    duplicates: int
    failed: int
    cancelled: int
    fraction: float  # 0 → 1 over the whole batch (running jobs count for their own fraction)
    paused: bool = False


JobProgressCallback = Callable[[int, ImportJob, str, float], None]
JobDoneCallback = Callable[[int, ImportJob, JobResult], None]
ProgressCallback = Callable[[BatchProgress], None]


class BatchRunner:
    """Run jobs through one pipeline; pause / resume / cancel from any thread."""

    def __init__(
        self,
        pipeline: ImportPipeline,
        *,
        workers: int = 1,
        token: CancelToken | None = None,
        on_job_progress: JobProgressCallback | None = None,
        on_job_done: JobDoneCallback | None = None,
        on_progress: ProgressCallback | None = None,
        held_wait: float = 600.0,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.pipeline = pipeline
        self.workers = workers
        self.token = token or CancelToken()
        self.on_job_progress = on_job_progress
        self.on_job_done = on_job_done
        self.on_progress = on_progress
        self.held_wait = held_wait
        self._held: list[int] = []  # jobs another live run holds, tried again at the end
        self.findings: list[Finding] = []  # what the verification after the batch found
        self._lock = threading.Lock()
        self._fractions: list[float] = []
        self._results: list[JobResult | None] = []

    # -- control (any thread) -------------------------------------------------------------------

    def pause(self) -> None:
        self.token.pause()
        self._emit()

    def resume(self) -> None:
        self.token.resume()
        self._emit()

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def paused(self) -> bool:
        return self.token.paused

    # -- running ----------------------------------------------------------------------------------

    def run(self, jobs: Sequence[ImportJob]) -> list[JobResult]:
        """Run every job; blocks until all have a result. Results are in the order of ``jobs``."""
        jobs = list(jobs)
        with self._lock:
            self._fractions = [0.0] * len(jobs)
            self._results = [None] * len(jobs)
            self._held = []
        work: queue.Queue[int] = queue.Queue()
        for index in range(len(jobs)):
            work.put(index)
        self._emit()
        # one list request per 100 documents for the duplicate checks, and one per 100 for the
        # verification after the batch, instead of one each per document (app.jobs.lookups)
        self.pipeline.prefetch(jobs)
        self.pipeline.verify_later = True  # this batch's verification is one request per 100, after it
        try:
            if self.workers == 1 or len(jobs) <= 1:
                self._worker(jobs, work)
            else:
                threads = [
                    threading.Thread(target=self._worker, args=(jobs, work), name=f"import-worker-{n}", daemon=True)
                    for n in range(min(self.workers, len(jobs)))
                ]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
            self._run_held(jobs)
            results = self._results
            assert all(r is not None for r in results)
            self.findings = self._verify(list(results))  # type: ignore[arg-type]
        finally:
            self.pipeline.verify_later = False  # a run outside a batch verifies itself, as before
        return list(results)  # type: ignore[arg-type]

    def _verify(self, results: list[JobResult]) -> list[Finding]:
        try:
            return self.pipeline.verify_batch(results)
        except Exception as exc:  # noqa: BLE001 - the imports are done; say the check could not be made
            log.warning("verification after the batch failed: %s", exc)
            text = Text(
                "La vérification des factures importées n'a pas pu être faite "
                f"({getattr(exc, 'text', exc)}) : vérifiez-les dans Pennylane.",
                f"The imported invoices could not be checked ({getattr(exc, 'text', exc)}): check them in Pennylane.",
            )
            return [Finding("unchecked", "", None, (), text)]

    def _worker(self, jobs: list[ImportJob], work: "queue.Queue[int]") -> None:
        while True:
            try:
                index = work.get_nowait()
            except queue.Empty:
                return
            job = jobs[index]
            if self.token.cancelled:
                result = self._not_started(job)
            else:
                try:
                    result = self.pipeline.run(
                        job, progress=lambda step, f, i=index, j=job: self._job_progress(i, j, step, f),
                        cancel=self.token,
                    )  # fmt: skip
                except BaseException as exc:  # pragma: no cover - run() does not raise
                    log.exception("pipeline crashed on %s", job.path)
                    result = JobResult(
                        job.sha256, str(job.path), FAILED, self.pipeline.reference(job.sha256),
                        reason=Text(f"Erreur interne : {exc}", f"Internal error: {exc}"), retryable=False,
                    )  # fmt: skip
            if result.held:
                with self._lock:
                    self._held.append(index)
                    self._fractions[index] = 0.0
                continue
            self._finish(index, job, result)

    def _run_held(self, jobs: list[ImportJob]) -> None:
        """Wait for the holders of the set-aside jobs to let go, then run them (in queue order)."""
        with self._lock:
            held, self._held = sorted(self._held), []
        if not held:
            return
        pipeline = self.pipeline
        deadline = time.monotonic() + self.held_wait
        for index in held:
            job = jobs[index]
            while True:
                if self.token.cancelled:
                    self._finish(index, job, self._not_started(job))
                    break
                holder = pipeline.journal.claimant(pipeline.company_id, job.sha256)
                if holder is None:
                    result = self.pipeline.run(
                        job, progress=lambda step, f, i=index, j=job: self._job_progress(i, j, step, f),
                        cancel=self.token,
                    )  # fmt: skip
                    if not result.held or time.monotonic() >= deadline:
                        self._finish(index, job, result)
                        break
                    self.token.wait_cancelled(1.0)  # the same invoice, held from another file
                    continue
                if time.monotonic() >= deadline:
                    row = pipeline.journal.get(pipeline.company_id, job.sha256)
                    claim = J.Claim(held_by=holder, held_sha256=job.sha256)
                    self._finish(index, job, pipeline._held(job, row, claim))
                    break
                self.token.wait_cancelled(0.2)

    def _finish(self, index: int, job: ImportJob, result: JobResult) -> None:
        with self._lock:
            self._results[index] = result
            self._fractions[index] = 1.0
        if self.on_job_done is not None:
            try:
                self.on_job_done(index, job, result)
            except Exception:  # noqa: BLE001 - a broken listener must not stop the batch
                log.exception("on_job_done failed")
        self._emit()

    def _not_started(self, job: ImportJob) -> JobResult:
        row = self.pipeline.journal.get(self.pipeline.company_id, job.sha256)
        return JobResult(
            job.sha256, str(job.path), CANCELLED, self.pipeline.reference(job.sha256),
            invoice_id=row.invoice_id if row else None, state=row.state if row else None,
            reason=Text("Annulé avant de commencer.", "Cancelled before it started."), retryable=True,
        )  # fmt: skip

    def _job_progress(self, index: int, job: ImportJob, step: str, fraction: float) -> None:
        with self._lock:
            if index < len(self._fractions):
                self._fractions[index] = fraction
        if self.on_job_progress is not None:
            try:
                self.on_job_progress(index, job, step, fraction)
            except Exception:  # noqa: BLE001
                log.exception("on_job_progress failed")
        self._emit()

    def snapshot(self) -> BatchProgress:
        with self._lock:
            results = [r for r in self._results if r is not None]
            total = len(self._results)
            fraction = (sum(self._fractions) / total) if total else 1.0
        count = lambda status: sum(1 for r in results if r.status == status)  # noqa: E731
        return BatchProgress(
            total=total, finished=len(results), verified=count(VERIFIED), duplicates=count(DUPLICATE),
            failed=count(FAILED), cancelled=count(CANCELLED), fraction=fraction, paused=self.token.paused,
        )  # fmt: skip

    def _emit(self) -> None:
        if self.on_progress is None:
            return
        try:
            self.on_progress(self.snapshot())
        except Exception:  # noqa: BLE001
            log.exception("on_progress failed")


def resume_unfinished(
    journal: J.Journal, company_id: int | str, *, include_failed: bool = False
) -> list[J.JournalRow]:
    """Rows a previous run left half-way (oldest first), to offer "resume" on start.

    Always included: rows in queued/uploading/uploaded/importing/imported/categorized, and failed
    rows for which Pennylane may already hold the invoice (an import pending or an invoice id
    recorded) — finishing those matters. Other failed rows only with ``include_failed``.
    """
    out = []
    for row in journal.unfinished(company_id):
        if row.state != J.FAILED:
            out.append(row)
        elif include_failed or row.import_pending or row.invoice_id is not None:
            out.append(row)
    return out


def jobs_for(rows: Sequence[J.JournalRow]) -> list[ImportJob]:
    """Jobs that resume journal rows (the pipeline uses the body stored in the journal)."""
    return [ImportJob.from_row(row) for row in rows]
