"""The queue controller: dropped paths -> rows in the :class:`QueueModel`, read in the background.

Flow (the GUI thread never touches the disk):

1. :meth:`IntakeController.add_paths` runs :func:`app.pdf.discovery.discover` on a worker (folder walk).
2. The files found become rows (status READING) in ONE model insertion; paths already in the
   queue are skipped.
3. Each file is read on the reading pool (see :func:`reading_threads`) by
   :func:`intake_work.read_for_queue`; outcomes are collected and applied to the model in
   batches (every ~40 ms), so 200 results cost a handful of repaints, not 200. A batch gives the
   event loop back after :data:`FLUSH_BUDGET_S` of work (the rest follows at once, after a repaint
   and the user's own events): applying a row means preparing it, and the current row fills the
   form (~15 ms), so one big batch was a stall of its own.
4. A file whose content (sha256) is already in the queue is dropped from the queue and the
   status bar says so — also when the name differs.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.text import Text
from app.pdf import discovery
from app.jobs import intake_work
from app.ui import reading_processes
from app.ui.queue_model import DocumentRow, DocumentStatus, QueueModel
from app.ui.tasks import make_pool, run_task

log = logging.getLogger(__name__)

FLUSH_MS = 40
FLUSH_CHUNK = 8  # rows applied between two looks at the clock
FLUSH_BUDGET_S = 0.008  # then the event loop runs again (repaints, input) before the next rows


def reading_threads(cores: int | None = None) -> int:
    """Threads of the reading pool: one per reading process (see :mod:`app.ui.reading_processes`).

    The parsing itself (pypdf, pure Python) runs in worker processes; these threads only wait
    for their answers, so they do not compete with the GUI thread for the GIL.
    """
    return reading_processes.process_count(cores)


class IntakeController(QObject):
    """Owns the reading pool; signals progress for the status bar."""

    message = Signal(str)  # a status-bar message
    ocr_progress = Signal(object, int, int)  # DocumentRow, page being read by OCR (1-based), pages
    rows_updated = Signal(list)  # list[DocumentRow] whose status/reading changed (one batch)
    idle = Signal()  # nothing left to discover or read

    def __init__(
        self,
        model: QueueModel,
        parent: QObject | None = None,
        *,
        reader: Callable[[Path], intake_work.ReadOutcome] = reading_processes.read_for_queue,
        known_document: Callable[[object], Text | None] | None = None,
        recall_document: Callable[[intake_work.ReadOutcome], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.reader = reader
        # Optional hook, run on the worker: a reason when the file was already imported (journal).
        self.known_document = known_document
        # Optional hook, run on the worker: apply the memory of the document's supplier/customer.
        self.recall_document = recall_document
        self.pool = make_pool(reading_threads(), name="reading")
        self._keys: dict[str, DocumentRow] = {}  # path key -> row (rows still in the model)
        self._pending_discoveries = 0
        self._reading = 0
        self._batch_total = 0  # rows added since the queue was last idle
        self._done: list[tuple[DocumentRow, object]] = []
        self._duplicates: list[tuple[DocumentRow, DocumentRow]] = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)
        self._tokens: dict[int, str] = {}  # id(row) -> its reading's token (rows being read)
        self.ocr_progress.connect(self._show_ocr_progress)
        model.rowsAboutToBeRemoved.connect(self._forget_removed)

    # --- public ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._pending_discoveries or self._reading or self._done)

    def add_paths(self, paths: Iterable[Path | str]) -> None:
        paths = [Path(p) for p in paths]
        if not paths:
            return
        self._pending_discoveries += 1
        self.message.emit(self.tr("Looking for PDF files…"))
        run_task(discovery.discover, paths, on_result=self._discovered, on_error=self._discovery_failed, context=self)

    # --- discovery -------------------------------------------------------------------------
    def _discovered(self, found: discovery.Discovery) -> None:
        self._pending_discoveries -= 1
        rows = []
        already = 0
        for path in found.files:
            key = discovery.path_key(path)
            if key in self._keys:
                already += 1
                continue
            row = DocumentRow(path=path, name=path.name)
            self._keys[key] = row
            rows.append(row)
        self.model.add_rows(rows)
        self._batch_total += len(rows)
        for row in rows:
            self._reading += 1
            self._tokens[id(row)] = token = reading_processes.new_token()
            run_task(self._read, row, token, on_result=lambda outcome, row=row: self._read_done(row, outcome),
                     on_error=lambda exc, row=row: self._read_failed(row, exc), pool=self.pool, context=self)
        notes = []
        if found.missing:
            notes.append(self.tr("Not found: %1").replace("%1", ", ".join(p.name for p in found.missing[:3])))
        if already:
            notes.append(self.tr("%1 files already in the queue").replace("%1", str(already)) if already > 1
                         else self.tr("1 file already in the queue"))
        if not rows and not found.files and found.folders:
            notes.append(self.tr("No PDF file in the dropped folder"))
        if notes:
            self.message.emit("; ".join(notes))
        elif rows:
            self._report_progress()
        self._maybe_idle()

    def _discovery_failed(self, exc: BaseException) -> None:
        self._pending_discoveries -= 1
        log.error("discovery failed", exc_info=exc)
        self.message.emit(self.tr("Could not list the dropped files: %1").replace("%1", str(exc)))
        self._maybe_idle()

    # --- reading (worker) ------------------------------------------------------------------
    def _read(self, row: DocumentRow, token: str) -> tuple[intake_work.ReadOutcome, Text | None]:
        # only the path is used on the worker; the row is a key
        if getattr(self.reader, "reports_progress", False):
            outcome = self.reader(row.path, progress=lambda page, pages: self.ocr_progress.emit(row, page, pages),
                                  token=token)
        else:
            outcome = self.reader(row.path)
        known = None
        if self.known_document is not None and outcome.reading.error is None:
            known = self.known_document(outcome.reading)
        if self.recall_document is not None and outcome.reading.error is None:
            try:
                self.recall_document(outcome)
            except Exception:  # noqa: BLE001 - the memory is a help: the file is read without it
                log.exception("applying the memory to %s", row.path)
        return outcome, known

    # --- results (GUI thread) --------------------------------------------------------------
    def _read_done(self, row: DocumentRow, result: tuple[intake_work.ReadOutcome, Text | None]) -> None:
        self._reading -= 1
        self._tokens.pop(id(row), None)
        self._done.append((row, result))
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _read_failed(self, row: DocumentRow, exc: BaseException) -> None:
        log.error("reading %s failed", row.path, exc_info=exc)
        from app.pdf.reader import DocumentReading, ReadError

        reading = DocumentReading(path=row.path, name=row.name)
        reading.error = ReadError("unreadable", Text(
            f"« {row.name} » n'a pas pu être lu ({type(exc).__name__}).",
            f"“{row.name}” could not be read ({type(exc).__name__}).",
        ))
        self._read_done(row, (intake_work.ReadOutcome(reading), None))

    def _flush(self) -> None:
        self._done.sort(key=lambda item: self.model.position(item[0]) if item[0] in self.model else -1)
        started = time.perf_counter()
        duplicates = False
        while self._done:
            chunk, self._done = self._done[:FLUSH_CHUNK], self._done[FLUSH_CHUNK:]
            duplicates = self._apply(chunk) or duplicates
            if self._done and time.perf_counter() - started > FLUSH_BUDGET_S:
                self._flush_timer.start(0)  # the rest after the event loop has run (repaint, input)
                break
        else:
            self._flush_timer.setInterval(FLUSH_MS)
        if not duplicates:  # a message about duplicates stays up until the next batch
            self._report_progress()
        self._maybe_idle()

    def _apply(self, done: list[tuple[DocumentRow, object]]) -> bool:
        """Apply reading outcomes to their rows (in queue order: the first of two same files is kept);
        True when some were duplicates (and the status bar says so)."""
        changed: list[DocumentRow] = []
        duplicates: list[tuple[DocumentRow, DocumentRow]] = []
        for row, (outcome, known) in done:
            if row not in self.model:
                continue  # removed by the user while it was being read
            reading = outcome.reading
            original = self.model.find_sha256(reading.sha256, exclude=row)
            if original is not None:
                duplicates.append((row, original))
                continue
            if getattr(reading, "source_file", None) is not None and reading.path != row.path:
                # an image: the row now stands for the PDF made from it (preview, upload)
                row.extra["source_file"] = row.path
                row.path = reading.path
            row.reading = reading
            row.draft = outcome.draft
            row.recall = outcome.recall
            row.sha256 = reading.sha256
            row.size = reading.size
            row.pages = reading.pages
            status, reason = intake_work.classify(outcome)
            if known is not None and status != "error":
                status, reason = "duplicate", known
            row.status = DocumentStatus(status)
            row.reason = reason
            changed.append(row)
        if duplicates:
            self.model.remove_rows([dup for dup, _ in duplicates])
            self._batch_total -= len(duplicates)
            self._report_duplicates(duplicates)
        if changed:
            self.model.rows_changed(changed)
            self.rows_updated.emit(changed)
        return bool(duplicates)

    # --- messages --------------------------------------------------------------------------
    def _report_duplicates(self, duplicates: list[tuple[DocumentRow, DocumentRow]]) -> None:
        if len(duplicates) > 1:
            self.message.emit(self.tr("%1 files were already in the queue (same content): kept once").replace("%1", str(len(duplicates))))
            return
        dup, original = duplicates[0]
        if dup.name == original.name:
            self.message.emit(self.tr("“%1” is already in the queue").replace("%1", original.name))
        else:
            self.message.emit(self.tr("“%1” has the same content as “%2”, already in the queue: kept once")
                              .replace("%1", dup.name).replace("%2", original.name))

    def _report_progress(self) -> None:
        if self._reading or self._pending_discoveries:
            done = self._batch_total - self._reading
            self.message.emit(self.tr("Reading %1 / %2…").replace("%1", str(max(done, 0))).replace("%2", str(self._batch_total)))
        elif self._batch_total:
            # what just happened; the queue's counts are beside it, in the status bar's summary
            # (MainWindow.queue_summary): saying them here too showed them twice
            self.message.emit(self.tr("1 file read") if self._batch_total == 1
                              else self.tr("%1 files read").replace("%1", str(self._batch_total)))

    def summary(self) -> str:
        counts = {status: 0 for status in DocumentStatus}
        for row in self.model.rows():
            counts[row.status] += 1
        parts = [self.tr("%1 documents").replace("%1", str(self.model.rowCount())) if self.model.rowCount() != 1
                 else self.tr("1 document")]
        for status, one, many in (  # singular and plural: French agrees the adjective
            (DocumentStatus.READY, self.tr("1 ready"), self.tr("%1 ready")),
            (DocumentStatus.NEEDS_ATTENTION, self.tr("1 to check"), self.tr("%1 to check")),
            (DocumentStatus.ERROR, self.tr("1 unreadable"), self.tr("%1 unreadable")),
            (DocumentStatus.DUPLICATE, self.tr("1 already imported"), self.tr("%1 already imported")),
        ):
            if counts[status]:
                parts.append(one if counts[status] == 1 else many.replace("%1", str(counts[status])))
        return ", ".join(parts)

    def _maybe_idle(self) -> None:
        if not self.busy:
            self._batch_total = 0
            self.idle.emit()

    def _show_ocr_progress(self, row: DocumentRow, page: int, pages: int) -> None:
        if row in self.model and row.status is DocumentStatus.READING:
            from app.pdf.ocr import progress_text

            row.reason = progress_text(page, pages)
            self.model.rows_changed([row])

    def _forget_removed(self, _parent, first: int, last: int) -> None:
        for position in range(first, last + 1):
            row = self.model.row_at(position)
            if row is not None:
                self._keys.pop(discovery.path_key(row.extra.get("source_file", row.path)), None)
                token = self._tokens.pop(id(row), None)
                if token is not None:  # still being read: stop its OCR (a marker file, so on a worker)
                    run_task(reading_processes.cancel, token, context=self)
