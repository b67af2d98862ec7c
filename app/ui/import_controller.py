"""Importing from the window: the form's Import button, "Import all", pause/resume/cancel, resume
after an interruption, duplicates, retry, the route of Factur-X files, and the history.

:class:`ImportController` is created by the main window and owns everything import-related that
the window shows:

- actions ``importAllAction`` (Ctrl+Shift+I), ``historyAction`` (Ctrl+H), ``pauseImportAction``,
  ``resumeImportAction``, ``cancelImportAction`` — the window puts them in its toolbar;
- in the status bar: the overall progress bar ``batchProgress`` and the pause/resume/cancel
  buttons, visible while a batch runs;
- above the queue: the non-modal banner ``resumeBanner`` ("3 imports interrupted — Resume /
  Ignore") after the session connects to a company whose journal holds unfinished rows;
- under the form, next to the Import button: ``importRoute`` (Factur-X files only) says which
  route the import will take and why, and lets the person pick Pennylane's e-invoice import for a
  Factur-X BASIC / EN 16931 file;
- in the queue's context menu: "Retry" (failed imports), "Import anyway…" (duplicates, after a
  confirmation that explains the risk), "Open in Pennylane".

Every batch runs through one :class:`~app.ui.import_worker.ImportRun` (a QThread); a request made
while a batch runs waits for it. Rows keep their import bookkeeping in ``row.imports``
(:class:`app.jobs.document.ImportState`); whether a row may be imported is
:func:`app.jobs.document.refresh`'s answer (:func:`app.jobs.prepare.prepare`), never decided here.
The journal (SQLite) is opened, queried and written only off the GUI thread.

Its parts, each in its own module: :mod:`app.ui.import_route` (``importRoute`` and the route rule),
:mod:`app.ui.import_outcome` (``resumeBanner``, ``importOutcome`` and the sentences of a result),
:mod:`app.ui.import_progress` (the status bar's bar and buttons, the rate-limit wait),
:mod:`app.ui.import_stores` (journal, memory and pipeline). This module holds the flow: what is
asked (one document, all, retry, anyway, resume), the batch that runs it, and its results.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from app.domain.text import Text
from app.ui.import_batch import ImportBatch
from app.ui.import_outcome import OutcomeBox, outcome_shown
from app.ui.import_resume import ResumeBanner, ResumeOffer
from app.ui.import_route import RouteBox, route_of
from app.ui.import_stores import ImportStores, recall_into
from app.ui.keys import with_keys
from app.ui.lazy import lazy_module
from app.ui.pennylane_links import open_invoice, opened_message
from app.ui.queue_model import DocumentRow, DocumentStatus

if TYPE_CHECKING:
    from app.ui.import_worker import ImportRun

# The pipeline is imported when first used, not at start-up.
P = lazy_module("app.jobs.pipeline")


class ImportController(QObject):
    message = Signal(str)  # status-bar message
    run_started = Signal(int)  # number of jobs
    run_finished = Signal(object)  # list[JobResult] — after the QThread finished
    journal_ready = Signal()
    unfinished_found = Signal(int)

    def __init__(
        self,
        window: QMainWindow,
        session: Any,
        queue_panel: Any,
        form_panel: Any = None,
        *,
        journal_path: str | Path | None = None,
        workers: int = 1,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.queue_panel = queue_panel
        self.model = queue_panel.model
        self.form_panel = form_panel
        self.workers = workers
        self.stores = ImportStores(journal_path, self)
        self.stores.ready.connect(self.journal_ready)
        self.stores.failed.connect(self.message)
        self._move_on_after: DocumentRow | None = None  # imported on its own: then on to the next to check
        self.history_dialog: Any = None

        # A file dropped again after it was imported says so at once, before any import.
        intake = getattr(queue_panel, "intake", None)
        if intake is not None:
            intake.known_document = self.known_document
            intake.recall_document = self.recall_document

        # Hidden until needed, so built on first use (see the properties below).
        self._route_box: RouteBox | None = None
        self._outcome_box: OutcomeBox | None = None

        self._build_actions()
        self.batch = ImportBatch(self)  # the run, the rows waiting for it, the status bar's progress
        self.resume_offer = ResumeOffer(self)  # imports a previous run left half-way
        self.progress_bar = self.batch.progress.bar  # batchProgress
        self.status_buttons = self.batch.progress.buttons
        if form_panel is not None:
            form_panel.import_requested.connect(self.import_row)
        if form_panel is not None and hasattr(form_panel, "document_shown"):
            # the route and outcome boxes sit in the form: they follow the row it shows (a queue row,
            # an invoice being edited, nothing), never only the queue's selection
            form_panel.document_shown.connect(self._current_changed)
        else:
            queue_panel.current_changed.connect(self._current_changed)
        if hasattr(queue_panel, "context_menu_opening"):
            queue_panel.context_menu_opening.connect(self._extend_context_menu)
        session.changed.connect(self._session_changed)
        self._update_actions()

    # ------------------------------------------------------------------------------------------
    # construction
    def _build_actions(self) -> None:
        def action(name: str, text: str, tip: str, slot: Callable[[], Any], shortcut: str | None = None) -> QAction:
            act = QAction(text, self.window)
            act.setObjectName(name)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
                tip = with_keys(tip, [shortcut])
            act.setToolTip(tip)
            act.triggered.connect(slot)
            self.window.addAction(act)
            return act

        self.import_all_action = action(
            "importAllAction", self.tr("Import &all"), self.tr("Import every ready document into Pennylane"),
            self.import_all, "Ctrl+Shift+I")
        self.pause_action = action("pauseImportAction", self.tr("&Pause"), self.tr("Pause the imports after the current step"), self.pause)
        self.resume_action = action("resumeImportAction", self.tr("Res&ume"), self.tr("Resume the imports"), self.resume)
        self.cancel_action = action(
            "cancelImportAction", self.tr("&Stop"),
            self.tr("Stop the imports after the current step; nothing already sent is lost"), self.cancel)
        self.history_action = action(
            "historyAction", self.tr("&History"), self.tr("Every import of this company, exportable as CSV"),
            self.open_history, "Ctrl+H")
        self.retry_action = QAction(self.tr("&Retry the import"), self)
        self.retry_action.setObjectName("retryImportAction")
        self.retry_action.triggered.connect(self.retry_selected)
        self.force_action = QAction(self.tr("Import &anyway…"), self)
        self.force_action.setObjectName("forceImportAction")
        self.force_action.triggered.connect(self.force_selected)
        self.open_in_pennylane_action = QAction(self.tr("Open in &Pennylane"), self)
        self.open_in_pennylane_action.setObjectName("openInPennylaneAction")
        self.open_in_pennylane_action.triggered.connect(self.open_selected_in_pennylane)

    @property
    def banner(self) -> ResumeBanner:
        """``resumeBanner``, above the queue (app/ui/import_resume)."""
        return self.resume_offer.banner

    @property
    def route_box(self) -> RouteBox:
        """``importRoute``, under the form above the Import button (built the first time it is needed)."""
        if self._route_box is None:
            self._route_box = RouteBox(self.form_panel if self.form_panel is not None else self.window)
            self._place_in_form("route", self._route_box)
        return self._route_box

    @property
    def outcome_box(self) -> OutcomeBox:
        """``importOutcome``, above the route box (built the first time it is needed)."""
        if self._outcome_box is None:
            self._outcome_box = OutcomeBox(self, self.form_panel if self.form_panel is not None else self.window)
            self._outcome_box.row = self._current_row()
            self._place_in_form("outcome", self._outcome_box)
        return self._outcome_box

    def _place_in_form(self, slot: str, box: QWidget) -> None:
        """The form's named place for ``box`` (above its Import hint)."""
        if self.form_panel is not None and hasattr(self.form_panel, "place"):
            self.form_panel.place(slot, box)

    def _current_row(self) -> DocumentRow | None:
        """The row the form shows (the queue's selection unless an imported invoice is being edited)."""
        if self.form_panel is not None and hasattr(self.form_panel, "document_shown"):
            return getattr(self.form_panel, "row", None)
        return getattr(self.queue_panel, "current_row", None)

    def _current_changed(self, row: DocumentRow | None) -> None:
        if self._route_box is not None or (row is not None and row.draft is not None):
            self.route_box.set_row(row, editing=bool(getattr(self.form_panel, "editing", False)))
        if self._outcome_box is not None or outcome_shown(row):
            self.outcome_box.set_row(row)

    def _refresh_outcome(self) -> None:
        if self._route_box is not None:  # the shown row's status changed: importing or imported has no route
            self._route_box.set_row(self._current_row(), editing=bool(getattr(self.form_panel, "editing", False)))
        if self._outcome_box is not None or outcome_shown(self._current_row()):
            self.outcome_box.refresh()

    def toolbar_actions(self) -> list[QAction]:
        return [self.import_all_action, self.history_action]

    # ------------------------------------------------------------------------------------------
    # state
    @property
    def run(self) -> ImportRun | None:
        return self.batch.run

    @property
    def running(self) -> bool:
        return self.batch.running

    def active_rows(self) -> list[DocumentRow]:
        return self.batch.active_rows()

    def _update_actions(self) -> None:
        running = self.running
        paused = running and self.run.paused
        self.import_all_action.setEnabled(bool(self.session is not None and self.session.is_connected))
        self.pause_action.setEnabled(running and not paused and not self.run.cancelled)
        self.resume_action.setEnabled(paused)
        self.cancel_action.setEnabled(running and not self.run.cancelled)
        self.pause_action.setVisible(not paused)
        self.resume_action.setVisible(paused)
        self.batch.progress.show_buttons(running)

    # ------------------------------------------------------------------------------------------
    # journal, memory, pipeline (app/ui/import_stores: opened off the GUI thread)
    @property
    def journal(self) -> Any:
        return self.stores.journal

    @journal.setter
    def journal(self, journal: Any) -> None:
        self.stores.journal = journal

    @property
    def journal_path(self) -> str | Path | None:
        return self.stores.journal_path

    def use_journal(self, path: str | Path) -> None:
        """Keep the journal at ``path`` from now on (the demo's own); the one open, if any, is closed."""
        self.stores.use(path)

    def with_journal(self, then: Callable[[], None]) -> None:
        """Call ``then`` (on the GUI thread) once the journal is open."""
        self.stores.with_journal(then)

    def company_id(self) -> Any:
        company = getattr(self.session, "company", None)
        return getattr(company, "id", None)

    def known_document(self, reading: Any) -> Text | None:
        """Reading worker: why this file is a duplicate for the current company, or None."""
        return self.stores.known_document(reading, self.company_id())

    def memory(self) -> Any:
        """The memory of suppliers and customers (workers only: it touches the disk)."""
        return self.stores.memory()

    def recall_document(self, outcome: Any) -> None:
        """Reading worker: apply the memory of the document's supplier/customer for the current company."""
        recall_into(outcome, self.company_id(), self.memory)

    def pipeline(self) -> P.ImportPipeline:
        return self.stores.pipeline(self.session.client, self.company_id(), self.memory)

    # ------------------------------------------------------------------------------------------
    # session
    def _session_changed(self) -> None:
        self._update_actions()
        self.resume_offer.forget()
        if self.session is not None and self.session.is_connected:
            self.with_journal(self.check_unfinished)

    def check_unfinished(self) -> None:
        """Look for imports a previous run left half-way; offer to resume (app/ui/import_resume)."""
        self.resume_offer.check()

    # ------------------------------------------------------------------------------------------
    # starting imports
    def import_row(self, row: DocumentRow, draft: Any = None) -> None:
        """The form's Import button (a warned invoice asks first, as in Import all)."""
        if draft is not None and row is not None and draft is not row.draft:
            row.draft = draft
        if row is not None and row.draft is not None:
            self.prepare_row(row)
            if row.warnings and not self.confirm_batch([row]):
                return
        self._move_on_after = row
        self.import_rows([row])

    def import_all(self) -> None:
        """Every ready row, after a confirmation: the count, the total incl. VAT, the company, and
        each warning (a warned invoice is imported only if the person ticks it)."""
        rows = [row for row in self.model.rows() if row.status is DocumentStatus.READY]
        self.queue_panel.update_rows(rows)  # prepared again now: the figures shown are the ones sent
        rows = [row for row in rows if row.status is DocumentStatus.READY]
        if not rows:
            self.message.emit(self.tr("No document is ready to import."))
            return
        chosen = self.confirm_batch(rows)
        if not chosen:
            self.message.emit(self.tr("Nothing was imported."))
            return
        self.import_rows(chosen)

    def confirm_batch(self, rows: list[DocumentRow]) -> list[DocumentRow] | None:
        """Ask before importing ``rows`` (``importAllDialog``); the rows chosen, or None if cancelled.
        Tests monkeypatch this (the dialog itself is tested on its own)."""
        from app.ui.batch_confirm import BatchConfirmDialog

        company = getattr(getattr(self.session, "company", None), "name", None)
        dialog = BatchConfirmDialog(rows, company, self.window)
        accepted = dialog.exec() == BatchConfirmDialog.DialogCode.Accepted
        chosen = dialog.chosen_rows() if accepted else None
        dialog.deleteLater()
        return chosen

    def retry_selected(self) -> None:
        rows = [r for r in self.queue_panel.selected_rows() if r.imports.failed]
        self.import_rows(rows)

    def force_selected(self) -> None:
        rows = [r for r in self.queue_panel.selected_rows() if r.status is DocumentStatus.DUPLICATE]
        if rows and self.confirm_force(rows):
            self.import_rows(rows, force=True)

    def confirm_force(self, rows: list[DocumentRow]) -> bool:
        """Ask before importing what looks like a duplicate (tests monkeypatch this or QMessageBox)."""
        ids = [str(r.imports.invoice_id) for r in rows if r.imports.invoice_id]
        names = ", ".join(f"“{r.name}”" for r in rows[:3]) + ("…" if len(rows) > 3 else "")
        text = self.tr(
            "Pennylane does not detect duplicates: importing %1 anyway creates another invoice in Pennylane "
            "beside the one already there%2.\n\nDo it only if you are sure these are different invoices "
            "(for example, the supplier reused an invoice number). An invoice imported twice has to be "
            "deleted by hand in Pennylane."
        ).replace("%1", names).replace("%2", self.tr(" (#%1)").replace("%1", ", #".join(ids)) if ids else "")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import anyway?"), text,
                          QMessageBox.StandardButton.Cancel, self.window)
        box.setObjectName("forceImportDialog")
        confirm = box.addButton(self.tr("Import anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is confirm

    def import_rows(self, rows: list[DocumentRow], *, force: bool = False) -> None:
        rows = [r for r in rows if r is not None and r in self.model]
        if not rows:
            return
        if self.session is None or not self.session.is_connected:
            self.message.emit(self.tr("Connect to Pennylane first: nothing was imported."))
            return
        if self.journal is None:
            self.with_journal(lambda: self.import_rows(rows, force=force))
            return
        busy = set(map(id, self.active_rows()))
        pairs: list[tuple[DocumentRow, P.ImportJob]] = []
        refused: list[DocumentRow] = []
        skipped: list[DocumentRow] = []
        for row in rows:
            if id(row) in busy or row.status is DocumentStatus.IMPORTED:
                skipped.append(row)
                continue
            job, problem = self._job_for(row, force=force)
            if job is None:
                if row.status is not DocumentStatus.ERROR or not row.imports.failed:
                    row.status = DocumentStatus.NEEDS_ATTENTION
                row.reason = problem
                row.progress = None
                refused.append(row)
                continue
            pairs.append((row, job))
        if refused:
            self.queue_panel.update_rows(refused, prepare=False)
        if skipped and not pairs and not refused:
            row = skipped[0]
            if row.status is DocumentStatus.IMPORTED:
                self.message.emit(self.tr("“%1” is already imported (Pennylane invoice #%2): it is not sent twice.")
                                  .replace("%1", row.name).replace("%2", str(row.imports.invoice_id)))
            else:
                self.message.emit(self.tr("“%1” is already being imported.").replace("%1", row.name))
            return
        if refused and not pairs:
            self.message.emit(self.tr("Not imported: %1 — see the reason in the queue.").replace("%1", ", ".join(r.name for r in refused[:3])))
            return
        if refused:
            self.message.emit(self.tr("%1 documents are not ready (see their reason) and stay in the queue; the others are being imported.").replace("%1", str(len(refused))))
        self.batch.enqueue(pairs)

    def _job_for(self, row: DocumentRow, *, force: bool) -> tuple[P.ImportJob | None, Text | None]:
        """The job for ``row``, or why not: :func:`app.jobs.document.refresh` decides (a row never
        shown in the form gets its kind and counterpart there, as the form would give them)."""
        journal_row = row.imports.journal_row
        if row.draft is None:
            if journal_row is not None:
                return P.ImportJob.from_row(journal_row, force=force), None
            return None, P.NO_DRAFT
        prepared = self.prepare_row(row)
        if not prepared.ready:
            return None, prepared.reason
        draft = row.draft.model_copy(deep=True) if hasattr(row.draft, "model_copy") else row.draft
        kind = prepared.kind
        if row.reading is not None and getattr(row.reading, "sha256", ""):
            job = P.ImportJob.from_reading(row.reading, kind, draft=draft, route=route_of(row), force=force,
                                           counterpart_name=getattr(draft, "counterpart_name", None))
        else:
            job = P.ImportJob(path=row.path, kind=kind, sha256=row.sha256, draft=draft, file_name=row.name,
                              route=route_of(row), force=force,
                              counterpart_name=getattr(draft, "counterpart_name", None))
        return job, None

    def prepare_row(self, row: DocumentRow) -> Any:
        """:func:`app.jobs.document.refresh` with the session's company and reference data."""
        from app.jobs.document import refresh

        return refresh(row, getattr(self.session, "company", None), getattr(self.session, "reference_data", None))

    def _batch_finished(self, rows: list[DocumentRow], results: list[P.JobResult], summary: str) -> None:
        """A batch is over (its rows are back in the queue): say so — and, after a document imported
        on its own, move on to the next to check —, reload the history, ask to sign in again if
        Pennylane refused the token."""
        text = summary
        if len(rows) == 1 and rows[0] is self._move_on_after:
            self._move_on_after = None
            move_on = getattr(self.queue_panel, "move_on", None)
            if rows[0].status is DocumentStatus.IMPORTED and callable(move_on):
                text = " ".join(t for t in (text, move_on(rows[0])) if t)  # the queue's next to check (F8's rule)
        self.message.emit(text)
        if self.history_dialog is not None:
            self.history_dialog.reload()
        self.run_finished.emit(results)
        if any(r.sign_in for r in results):
            # the token is no longer valid (expired, revoked, refresh refused): the failed rows
            # stay in the queue with "Retry"; ask the person to sign in again, once the batch is over
            self.message.emit(self.tr("Pennylane refused the sign-in: sign in again, then retry the failed rows."))
            accounts = getattr(self.window, "accounts", None)
            if accounts is not None and not getattr(accounts, "demo", False):
                QTimer.singleShot(0, accounts.add_company)

    # ------------------------------------------------------------------------------------------
    # control (app/ui/import_batch)
    def pause(self) -> None:
        self.batch.pause()

    def resume(self) -> None:
        self.batch.resume()

    def cancel(self) -> None:
        self.batch.cancel()

    def request_close(self) -> bool:
        """Window closing: True when it may close now; otherwise stop the batch and close when done."""
        return self.batch.request_close()

    # ------------------------------------------------------------------------------------------
    # queue context menu
    def _extend_context_menu(self, menu: QMenu, rows: list[DocumentRow]) -> None:
        failed = [r for r in rows if r.imports.failed and r.status is DocumentStatus.ERROR]
        duplicates = [r for r in rows if r.status is DocumentStatus.DUPLICATE]
        linked = [r for r in rows if r.imports.invoice_id is not None]
        if not (failed or duplicates or linked):
            return
        menu.addSeparator()
        if failed:
            menu.addAction(self.retry_action)
        if duplicates:
            menu.addAction(self.force_action)
        if linked:
            menu.addAction(self.open_in_pennylane_action)

    def open_selected_in_pennylane(self) -> None:
        for row in self.queue_panel.selected_rows():
            state = row.imports
            if state.invoice_id is not None:
                opened = open_invoice(self.company_id(), state.kind or "supplier", state.invoice_id, state.link,
                                      demo=getattr(self.window, "demo_standin", None) is not None)
                text = opened_message(opened)
                if text:
                    self.message.emit(text)
                return

    # ------------------------------------------------------------------------------------------
    # history
    def open_history(self) -> None:
        from app.ui.history_dialog import HistoryDialog

        if self.history_dialog is None:
            self.history_dialog = HistoryDialog(self, self.window)
            self.history_dialog.destroyed.connect(self._history_closed)
        self.history_dialog.show()
        self.history_dialog.raise_()
        self.history_dialog.activateWindow()
        self.history_dialog.reload()

    def _history_closed(self, *_args: Any) -> None:
        self.history_dialog = None
