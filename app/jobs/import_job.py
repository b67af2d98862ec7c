"""One document to import (:class:`ImportJob`) and what became of it (:class:`JobResult`). Qt-free.

:class:`~app.jobs.pipeline.ImportPipeline` takes a job and answers a result whose ``status`` is
one of :data:`STATUSES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.text import Text
from app.jobs import duplicates as D
from app.jobs import journal as J
from app.jobs import remote as R

# Result statuses
VERIFIED = "verified"  # imported and checked; invoice_id set
DUPLICATE = "duplicate"  # refused: already in Pennylane (see .duplicate)
FAILED = "failed"  # see .reason and .retryable
CANCELLED = "cancelled"  # stopped by the person; resumable
STATUSES = (VERIFIED, DUPLICATE, FAILED, CANCELLED)


@dataclass
class ImportJob:
    """One document to import.

    ``draft`` is the domain draft (CustomerInvoiceDraft / SupplierInvoiceDraft) as the person
    completed it. It may be None when resuming from the journal: the pipeline then uses the body
    it stored before sending anything, or re-reads the file if nothing was stored yet.
    """

    path: Path
    kind: str  # "supplier" | "customer"
    sha256: str
    draft: Any = None
    file_name: str | None = None
    route: str = J.ROUTE_IMPORT  # or J.ROUTE_E_INVOICE (Factur-X BASIC / EN 16931 only)
    force: bool = False  # import even if it looks like a duplicate (explicit choice)
    counterpart_name: str | None = None
    profile: str | None = None  # Factur-X profile, for the e-invoice route
    reading: Any = None  # the DocumentReading, when the caller has it

    def __post_init__(self) -> None:
        self.path = Path(self.path)
        self.kind = R.kind_value(self.kind)
        if self.file_name is None:
            self.file_name = self.path.name

    @classmethod
    def from_reading(cls, reading: Any, kind: str, draft: Any = None, **kw: Any) -> "ImportJob":
        # an image file is uploaded as the PDF made from it ("IMG_0042.jpg.pdf": the journal keeps both names)
        name = reading.path.name if getattr(reading, "source_file", None) is not None else reading.name
        return cls(
            path=reading.path, kind=kind, sha256=reading.sha256, draft=draft, file_name=name,
            profile=getattr(reading, "profile", None), reading=reading, **kw,
        )  # fmt: skip

    @classmethod
    def from_row(cls, row: J.JournalRow, *, force: bool = False) -> "ImportJob":
        """A job that resumes a journal row (the UI's "resume" on start)."""
        return cls(
            path=Path(row.file_path or row.file_name or ""), kind=row.kind or "supplier", sha256=row.sha256,
            file_name=row.file_name, route=row.route or J.ROUTE_IMPORT, force=force or bool(row.forced),
            counterpart_name=row.counterpart_name,
        )  # fmt: skip


@dataclass
class JobResult:
    sha256: str
    file: str
    status: str  # VERIFIED | DUPLICATE | FAILED | CANCELLED
    external_reference: str
    invoice_id: int | None = None
    file_attachment_id: int | None = None
    reason: Text | None = None
    retryable: bool = False
    duplicate: D.Duplicate | None = None
    state: str | None = None  # the journal state after the run
    step: str | None = None  # where it stopped (failure/cancel)
    link: str | None = None
    counterpart_id: int | None = None
    invoice_number: str | None = None
    sign_in: bool = False  # failed because the token is invalid or expired: sign in again, then retry
    held: bool = False  # not started: another live run holds the document (nothing was written)

    @property
    def ok(self) -> bool:
        return self.status == VERIFIED

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "status": self.status,
            "invoice_id": self.invoice_id,
            "external_reference": self.external_reference,
            "reason": str(self.reason) if self.reason else None,
            "reason_fr": self.reason.fr if self.reason else None,
            "reason_en": self.reason.en if self.reason else None,
            "retryable": self.retryable,
            "state": self.state,
            "step": self.step,
            "file_attachment_id": self.file_attachment_id,
            "counterpart_id": self.counterpart_id,
            "invoice_number": self.invoice_number,
            "link": self.link,
            "duplicate": self.duplicate.to_json() if self.duplicate else None,
            "sign_in": self.sign_in,
            "held": self.held,
        }

