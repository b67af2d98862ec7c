"""One document's state, typed (Qt-free): what was read, the draft, the prepared answer, the
person's choices, the import and the editing state.

The queue (``app/ui/queue_model``), the form and the status bar are views of a
:class:`DocumentRow`; whoever changes one calls :func:`refresh` (through the queue panel's one
change signal) so that they never disagree. Readiness is :func:`app.jobs.prepare.prepare`'s
answer: :func:`refresh` only writes it into the row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from app.domain.text import Text
from app.jobs.matching import Match
from app.jobs.prepare import ROUTE_IMPORT, Choices, Prepared, kind_of, prepare


class DocumentStatus(Enum):
    READING = "reading"  # queued or being read by a worker
    READY = "ready"  # prepared: nothing blocks its import (it may carry warnings)
    NEEDS_ATTENTION = "needs_attention"  # readable, but something blocks its import (see reason)
    ERROR = "error"  # cannot be read (not a PDF, damaged, encrypted, too large...), or its import failed
    DUPLICATE = "duplicate"  # already imported into Pennylane (see reason)
    IMPORTING = "importing"  # being sent (see DocumentRow.progress)
    IMPORTED = "imported"  # done


# The statuses that prepare() decides; the others come from reading and importing.
PREPARED_STATUSES = (DocumentStatus.READY, DocumentStatus.NEEDS_ATTENTION)


@dataclass
class FormState:
    """What the person decided in the form (never overridden by a preset or a match)."""

    kind_decided: str | None = None  # the kind the person chose (supplier | customer)
    counterpart_decided: bool = False  # the person chose (or cleared) the counterpart
    matched_kind: str | None = None  # the kind the automatic match was last made for
    match: Match | None = None  # how the counterpart was recognised (shown beside it)
    edited: bool = False  # the person typed something (a change of kind then converts, never re-reads)


@dataclass
class ImportState:
    """The row's import bookkeeping (route, result, failure, duplicate, journal row)."""

    route: str | None = None  # journal.ROUTE_IMPORT | ROUTE_E_INVOICE, when chosen
    kind: str | None = None  # the kind it was imported as
    journal_row: Any = None  # a journal row to resume (app.jobs.journal.JournalRow)
    result: Any = None  # the last app.jobs.pipeline.JobResult
    invoice_id: int | None = None
    link: str | None = None
    failed: bool = False  # the last import failed (Retry is offered)
    duplicate: Any = None  # app.jobs.duplicates.Duplicate, when refused as one
    previous_status: DocumentStatus | None = None  # while importing: the status to go back to
    forced: bool = False  # imported anyway although it looked like a duplicate
    waiting: Text | None = None  # why the import is waiting (Pennylane's rate limit), while it does
    note: Any = None  # what the last import left to say on a row back in the queue ("stopped half-way…")

    @property
    def sent(self) -> bool:
        """Whether an import of this row was ever started (something may be in Pennylane)."""
        return self.result is not None or self.failed or self.journal_row is not None


@dataclass(eq=False)  # rows are entities: compared by identity
class DocumentRow:
    path: Path
    name: str
    sha256: str = ""
    size: int = 0
    pages: int | None = None
    status: DocumentStatus = DocumentStatus.READING
    reason: Text | None = None  # why the status (error, what is missing, duplicate of what)
    reading: Any = None  # app.pdf.reader.DocumentReading once read
    draft: Any = None  # the domain draft built from the reading, or None
    progress: int | None = None  # import progress in percent (IMPORTING), None otherwise
    prepared: Prepared | None = None  # the last answer of app.jobs.prepare for this row
    form: FormState = field(default_factory=FormState)
    imports: ImportState = field(default_factory=ImportState)
    edit: Any = None  # app.jobs.editing.LoadedInvoice while the row is an imported invoice being edited
    recall: Any = None  # app.jobs.recall.Recall: what the memory of its supplier/customer gave (issue #20)
    extra: dict[str, Any] = field(default_factory=dict)  # room for other panels' own state

    @property
    def is_final(self) -> bool:
        return self.status is not DocumentStatus.READING

    @property
    def warnings(self) -> tuple[Any, ...]:
        return self.prepared.warnings if self.prepared is not None else ()


def choices_for(row: DocumentRow) -> Choices:
    """The row's decisions, as :func:`prepare` takes them."""
    kind = kind_of(row.draft) if row.draft is not None else None
    reading = row.reading
    profile = getattr(reading, "profile", None) if getattr(reading, "source", None) == "facturx" else None
    return Choices(
        kind=row.form.kind_decided,
        auto_match=not row.form.counterpart_decided and row.form.matched_kind != kind,
        route=row.imports.route or ROUTE_IMPORT,
        profile=profile,
    )


def refresh(row: DocumentRow, company: Any = None, references: Any = None) -> Prepared:
    """Prepare ``row`` again and write the answer into it: the draft (its kind and counterpart may
    have been decided), and — while its status is one :func:`prepare` decides — ready or needs
    attention, with the reason (the blocking problems, else the warnings)."""
    reading = None if row.form.edited else row.reading  # rebuilding from the file would lose the edits
    prepared = prepare(row.draft, company, references, choices=choices_for(row), reading=reading, recall=row.recall)
    if row.draft is not None:
        row.draft = prepared.draft
        if references is not None:
            row.form.matched_kind = prepared.kind
        if prepared.match is not None:
            row.form.match = prepared.match
    row.prepared = prepared
    if row.status in PREPARED_STATUSES and row.draft is not None:
        row.status = DocumentStatus.READY if prepared.ready else DocumentStatus.NEEDS_ATTENTION
        row.reason = prepared.reason if not prepared.ready else (row.imports.note or prepared.warning_text)
    return prepared


def totals_by_currency(rows: list[DocumentRow]) -> dict[str, Any]:
    """The rows' totals incl. VAT, one per currency (what Import all's confirmation states)."""
    from decimal import Decimal

    totals: dict[str, Decimal] = {}
    for row in rows:
        draft = row.draft
        amount = getattr(draft, "amount", None)
        if amount is not None:
            currency = getattr(draft, "currency", None) or "EUR"
            totals[currency] = totals.get(currency, Decimal(0)) + amount
    return totals
