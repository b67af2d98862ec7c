"""Resuming after an interruption: once the session is connected, the journal's imports a previous
run left half-way are looked for (off the GUI thread) and offered in the non-modal
``resumeBanner`` above the queue ("3 imports interrupted — Resume / Ignore"); resumed, they go
into the import batch as the journal has them (nothing already sent is sent again)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from app.ui.banner import Banner
from app.ui.lazy import lazy_module
from app.ui.queue_model import DocumentRow, DocumentStatus
from app.ui.tasks import run_task

J = lazy_module("app.jobs.journal")
P = lazy_module("app.jobs.pipeline")


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


class ResumeOffer(QObject):
    """The offer for the :class:`~app.ui.import_controller.ImportController`'s company."""

    def __init__(self, controller: Any) -> None:
        super().__init__(controller)
        self.controller = controller
        self.unfinished: list[J.JournalRow] = []
        self._banner: ResumeBanner | None = None  # hidden until needed, so built on first use

    @property
    def banner(self) -> ResumeBanner:
        """``resumeBanner``, above the queue (built the first time it is needed)."""
        if self._banner is None:
            queue_panel = self.controller.queue_panel
            self._banner = ResumeBanner(queue_panel)
            self._banner.resume_clicked.connect(self.resume)
            self._banner.ignore_clicked.connect(self.ignore)
            layout = queue_panel.layout()
            if layout is not None:
                layout.insertWidget(0, self._banner)
        return self._banner

    def _hide_banner(self) -> None:
        if self._banner is not None:
            self._banner.hide()

    def forget(self) -> None:
        """Another session or company: nothing is offered until it was looked for again."""
        self._hide_banner()
        self.unfinished = []

    def check(self) -> None:
        """Look for imports a previous run left half-way (off the GUI thread); offer to resume."""
        c = self.controller
        if c.journal is None or not c.session.is_connected:
            return
        from app.jobs.batch import resume_unfinished

        company_id = c.company_id()
        run_task(resume_unfinished, c.journal, company_id,
                 on_result=lambda rows: self._loaded(company_id, rows), context=self)

    def _loaded(self, company_id: Any, rows: list[J.JournalRow]) -> None:
        c = self.controller
        if company_id != c.company_id():
            return
        busy = {row.sha256 for row in c.active_rows()}
        self.unfinished = [r for r in rows if r.sha256 not in busy]
        if self.unfinished:
            self.banner.offer(len(self.unfinished))
        else:
            self._hide_banner()
        c.unfinished_found.emit(len(self.unfinished))

    def resume(self) -> None:
        rows, self.unfinished = self.unfinished, []
        self._hide_banner()
        if not rows:
            return
        model = self.controller.model
        pairs: list[tuple[DocumentRow, P.ImportJob]] = []
        new_rows: list[DocumentRow] = []
        for journal_row in rows:
            row = model.find_sha256(journal_row.sha256)
            if row is None:
                path = Path(journal_row.file_path or journal_row.file_name or journal_row.sha256)
                row = DocumentRow(path=path, name=journal_row.file_name or path.name, sha256=journal_row.sha256,
                                  status=DocumentStatus.READY)
                new_rows.append(row)
            row.imports.journal_row = journal_row
            if journal_row.route:
                row.imports.route = journal_row.route
            pairs.append((row, P.ImportJob.from_row(journal_row)))
        model.add_rows(new_rows)
        self.controller.batch.enqueue(pairs)

    def ignore(self) -> None:
        count = len(self.unfinished)
        self.unfinished = []
        self._hide_banner()
        if count:
            self.controller.message.emit(self.tr("Interrupted imports left aside: they stay in the history and are offered again at the next start."))
