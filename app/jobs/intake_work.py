"""The Qt-free half of intake: read a dropped file, decide its status.
(Finding the PDFs is :mod:`app.pdf.discovery`.)

Everything here runs on worker threads (called through :func:`app.ui.tasks.run_task`) and is
plain Python, so it can be tested without a QApplication. No Qt import in this module.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.text import Text

log = logging.getLogger(__name__)

# --- reading -------------------------------------------------------------------------------------

@dataclass
class ReadOutcome:
    reading: Any  # app.pdf.reader.DocumentReading
    draft: Any = None
    draft_error: str | None = None
    recall: Any = None  # app.jobs.recall.Recall, when the memory of its counterpart was applied


def read_for_queue(path: Path, *, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> ReadOutcome:
    """Read a PDF (or an image) and build its (supplier) draft. Never raises for bad input.
    ``progress``/``cancelled``: OCR's page-by-page progress and stop (see ``read_document``)."""
    from app.domain.invoice import InvoiceKind
    from app.pdf.draft import to_draft
    from app.pdf.reader import read_document

    reading = read_document(path, progress=progress, cancelled=cancelled)
    outcome = ReadOutcome(reading)
    if reading.error is None and getattr(reading, "invoice", None) is not None:
        try:
            outcome.draft = to_draft(reading, InvoiceKind.SUPPLIER)
        except Exception as exc:  # a bug in the draft builder must not lose the file
            log.exception("draft failed for %s", path)
            outcome.draft_error = f"{type(exc).__name__}: {exc}"
    return outcome


# --- status --------------------------------------------------------------------------------------

NO_DATA = Text(
    "Aucune donnée de facture trouvée dans ce PDF : complétez le formulaire à la main.",
    "No invoice data found in this PDF: fill in the form by hand.",
)


def classify(outcome: ReadOutcome) -> tuple[str, Text | None]:
    """``(status, reason)`` of a file as read; status is a :class:`DocumentStatus` value.

    Only what reading decides: unreadable (``error``), nothing to fill a form with
    (``needs_attention``), else ``ready`` — provisionally: whether it can be imported (figures,
    counterpart, warnings) is :func:`app.jobs.document.refresh`'s answer, which the queue asks next."""
    reading = outcome.reading
    if reading.error is not None:
        return "error", reading.error.message
    invoice = getattr(reading, "invoice", None)
    if invoice is None or getattr(reading, "source", "none") == "none":
        note = getattr(reading, "xml_note", None) or getattr(reading, "page_note", None)
        return "needs_attention", note or NO_DATA
    if outcome.draft_error:
        return "needs_attention", Text(
            f"Les données lues n'ont pas pu être préparées ({outcome.draft_error}) : vérifiez le formulaire.",
            f"The data read could not be prepared ({outcome.draft_error}): check the form.",
        )
    return "ready", None
