"""The batch that runs imports: one :class:`~app.ui.import_worker.ImportRun` (a QThread) at a time,
the jobs asked meanwhile waiting for it; pause, resume and stop; each job's progress and result
written onto its row (importing 42 %, imported, duplicate, failed, stopped half-way), rows whose
result never came put back; and the status bar's progress (:mod:`app.ui.import_progress`).

What to import is the :class:`~app.ui.import_controller.ImportController`'s (it asks
:func:`app.jobs.prepare.prepare`); this holds what happens once it is asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from app.ui.import_outcome import ImportTexts
from app.ui.import_progress import BatchProgress
from app.ui.lazy import lazy_module
from app.ui.queue_model import DocumentRow, DocumentStatus

if TYPE_CHECKING:
    from app.ui.import_worker import ImportRun

P = lazy_module("app.jobs.pipeline")


class ImportBatch(QObject):
    def __init__(self, controller: Any) -> None:
        super().__init__(controller)
        self.controller = controller
        self.run: ImportRun | None = None
        self.rows: list[DocumentRow] = []  # the running batch's rows, in its jobs' order
        self.waiting: list[tuple[DocumentRow, P.ImportJob]] = []  # asked while it runs
        self.close_when_done = False
        self.texts = ImportTexts(self)
        c = controller
        self.progress = BatchProgress(self, c.window.statusBar(), [c.pause_action, c.resume_action, c.cancel_action])

    @property
    def running(self) -> bool:
        return self.run is not None and self.run.running

    def active_rows(self) -> list[DocumentRow]:
        return list(self.rows) + [row for row, _job in self.waiting]

    # -- starting ----------------------------------------------------------------------------------
    def enqueue(self, pairs: list[tuple[DocumentRow, P.ImportJob]]) -> None:
        """Mark the rows "Waiting…" and start them now, or after the batch that runs."""
        if not pairs:
            return
        c = self.controller
        for row, job in pairs:
            state = row.imports
            state.kind = job.kind
            if state.previous_status is None:
                state.previous_status = row.status if row.status is not DocumentStatus.IMPORTING else DocumentStatus.READY
            state.failed = False
            state.note = None
            row.status = DocumentStatus.IMPORTING
            row.progress = None  # "Importing" until its first step; then "Importing 42 %"
            row.reason = self.tr("Waiting…")
        c.model.rows_changed([row for row, _job in pairs])
        c._refresh_outcome()
        if self.running:
            self.waiting.extend(pairs)
            c.message.emit(self.tr("%1 more documents will be imported after the current batch.").replace("%1", str(len(pairs))))
            self.progress.update_text()
            return
        self._start(pairs)

    def _start(self, pairs: list[tuple[DocumentRow, P.ImportJob]]) -> None:
        c = self.controller
        self.rows = [row for row, _job in pairs]
        from app.ui.import_worker import ImportRun

        run = ImportRun(c.pipeline(), [job for _row, job in pairs], self, workers=c.workers)
        run.job_progress.connect(self._job_progress)
        run.job_done.connect(self._job_done)
        run.progress.connect(self.progress.set_progress)
        run.paused_changed.connect(lambda _paused: self._paused_changed())
        run.finished.connect(self._finished)
        self.run = run
        self.progress.start()
        run.start()  # first: the actions and buttons follow a run that is running (Pause/Stop offered)
        self.progress.show(True)
        c._update_actions()
        c.message.emit(self.tr("Importing %1 documents…").replace("%1", str(len(pairs))) if len(pairs) != 1
                       else self.tr("Importing “%1”…").replace("%1", pairs[0][0].name))
        c.run_started.emit(len(pairs))

    # -- control -----------------------------------------------------------------------------------
    def pause(self) -> None:
        if self.running:
            self.run.pause()

    def resume(self) -> None:
        if self.run is not None:
            self.run.resume()

    def cancel(self) -> None:
        if not self.running:
            return
        waiting, self.waiting = self.waiting, []
        self._restore([row for row, _job in waiting], self.texts.cancelled())
        self.run.cancel()
        self.controller._update_actions()
        self.progress.update_text()
        self.controller.message.emit(self.tr("Stopping the imports after the current step…"))

    def _paused_changed(self) -> None:
        c = self.controller
        c._update_actions()
        self.progress.update_text()
        if self.running and self.run.paused:
            c.message.emit(self.tr("Imports paused: the current step finishes, then nothing more is sent until you resume."))
        elif self.running:
            c.message.emit(self.tr("Imports resumed."))

    def request_close(self) -> bool:
        """Window closing: True when it may close now; otherwise stop the batch and close when done."""
        if not self.running:
            return True
        self.close_when_done = True
        self.cancel()
        self.controller.message.emit(self.tr("Stopping the imports before closing: the current step finishes first…"))
        return False

    # -- progress and results (GUI thread) ---------------------------------------------------------
    def _job_progress(self, index: int, step: str, fraction: float) -> None:
        c = self.controller
        row = self.rows[index] if 0 <= index < len(self.rows) else None
        if row is None or row not in c.model:
            return
        row.status = DocumentStatus.IMPORTING
        row.progress = max(0, min(100, int(fraction * 100)))
        row.reason = self.tr("Importing %1 %: %2").replace("%1", str(row.progress)).replace("%2", self.texts.step(step))
        c.model.rows_changed([row])
        if c._outcome_box is not None and row is c._outcome_box.row:
            c._outcome_box.refresh()
        elif row is c._current_row():
            c._refresh_outcome()

    def _job_done(self, index: int, result: P.JobResult) -> None:
        row = self.rows[index] if 0 <= index < len(self.rows) else None
        if row is None:
            return
        self.apply_result(row, result)

    def apply_result(self, row: DocumentRow, result: P.JobResult) -> None:
        c = self.controller
        state = row.imports
        previous = state.previous_status or DocumentStatus.READY
        state.previous_status = None
        state.waiting = None
        state.invoice_id = result.invoice_id
        state.link = result.link
        state.result = result
        row.progress = None
        if result.status == P.VERIFIED:
            row.status = DocumentStatus.IMPORTED
            row.reason = self.tr("Imported: Pennylane invoice #%1").replace("%1", str(result.invoice_id))
            state.failed = False
        elif result.status == P.DUPLICATE:
            row.status = DocumentStatus.DUPLICATE
            row.reason = self.texts.duplicate(result)
            state.duplicate = result.duplicate
            state.failed = False
        elif result.status == P.FAILED:
            row.status = DocumentStatus.ERROR
            row.reason = self.texts.failure(result)
            state.failed = True
        else:  # cancelled: back where it was, resumable
            row.status = previous if previous in (DocumentStatus.READY, DocumentStatus.NEEDS_ATTENTION,
                                                  DocumentStatus.ERROR, DocumentStatus.DUPLICATE) else DocumentStatus.READY
            if row.status is DocumentStatus.ERROR:
                state.failed = True
            row.reason = state.note = self.texts.cancelled(result)
        if row in c.model:
            c.queue_panel.update_rows([row])
            if row is c.queue_panel.current_row:
                c._current_changed(row)

    def _restore(self, rows: list[DocumentRow], reason: str) -> None:
        for row in rows:
            row.status = row.imports.previous_status or DocumentStatus.READY
            row.imports.previous_status = None
            row.imports.waiting = None
            row.imports.note = reason
            row.progress = None
            row.reason = reason
        self.controller.model.rows_changed(rows)
        self.controller._refresh_outcome()

    def _finished(self, results: list[P.JobResult]) -> None:
        c = self.controller
        run, self.run = self.run, None
        batch, self.rows = self.rows, []
        # a row whose result never came (a crashed batch) goes back to where it was
        orphans = [row for row in batch if row.imports.previous_status is not None]
        if orphans:
            self._restore(orphans, self.tr("The import stopped unexpectedly: nothing is lost; import it again."))
        self.progress.show(False)
        c._update_actions()
        c._batch_finished(batch, results, self.texts.finished(results))
        if run is not None:
            run.deleteLater()
        if self.close_when_done:
            c.window.close()
            return
        if self.waiting:
            waiting, self.waiting = self.waiting, []
            self._start(waiting)
