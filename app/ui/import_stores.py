"""What the imports keep on disk, opened and used off the GUI thread: the journal (SQLite; opened
on a worker, then whatever waited for it runs), the memory of suppliers and customers beside it
(opened on the first worker that asks), and the pipeline built on both for the session's client
and company. The import controller owns one :class:`ImportStores`."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from app.domain.text import Text
from app.ui.lazy import lazy_module
from app.ui.tasks import run_task

# The pipeline and the journal (sqlite3) are imported when first used, not at start-up.
J = lazy_module("app.jobs.journal")
P = lazy_module("app.jobs.pipeline")

log = logging.getLogger(__name__)


class ImportStores(QObject):
    ready = Signal()  # the journal is open
    failed = Signal(str)  # it cannot be opened: what to say

    def __init__(self, journal_path: str | Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal_path = journal_path
        self.journal: J.Journal | None = None
        self._opening = False
        self._after: list[Callable[[], None]] = []
        self._memory: Any = None  # app.jobs.memory.MemoryStore, opened on a worker on first use
        self._memory_lock = threading.Lock()
        self.pipeline_in_use: P.ImportPipeline | None = None
        self._pipeline_key: tuple[Any, Any] | None = None

    # -- the journal ---------------------------------------------------------------------------
    def use(self, path: str | Path) -> None:
        """Keep the journal at ``path`` from now on (the demo's own); the one open, if any, is closed."""
        old, self.journal = self.journal, None
        self.journal_path = path
        self.pipeline_in_use = None
        self._memory = None  # the memory lives beside the journal: the demo's has its own
        if old is not None:
            run_task(old.close, context=self)

    def with_journal(self, then: Callable[[], None]) -> None:
        """Call ``then`` (on the GUI thread) once the journal is open."""
        if self.journal is not None:
            then()
            return
        self._after.append(then)
        if self._opening:
            return
        self._opening = True
        path = self.journal_path
        run_task(lambda: J.Journal(path), on_result=self._opened, on_error=self._failed, context=self)

    def _opened(self, journal: J.Journal) -> None:
        self._opening = False
        self.journal = journal
        pending, self._after = self._after, []
        self.ready.emit()
        for then in pending:
            then()

    def _failed(self, exc: BaseException) -> None:
        self._opening = False
        self._after = []
        log.error("cannot open the import journal", exc_info=exc)
        self.failed.emit(self.tr("The import journal cannot be opened (%1): nothing can be imported safely.").replace("%1", str(exc)))

    def known_document(self, reading: Any, company_id: Any) -> Text | None:
        """Reading worker: why this file is a duplicate (already imported for ``company_id``, per
        the journal), or None. The evidence is checked again, with Pennylane too, on import."""
        journal = self.journal
        sha256 = getattr(reading, "sha256", None)
        if journal is None or company_id is None or not sha256:
            return None
        from app.jobs import duplicates as D

        found = D.check_local(journal, company_id, sha256=sha256, kind="supplier", counterpart_id=None,
                              invoice_number=None, date=None)
        return D.describe(tuple(found)) if found else None

    # -- the memory ----------------------------------------------------------------------------
    def memory(self) -> Any:
        """The memory of suppliers and customers, beside the journal (opened on first use; called
        on workers only: it touches the disk)."""
        with self._memory_lock:  # several reading workers may ask first at once
            if self._memory is None:
                from app.jobs.memory import MemoryStore, default_path

                path = Path(self.journal_path).with_name("memory.sqlite3") if self.journal_path else default_path()
                self._memory = MemoryStore(path)
            return self._memory

    # -- the pipeline ----------------------------------------------------------------------------
    def pipeline(self, client: Any, company_id: Any, memory: Callable[[], Any]) -> P.ImportPipeline:
        """The pipeline for ``client`` and ``company_id`` (built again when either changes); every
        import teaches the memory what the person sent (on the import worker)."""
        key = (id(client), company_id)
        if self.pipeline_in_use is None or self._pipeline_key != key:
            assert self.journal is not None
            self.pipeline_in_use = P.ImportPipeline(client, self.journal, company_id,
                                                    learn=_LazyLearner(memory, company_id))
            self._pipeline_key = key
        return self.pipeline_in_use


def recall_into(outcome: Any, company_id: Any, memory: Callable[[], Any]) -> None:
    """Reading worker: apply the memory of the document's supplier/customer for ``company_id``
    (values it gives are badged 'remembered'; contradictions become warnings)."""
    reading = outcome.reading
    if company_id is None or getattr(reading, "invoice", None) is None:
        return
    from app.jobs.recall import recall_reading

    recall = recall_reading(reading, memory(), company_id)
    if recall.memory is None:
        return
    outcome.recall = recall
    if recall.notes and outcome.draft is not None:
        from app.pdf.draft import to_draft

        outcome.draft = to_draft(reading, getattr(outcome.draft, "kind", "supplier"))


class _LazyLearner:
    """The pipeline's ``learn``: opens the memory on the import worker, never on the GUI thread."""

    def __init__(self, memory: Callable[[], Any], company_id: Any) -> None:
        self.memory = memory
        self.company_id = company_id

    def __call__(self, job: Any) -> Any:
        from app.jobs.recall import learner

        return learner(self.memory(), self.company_id)(job)
