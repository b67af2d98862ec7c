"""The Qt-free half of intake: read a dropped file, decide its status.
(Finding the PDFs is :mod:`app.pdf.discovery`.)

Everything here runs on worker threads (called through :func:`app.ui.tasks.run_task`) and is
plain Python, so it can be tested without a QApplication. No Qt import in this module.
"""

from __future__ import annotations

import logging
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


def read_for_queue(path: Path) -> ReadOutcome:
    """Read a PDF and build its (supplier) draft. Never raises for bad input."""
    from app.domain.invoice import InvoiceKind
    from app.pdf.draft import to_draft
    from app.pdf.reader import read_document

    reading = read_document(path)
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
_FIELDS = {
    "amount": Text("le total TTC", "the total with tax"),
    "date": Text("la date", "the date"),
    "invoice_number": Text("le numéro", "the number"),
}


def classify(outcome: ReadOutcome) -> tuple[str, Text | None]:
    """``(status, reason)`` for a read file; status is a :class:`DocumentStatus` value."""
    reading = outcome.reading
    if reading.error is not None:
        return "error", reading.error.message
    invoice = getattr(reading, "invoice", None)
    if invoice is None or getattr(reading, "source", "none") == "none":
        note = getattr(reading, "xml_note", None)
        return "needs_attention", note or NO_DATA
    if outcome.draft_error:
        return "needs_attention", Text(
            f"Les données lues n'ont pas pu être préparées ({outcome.draft_error}) : vérifiez le formulaire.",
            f"The data read could not be prepared ({outcome.draft_error}): check the form.",
        )
    missing = [text for name, text in _FIELDS.items() if getattr(invoice, name, None) in (None, "")]
    if missing:
        fr = ", ".join(t.fr for t in missing)
        en = ", ".join(t.en for t in missing)
        return "needs_attention", Text(f"Introuvable dans le PDF : {fr}. À compléter.", f"Not found in the PDF: {en}. Fill it in.")
    arithmetic = arithmetic_error(outcome.draft)
    if arithmetic is not None:
        return "needs_attention", arithmetic
    return "ready", None


# What the document itself gets wrong (its figures), as opposed to what the person still has to
# choose in the form (counterpart, ledger accounts): only these keep a row from being "ready".
ARITHMETIC_CODES = frozenset({
    "lines_sum", "header_ttc", "line_tax_rate", "line_ttc", "line_quantity_price",
    "credit_note_sign", "invoice_sign", "deadline_before_date",
})


def arithmetic_error(draft: Any) -> Text | None:
    """The first balance error of the document's own figures, or None."""
    if draft is None:
        return None
    from app.domain.balance import Severity, check

    for finding in check(draft):
        if finding.severity is Severity.ERROR and finding.code in ARITHMETIC_CODES:
            return finding.message
    return None
