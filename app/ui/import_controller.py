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
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.text import Text, format_day
from app.ui import colours
from app.ui.banner import Banner
from app.ui.keys import with_keys
from app.ui.lazy import lazy_module
from app.ui.pennylane_links import PENNYLANE_APP_URL, open_invoice, opened_message  # noqa: F401 - re-exported
from app.ui.queue_model import DocumentRow, DocumentStatus
from app.ui.tasks import run_task

if TYPE_CHECKING:
    from app.ui.import_worker import ImportRun

# The pipeline and the journal (sqlite3) are imported when first used, not at start-up.
J = lazy_module("app.jobs.journal")
P = lazy_module("app.jobs.pipeline")

log = logging.getLogger(__name__)



def import_state(row: DocumentRow) -> Any:
    """The row's import bookkeeping (:class:`app.jobs.document.ImportState`)."""
    return row.imports


def e_invoice_profile(row: DocumentRow | None) -> str | None:
    """The Factur-X profile of the row's file ("EN 16931", "MINIMUM"…), or None for other PDFs."""
    reading = getattr(row, "reading", None)
    if reading is None or getattr(reading, "source", None) != "facturx":
        return None
    return (getattr(reading, "profile", None) or "?").upper()


def _decimal_text(value: float) -> str:
    """``2.5`` as the person's language writes it (``2,5`` in French)."""
    from app.domain.text import current_language

    text = f"{value:g}"
    return text.replace(".", ",") if current_language() == "fr" else text


def can_use_e_invoice(profile: str | None) -> bool:
    return bool(profile) and profile in P.E_INVOICE_PROFILES


class ResumeBanner(Banner):
    """"3 imports interrupted — Resume / Ignore": non-modal, above the queue."""

    resume_clicked = Signal()
    ignore_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("resumeBanner", parent, buttons_below=True)
        self.set_tone("warning")
        self.label.setObjectName("resumeBannerText")
        self.resume_button = QPushButton(self.tr("&Resume"), self)
        self.resume_button.setObjectName("resumeImportsButton")
        self.resume_button.clicked.connect(self.resume_clicked)
        self.ignore_button = QPushButton(self.tr("I&gnore"), self)
        self.ignore_button.setObjectName("ignoreImportsButton")
        self.ignore_button.clicked.connect(self.ignore_clicked)
        self.add_button(self.ignore_button)
        self.add_button(self.resume_button)
        self.setAccessibleName(self.tr("Interrupted imports"))
        self.hide()

    def offer(self, count: int) -> None:
        if count == 1:
            text = self.tr("1 import was interrupted. Resume it? Nothing already sent to Pennylane is sent again.")
        else:
            text = self.tr("%1 imports were interrupted. Resume them? Nothing already sent to Pennylane is sent again.").replace("%1", str(count))
        self.label.setText(text)
        self.show()


class OutcomeBox(Banner):
    """Under the form: what happened to the selected document's import, and what to do next.

    Shows the row's import outcome (imported with its Pennylane id, duplicate with the evidence,
    failure with the reason, progress) with the matching actions: Open in Pennylane, Import
    anyway…, Retry. Hidden for a document that was never sent.
    """

    _TONES = {  # app/ui/colours: light or dark with the palette
        DocumentStatus.IMPORTED: "ok",
        DocumentStatus.DUPLICATE: "duplicate",
        DocumentStatus.ERROR: "error",
        DocumentStatus.IMPORTING: "info",
        DocumentStatus.READY: "warning",
        DocumentStatus.NEEDS_ATTENTION: "warning",
    }

    def __init__(self, controller: "ImportController", parent: QWidget | None = None) -> None:
        super().__init__("importOutcome", parent, icon=True, buttons_below=True)
        self.controller = controller
        self.row: DocumentRow | None = None
        self.text = self.label
        self.text.setObjectName("importOutcomeText")
        self.text.setTextFormat(Qt.TextFormat.AutoText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: dict[str, QToolButton] = {}
        for key, act in (("open", controller.open_in_pennylane_action), ("force", controller.force_action),
                         ("retry", controller.retry_action)):
            button = QToolButton(self)
            button.setDefaultAction(act)
            button.setObjectName(f"importOutcome{key.capitalize()}Button")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons[key] = button
            self.add_button(button)
        self.hide()

    def set_row(self, row: DocumentRow | None) -> None:
        self.row = row
        self.refresh()

    def refresh(self) -> None:
        row = self.row
        if not outcome_shown(row):
            self.hide()
            return
        self.text.setText(str(row.reason))
        self.set_tone(self._TONES.get(row.status, "busy"))
        self.buttons["open"].setVisible(row.imports.invoice_id is not None)
        self.buttons["force"].setVisible(row.status is DocumentStatus.DUPLICATE)
        self.buttons["retry"].setVisible(row.status is DocumentStatus.ERROR and row.imports.failed)
        self.show()


def outcome_shown(row: DocumentRow | None) -> bool:
    """Whether the outcome box has something to say about ``row`` (sent, or being imported)."""
    if row is None or row.reason is None:
        return False
    return row.imports.sent or row.status is DocumentStatus.IMPORTING


class RouteBox(QWidget):
    """Which route the import takes for the selected Factur-X file, why, and the choice."""

    route_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importRoute")
        self.row: DocumentRow | None = None
        self.combo = QComboBox(self)
        self.combo.setObjectName("importRouteCombo")
        self.combo.addItem(self.tr("Import the form's values"), J.ROUTE_IMPORT)
        self.combo.addItem(self.tr("Pennylane e-invoice import"), J.ROUTE_E_INVOICE)
        self.combo.setAccessibleName(self.tr("Import route"))
        self.combo.currentIndexChanged.connect(self._chosen)
        self.caption = QLabel(self.tr("Route:"), self)
        self.caption.setBuddy(self.combo)
        self.note = QLabel(self)
        self.note.setObjectName("importRouteNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {colours.muted()};")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.caption)
        top.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.note)
        self.hide()

    def set_row(self, row: DocumentRow | None, *, editing: bool = False) -> None:
        """Shown for every invoice still to import, in the same place (the form does not jump
        between a Factur-X row and another): the choice is enabled only where there is one, and
        the combo's tooltip says why not. Hidden with no invoice, for an imported one (or on its
        way) and in edit mode (an invoice already in Pennylane)."""
        self.row = row
        if row is None or row.draft is None or editing or row.status in (DocumentStatus.IMPORTED, DocumentStatus.IMPORTING):
            self.hide()
            return
        profile = e_invoice_profile(row)
        eligible = can_use_e_invoice(profile)
        route = route_of(row)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, self.combo.findData(route)))
        self.combo.blockSignals(False)
        self.combo.setEnabled(eligible)
        self._explain(profile, eligible, route)
        self.show()

    def _explain(self, profile: str | None, eligible: bool, route: str) -> None:
        if profile is None:
            text = self.tr("Not a Factur-X e-invoice: the form's values are sent (only a Factur-X file with its "
                           "lines can go through Pennylane's e-invoice import).")
        elif not eligible:
            text = self.tr("Factur-X %1 carries no invoice lines: standard import with the form's values.")
        elif route == J.ROUTE_E_INVOICE:
            text = self.tr("Factur-X %1: Pennylane will read the lines of the electronic invoice. "
                           "Your edits to the lines are not sent; the counterpart and categories are.")
        else:
            text = self.tr("Factur-X %1: the form's values are sent. Choose the e-invoice import to let "
                           "Pennylane read the lines of the electronic invoice instead.")
        text = text.replace("%1", profile or "")
        self.note.setText(text)
        self.combo.setToolTip(text)
        self.combo.setAccessibleDescription(text)
        # Under the combo only when the person chose the e-invoice import (their line edits are not
        # sent): otherwise one line, the same height for every row; the rest is in the tooltip.
        self.note.setVisible(eligible and route == J.ROUTE_E_INVOICE)

    def _chosen(self, _index: int) -> None:
        if self.row is None:
            return
        route = self.combo.currentData()
        self.row.imports.route = route
        self._explain(e_invoice_profile(self.row) or "?", True, route)
        self.route_changed.emit(route)


def route_of(row: DocumentRow) -> str:
    """The route the row's import takes: the person's choice, else the form's values."""
    route = row.imports.route or J.ROUTE_IMPORT
    if route == J.ROUTE_E_INVOICE and not can_use_e_invoice(e_invoice_profile(row)):
        return J.ROUTE_IMPORT
    return route


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
        self.journal_path = journal_path
        self.workers = workers
        self.journal: J.Journal | None = None
        self._journal_opening = False
        self._after_journal: list[Callable[[], None]] = []
        self.run: ImportRun | None = None
        self._batch: list[DocumentRow] = []
        self._waiting: list[tuple[DocumentRow, P.ImportJob]] = []
        self._move_on_after: DocumentRow | None = None  # imported on its own: then on to the next to check
        self._unfinished: list[J.JournalRow] = []
        self._pipeline: P.ImportPipeline | None = None
        self._pipeline_key: tuple[Any, Any] | None = None
        self._close_when_done = False
        # While a batch runs: is it waiting for Pennylane's rate limit? (polled; the limiter is
        # thread-safe and answers without I/O) — said on the importing rows and in the status bar.
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(250)
        self._wait_timer.timeout.connect(self._check_rate_limit)
        self._rate_waiting = False
        self.history_dialog: Any = None

        # A file dropped again after it was imported says so at once, before any import.
        intake = getattr(queue_panel, "intake", None)
        if intake is not None:
            intake.known_document = self.known_document
            intake.recall_document = self.recall_document
        self._memory: Any = None  # app.jobs.memory.MemoryStore, opened on a worker on first use
        self._memory_lock = threading.Lock()

        # Hidden until needed, so built on first use (see the properties below).
        self._banner: ResumeBanner | None = None
        self._route_box: RouteBox | None = None
        self._outcome_box: OutcomeBox | None = None

        self._build_actions()
        self._build_status()
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

    def _build_status(self) -> None:
        status = self.window.statusBar()
        self.progress_bar = QProgressBar(status)
        self.progress_bar.setObjectName("batchProgress")
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(260)
        self.progress_bar.setMinimumWidth(180)
        self.progress_bar.setAccessibleName(self.tr("Import progress"))
        self.status_buttons: list[QToolButton] = []
        status.addPermanentWidget(self.progress_bar)
        for act in (self.pause_action, self.resume_action, self.cancel_action):
            button = QToolButton(status)
            button.setDefaultAction(act)
            button.setAutoRaise(True)
            button.setObjectName(act.objectName().replace("Action", "Button"))
            status.addPermanentWidget(button)
            self.status_buttons.append(button)
        self._show_progress(False)

    @property
    def banner(self) -> ResumeBanner:
        """``resumeBanner``, above the queue (built the first time it is needed)."""
        if self._banner is None:
            self._banner = ResumeBanner(self.queue_panel)
            self._banner.resume_clicked.connect(self.resume_unfinished)
            self._banner.ignore_clicked.connect(self.ignore_unfinished)
            layout = self.queue_panel.layout()
            if layout is not None:
                layout.insertWidget(0, self._banner)
        return self._banner

    def _hide_banner(self) -> None:
        if self._banner is not None:
            self._banner.hide()

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
    def running(self) -> bool:
        return self.run is not None and self.run.running

    def active_rows(self) -> list[DocumentRow]:
        return list(self._batch) + [row for row, _job in self._waiting]

    def _update_actions(self) -> None:
        running = self.running
        paused = running and self.run.paused
        self.import_all_action.setEnabled(bool(self.session is not None and self.session.is_connected))
        self.pause_action.setEnabled(running and not paused and not self.run.cancelled)
        self.resume_action.setEnabled(paused)
        self.cancel_action.setEnabled(running and not self.run.cancelled)
        self.pause_action.setVisible(not paused)
        self.resume_action.setVisible(paused)
        for button in self.status_buttons:
            button.setVisible(running and button.defaultAction().isVisible())

    def _show_progress(self, visible: bool) -> None:
        if visible:
            self._wait_timer.start()
        else:
            self._wait_timer.stop()
            self._rate_waiting = False
        self.progress_bar.setVisible(visible)
        for button in self.status_buttons:
            button.setVisible(visible and button.defaultAction().isVisible())

    # ------------------------------------------------------------------------------------------
    # journal (opened off the GUI thread)
    def use_journal(self, path: str | Path) -> None:
        """Keep the journal at ``path`` from now on (the demo's own); the one open, if any, is closed."""
        old, self.journal = self.journal, None
        self.journal_path = path
        self._pipeline = None
        self._memory = None  # the memory lives beside the journal: the demo's has its own
        if old is not None:
            run_task(old.close, context=self)

    def with_journal(self, then: Callable[[], None]) -> None:
        """Call ``then`` (on the GUI thread) once the journal is open."""
        if self.journal is not None:
            then()
            return
        self._after_journal.append(then)
        if self._journal_opening:
            return
        self._journal_opening = True
        path = self.journal_path
        run_task(lambda: J.Journal(path), on_result=self._journal_opened, on_error=self._journal_failed, context=self)

    def _journal_opened(self, journal: J.Journal) -> None:
        self._journal_opening = False
        self.journal = journal
        pending, self._after_journal = self._after_journal, []
        self.journal_ready.emit()
        for then in pending:
            then()

    def known_document(self, reading: Any) -> Text | None:
        """Reading worker: why this file is a duplicate (already imported for the current company,
        per the journal), or None. The evidence is checked again, with Pennylane too, on import."""
        journal, company_id = self.journal, self.company_id()
        sha256 = getattr(reading, "sha256", None)
        if journal is None or company_id is None or not sha256:
            return None
        from app.jobs import duplicates as D

        found = D.check_local(journal, company_id, sha256=sha256, kind="supplier", counterpart_id=None,
                              invoice_number=None, date=None)
        return D.describe(tuple(found)) if found else None

    def _journal_failed(self, exc: BaseException) -> None:
        self._journal_opening = False
        self._after_journal = []
        log.error("cannot open the import journal", exc_info=exc)
        self.message.emit(self.tr("The import journal cannot be opened (%1): nothing can be imported safely.").replace("%1", str(exc)))

    def company_id(self) -> Any:
        company = getattr(self.session, "company", None)
        return getattr(company, "id", None)

    def memory(self) -> Any:
        """The memory of suppliers and customers, beside the journal (opened on first use; called
        on workers only: it touches the disk)."""
        with self._memory_lock:  # several reading workers may ask first at once
            if self._memory is None:
                from app.jobs.memory import MemoryStore, default_path

                path = Path(self.journal_path).with_name("memory.sqlite3") if self.journal_path else default_path()
                self._memory = MemoryStore(path)
            return self._memory

    def recall_document(self, outcome: Any) -> None:
        """Reading worker: apply the memory of the document's supplier/customer for the current
        company (values it gives are badged 'remembered'; contradictions become warnings)."""
        company_id = self.company_id()
        reading = outcome.reading
        if company_id is None or getattr(reading, "invoice", None) is None:
            return
        from app.jobs.recall import recall_reading

        recall = recall_reading(reading, self.memory(), company_id)
        if recall.memory is None:
            return
        outcome.recall = recall
        if recall.notes and outcome.draft is not None:
            from app.pdf.draft import to_draft

            outcome.draft = to_draft(reading, getattr(outcome.draft, "kind", "supplier"))

    def pipeline(self) -> P.ImportPipeline:
        key = (id(self.session.client), self.company_id())
        if self._pipeline is None or self._pipeline_key != key:
            assert self.journal is not None
            # every import teaches the memory what the person sent (on the import worker)
            self._pipeline = P.ImportPipeline(self.session.client, self.journal, self.company_id(),
                                              learn=_LazyLearner(self, self.company_id()))
            self._pipeline_key = key
        return self._pipeline

    # ------------------------------------------------------------------------------------------
    # session
    def _session_changed(self) -> None:
        self._update_actions()
        self._hide_banner()
        self._unfinished = []
        if self.session is not None and self.session.is_connected:
            self.with_journal(self.check_unfinished)

    def check_unfinished(self) -> None:
        """Look for imports a previous run left half-way (off the GUI thread); offer to resume."""
        if self.journal is None or not self.session.is_connected:
            return
        from app.jobs.batch import resume_unfinished

        company_id = self.company_id()
        run_task(resume_unfinished, self.journal, company_id,
                 on_result=lambda rows: self._unfinished_loaded(company_id, rows), context=self)

    def _unfinished_loaded(self, company_id: Any, rows: list[J.JournalRow]) -> None:
        if company_id != self.company_id():
            return
        busy = {row.sha256 for row in self.active_rows()}
        self._unfinished = [r for r in rows if r.sha256 not in busy]
        if self._unfinished:
            self.banner.offer(len(self._unfinished))
        else:
            self._hide_banner()
        self.unfinished_found.emit(len(self._unfinished))

    def resume_unfinished(self) -> None:
        rows, self._unfinished = self._unfinished, []
        self._hide_banner()
        if not rows:
            return
        pairs: list[tuple[DocumentRow, P.ImportJob]] = []
        new_rows: list[DocumentRow] = []
        for journal_row in rows:
            row = self.model.find_sha256(journal_row.sha256)
            if row is None:
                path = Path(journal_row.file_path or journal_row.file_name or journal_row.sha256)
                row = DocumentRow(path=path, name=journal_row.file_name or path.name, sha256=journal_row.sha256,
                                  status=DocumentStatus.READY)
                new_rows.append(row)
            row.imports.journal_row = journal_row
            if journal_row.route:
                row.imports.route = journal_row.route
            pairs.append((row, P.ImportJob.from_row(journal_row)))
        self.model.add_rows(new_rows)
        self._enqueue(pairs)

    def ignore_unfinished(self) -> None:
        count = len(self._unfinished)
        self._unfinished = []
        self._hide_banner()
        if count:
            self.message.emit(self.tr("Interrupted imports left aside: they stay in the history and are offered again at the next start."))

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
        self._enqueue(pairs)

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

    def _enqueue(self, pairs: list[tuple[DocumentRow, P.ImportJob]]) -> None:
        if not pairs:
            return
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
        self.model.rows_changed([row for row, _job in pairs])
        self._refresh_outcome()
        if self.running:
            self._waiting.extend(pairs)
            self.message.emit(self.tr("%1 more documents will be imported after the current batch.").replace("%1", str(len(pairs))))
            self._update_progress_text()
            return
        self._start(pairs)

    def _start(self, pairs: list[tuple[DocumentRow, P.ImportJob]]) -> None:
        self._batch = [row for row, _job in pairs]
        from app.ui.import_worker import ImportRun

        run = ImportRun(self.pipeline(), [job for _row, job in pairs], self, workers=self.workers)
        run.job_progress.connect(self._job_progress)
        run.job_done.connect(self._job_done)
        run.progress.connect(self._progress)
        run.paused_changed.connect(lambda _paused: self._paused_changed())
        run.finished.connect(self._finished)
        self.run = run
        self.progress_bar.setValue(0)
        self._last_progress = None
        self._update_progress_text()
        run.start()  # first: the actions and buttons follow a run that is running (Pause/Stop offered)
        self._show_progress(True)
        self._update_actions()
        self.message.emit(self.tr("Importing %1 documents…").replace("%1", str(len(pairs))) if len(pairs) != 1
                          else self.tr("Importing “%1”…").replace("%1", pairs[0][0].name))
        self.run_started.emit(len(pairs))

    # ------------------------------------------------------------------------------------------
    # control
    def pause(self) -> None:
        if self.running:
            self.run.pause()

    def resume(self) -> None:
        if self.run is not None:
            self.run.resume()

    def cancel(self) -> None:
        if not self.running:
            return
        waiting, self._waiting = self._waiting, []
        self._restore([row for row, _job in waiting], self._cancelled_text())
        self.run.cancel()
        self._update_actions()
        self._update_progress_text()
        self.message.emit(self.tr("Stopping the imports after the current step…"))

    def _paused_changed(self) -> None:
        self._update_actions()
        self._update_progress_text()
        if self.running and self.run.paused:
            self.message.emit(self.tr("Imports paused: the current step finishes, then nothing more is sent until you resume."))
        elif self.running:
            self.message.emit(self.tr("Imports resumed."))

    def request_close(self) -> bool:
        """Window closing: True when it may close now; otherwise stop the batch and close when done."""
        if not self.running:
            return True
        self._close_when_done = True
        self.cancel()
        self.message.emit(self.tr("Stopping the imports before closing: the current step finishes first…"))
        return False

    # ------------------------------------------------------------------------------------------
    # progress and results (GUI thread)
    def _job_progress(self, index: int, step: str, fraction: float) -> None:
        row = self._batch[index] if 0 <= index < len(self._batch) else None
        if row is None or row not in self.model:
            return
        row.status = DocumentStatus.IMPORTING
        row.progress = max(0, min(100, int(fraction * 100)))
        row.reason = self.tr("Importing %1 %: %2").replace("%1", str(row.progress)).replace("%2", self._step_text(step))
        self.model.rows_changed([row])
        if self._outcome_box is not None and row is self._outcome_box.row:
            self._outcome_box.refresh()
        elif row is self._current_row():
            self._refresh_outcome()

    RATE_WAIT_SHOWN = 0.5  # seconds: shorter waits are not worth a word

    def _check_rate_limit(self) -> None:
        """Say on the rows being imported and in the status bar that the imports wait for
        Pennylane's rate limit, and for how long (a batch otherwise seems frozen for seconds)."""
        if not self.running or self.run.paused:
            return
        client = getattr(self._pipeline, "client", None)
        limiter = getattr(client, "last_limiter", None)
        wait = limiter.wait_time() if limiter is not None else 0.0
        active = [r for r in self._batch if r.status is DocumentStatus.IMPORTING and r.progress is not None and r in self.model]
        if wait >= self.RATE_WAIT_SHOWN and active:
            seconds = max(1, round(wait))
            text = self.tr("Waiting for Pennylane's rate limit (%1 requests per %2 s): resuming in %3 s") \
                .replace("%1", str(limiter.limit)).replace("%2", _decimal_text(limiter.window)).replace("%3", str(seconds))
            for row in active:
                row.imports.waiting = text
                row.reason = text
            self.model.rows_changed(active)
            self.message.emit(text)
            self._rate_waiting = True
        elif self._rate_waiting:
            self._rate_waiting = False
            for row in active:
                row.imports.waiting = None
            self.message.emit(self.tr("Importing…"))

    def _step_text(self, step: str) -> str:
        return {
            P.STEP_CHECK: self.tr("Checking for duplicates…"),
            P.STEP_UPLOAD: self.tr("Sending the PDF…"),
            P.STEP_IMPORT: self.tr("Creating the invoice…"),
            P.STEP_CATEGORIES: self.tr("Setting the categories…"),
            P.STEP_VERIFY: self.tr("Checking the invoice in Pennylane…"),
            P.STEP_DONE: self.tr("Done"),
        }.get(step, step)

    def _progress(self, progress: Any) -> None:
        self._last_progress = progress
        self.progress_bar.setValue(int(progress.fraction * 1000))
        self._update_progress_text()

    def _update_progress_text(self) -> None:
        progress = getattr(self, "_last_progress", None)
        total = len(self._batch)
        done = progress.finished if progress is not None else 0
        percent = int(self.progress_bar.value() / 10)
        text = self.tr("%1 / %2 imported · %3 %").replace("%1", str(done)).replace("%2", str(total)).replace("%3", str(percent))
        if self.running and self.run.cancelled:
            text = self.tr("Stopping… %1 / %2").replace("%1", str(done)).replace("%2", str(total))
        elif self.running and self.run.paused:
            text = self.tr("Paused · %1 / %2").replace("%1", str(done)).replace("%2", str(total))
        if self._waiting:
            text += self.tr(" (+%1 waiting)").replace("%1", str(len(self._waiting)))
        self.progress_bar.setFormat(text)
        self.progress_bar.setToolTip(text)

    def _job_done(self, index: int, result: P.JobResult) -> None:
        row = self._batch[index] if 0 <= index < len(self._batch) else None
        if row is None:
            return
        self.apply_result(row, result)

    def apply_result(self, row: DocumentRow, result: P.JobResult) -> None:
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
            row.reason = self.duplicate_text(result)
            state.duplicate = result.duplicate
            state.failed = False
        elif result.status == P.FAILED:
            row.status = DocumentStatus.ERROR
            row.reason = self.failure_text(result)
            state.failed = True
        else:  # cancelled: back where it was, resumable
            row.status = previous if previous in (DocumentStatus.READY, DocumentStatus.NEEDS_ATTENTION,
                                                  DocumentStatus.ERROR, DocumentStatus.DUPLICATE) else DocumentStatus.READY
            if row.status is DocumentStatus.ERROR:
                state.failed = True
            row.reason = state.note = self._cancelled_text(result)
        if row in self.model:
            self.queue_panel.update_rows([row])
            if row is self.queue_panel.current_row:
                self._current_changed(row)

    def duplicate_text(self, result: P.JobResult) -> str:
        """"Duplicate of invoice #12" on the first line (the queue's column), the evidence below."""
        dup = result.duplicate
        evidence = dup.evidence[0] if dup is not None and dup.evidence else None
        if result.invoice_id is not None:
            head = self.tr("Duplicate of Pennylane invoice #%1").replace("%1", str(result.invoice_id))
        elif evidence is not None and evidence.file_name:
            head = self.tr("Duplicate of “%1”").replace("%1", evidence.file_name)
        else:
            head = self.tr("Duplicate of another document")
        lines = [head]
        if result.reason is not None:
            lines.append(str(result.reason))  # the evidence, in the person's language
        elif evidence is not None and evidence.what == "same_file":
            lines.append(self.tr("Same file already imported on %1 as invoice #%2.")
                         .replace("%1", format_day(evidence.date)).replace("%2", str(evidence.invoice_id)))
        elif evidence is not None:
            where = self.tr("in Pennylane") if evidence.source == "pennylane" else self.tr("in this app's journal")
            lines.append(self.tr("Same counterpart and invoice number %1 found %2.")
                         .replace("%1", evidence.invoice_number or "?").replace("%2", where))
        return "\n".join(lines)

    def failure_text(self, result: P.JobResult) -> str:
        reason = str(result.reason) if result.reason is not None else self.tr("The import failed.")
        return reason + "\n" + self.tr("Nothing is lost: the document stays in the queue; right-click → Retry.")

    def _cancelled_text(self, result: P.JobResult | None = None) -> str:
        state = getattr(result, "state", None)
        if state in (J.IMPORTED, J.CATEGORIZED) and result.invoice_id is not None:
            return self.tr("Import stopped half-way: Pennylane already holds it as invoice #%1; import it again to "
                           "finish the checks (it is not created twice).").replace("%1", str(result.invoice_id))
        if state in (J.UPLOADED, J.IMPORTED, J.CATEGORIZED):
            return self.tr("Import stopped half-way: what was already sent is kept; import it again to finish.")
        return self.tr("Import stopped before anything was sent: import it again when you are ready.")

    def _restore(self, rows: list[DocumentRow], reason: str) -> None:
        for row in rows:
            row.status = row.imports.previous_status or DocumentStatus.READY
            row.imports.previous_status = None
            row.imports.waiting = None
            row.imports.note = reason
            row.progress = None
            row.reason = reason
        self.model.rows_changed(rows)
        self._refresh_outcome()

    def _finished(self, results: list[P.JobResult]) -> None:
        run, self.run = self.run, None
        batch, self._batch = self._batch, []
        # a row whose result never came (a crashed batch) goes back to where it was
        orphans = [row for row in batch if row.imports.previous_status is not None]
        if orphans:
            self._restore(orphans, self.tr("The import stopped unexpectedly: nothing is lost; import it again."))
        self._show_progress(False)
        self._update_actions()
        counts = {s: sum(1 for r in results if r.status == s) for s in P.STATUSES}
        def count(n: int, one: str, many: str) -> str:
            return one if n == 1 else many.replace("%1", str(n))

        parts = [count(counts[P.VERIFIED], self.tr("1 imported"), self.tr("%1 imported"))]
        if counts[P.DUPLICATE]:
            parts.append(count(counts[P.DUPLICATE], self.tr("1 duplicate"), self.tr("%1 duplicates")))
        if counts[P.FAILED]:
            parts.append(count(counts[P.FAILED], self.tr("1 failed (see its reason)"), self.tr("%1 failed (see their reason)")))
        if counts[P.CANCELLED]:
            parts.append(count(counts[P.CANCELLED], self.tr("1 stopped"), self.tr("%1 stopped")))
        text = self.tr("Import finished: %1.").replace("%1", ", ".join(parts))
        if len(batch) == 1 and batch[0] is self._move_on_after:
            self._move_on_after = None
            move_on = getattr(self.queue_panel, "move_on", None)
            if batch[0].status is DocumentStatus.IMPORTED and callable(move_on):
                text = " ".join(t for t in (text, move_on(batch[0])) if t)  # the queue's next to check (F8's rule)
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
        if run is not None:
            run.deleteLater()
        if self._close_when_done:
            self.window.close()
            return
        if self._waiting:
            waiting, self._waiting = self._waiting, []
            self._start(waiting)

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


class _LazyLearner:
    """The pipeline's ``learn``: opens the memory on the import worker, never on the GUI thread."""

    def __init__(self, controller: Any, company_id: Any) -> None:
        self.controller = controller
        self.company_id = company_id

    def __call__(self, job: Any) -> Any:
        from app.jobs.recall import learner

        return learner(self.controller.memory(), self.company_id)(job)
