"""Read one PDF: sniff, hash, pypdf (metadata, page count, first pages' text, attachments),
embedded Factur-X / UBL XML, text heuristics — and OCR when the text layer is missing or garbage
(:mod:`app.pdf.ocr`). An image file (scan, photo) is first made into a PDF in the app's data
folder (:mod:`app.pdf.images`) and that PDF is read. Qt-free; safe to call from a worker thread.

:func:`read_document` never raises for bad input: problems go into ``DocumentReading.error``
with a bilingual reason. It is meant to run off the UI thread (text extraction ≈ 50 ms/page).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.domain.text import Text
from app.pdf.errors import ERROR_CODES, ReadError, damaged
from app.pdf.extracted import ExtractedInvoice, empty_invoice_json
from app.pdf.options import ReadOptions
from app.pdf.textlayer import MAX_PAGES as MAX_TEXT_PAGES

_CHUNK = 1024 * 1024

log = logging.getLogger(__name__)


@dataclass
class DocumentReading:
    path: Path
    name: str
    size: int = 0
    sha256: str = ""
    pages: int | None = None
    error: ReadError | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # title, author, producer, creation_date (ISO)
    text: str = ""  # text of the first MAX_TEXT_PAGES pages only
    attachments: list[str] = field(default_factory=list)  # embedded file names
    source: str = "none"  # "facturx" | "ubl" | "text" | "ocr" | "none"
    profile: str | None = None  # "MINIMUM" | "BASIC WL" | "BASIC" | "EN 16931" | "EXTENDED" | ...
    invoice: ExtractedInvoice | None = None
    # Not an error: why the embedded XML could not be used (invalid, unknown root...), for the form.
    xml_note: Text | None = None
    xml_name: str | None = None  # which attachment supplied the XML
    # Not an error: why the pages gave no words (an image, an empty page, fonts without a Unicode
    # map) and what to do, for the row and the form
    page_note: Text | None = None
    # An image file read through the PDF made from it: ``path`` is that PDF (what is previewed and
    # uploaded), ``source_file`` the image the person dropped.
    source_file: Path | None = None
    # OCR (scans, photos): the words read, in PDF points (app.pdf.words.PageWords), what was
    # skipped or limited, and the time it took (0 when the cache answered).
    ocr_pages: list[Any] = field(default_factory=list)
    ocr_notes: list[Text] = field(default_factory=list)
    ocr_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        """One line of ``inspect --json``."""
        data: dict[str, Any] = {
            "file": str(self.source_file or self.path),  # what the person gave
            "sha256": self.sha256 or None,
            "pages": self.pages,
            "error": self.error.to_json() if self.error else None,
            "source": self.source,
            "profile": self.profile,
            # why the embedded XML was not used (a value out of range, malformed...), else null
            "note": (self.xml_note or self.page_note).get() if (self.xml_note or self.page_note) else None,
        }
        if self.source_file is not None:
            data["pdf"] = str(self.path)  # the PDF made from the image (what is uploaded)
        if self.ocr_pages:
            data["ocr"] = {"pages": len(self.ocr_pages), "words": sum(len(p.words) for p in self.ocr_pages),
                           "notes": [n.get() for n in self.ocr_notes]}
        data.update(self.invoice.to_json() if self.invoice else empty_invoice_json())
        return data


def read_document(path: str | Path, *, text: bool | None = None, ocr: bool = True,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> DocumentReading:
    """Read a PDF (or an image file, through the PDF made from it). Never raises for bad input
    (errors go into ``.error``). See :class:`ReadOptions` for the keywords."""
    p = Path(path)
    reading = DocumentReading(path=p, name=p.name)
    options = ReadOptions(text, ocr, progress, cancelled)
    try:
        _read(reading, options)
    except (Exception, RecursionError) as exc:  # last resort: nothing a file contains may crash the queue
        log.exception("unexpected error reading %s", p)
        if reading.error is None:
            reading.error = damaged(p.name, exc)
    return reading


def _read(reading: DocumentReading, options: ReadOptions) -> None:
    from app.pdf.sniff import sniff

    error = sniff(reading.path)
    if error is not None and error.code == "not_pdf":
        from app.pdf.images import file_kind

        if file_kind(reading.path) is not None:
            _read_image(reading, options)
            return
    try:
        reading.size = reading.path.stat().st_size
    except OSError:
        pass
    if error is not None and error.code in ("not_found", "too_large", "unreadable"):
        reading.error = error
        return  # no hash: nothing to read, or a 100+ MB file we refuse anyway
    try:
        reading.sha256 = sha256_file(reading.path)  # also for other refused files: duplicates stay one row
    except OSError as exc:
        reading.error = error or ReadError(
            "unreadable",
            Text(
                f"Impossible de lire « {reading.name} » ({exc.strerror or exc}).",
                f"Cannot read “{reading.name}” ({exc.strerror or exc}).",
            ),
        )
        return
    if error is not None:
        reading.error = error
        return
    from app.pdf.pdfdoc import read_pdf

    read_pdf(reading, options)


def _read_image(reading: DocumentReading, options: ReadOptions) -> None:
    """An image file: made into a PDF (kept in the app's data folder), then that PDF is read."""
    from app.config import app_dirs
    from app.pdf.images import ImageError, image_to_pdf
    from app.pdf.pdfdoc import read_pdf

    original = reading.path
    try:
        reading.size = original.stat().st_size
        image_sha = sha256_file(original)
    except OSError as exc:
        reading.error = ReadError("unreadable", Text(
            f"Impossible de lire « {reading.name} » ({exc.strerror or exc}).",
            f"Cannot read “{reading.name}” ({exc.strerror or exc}).",
        ))
        return
    try:
        converted = image_to_pdf(original, image_sha, app_dirs().data)
    except ImageError as exc:
        reading.sha256 = image_sha  # the same bad picture dropped twice stays one row
        reading.error = ReadError("bad_image", exc.text)
        return
    except OSError as exc:
        reading.sha256 = image_sha
        reading.error = ReadError("unreadable", Text(
            f"« {reading.name} » n'a pas pu être converti en PDF ({exc.strerror or exc}). Vérifiez l'espace disque.",
            f"“{reading.name}” could not be made into a PDF ({exc.strerror or exc}). Check the free disk space.",
        ))
        return
    reading.source_file = original
    reading.path = converted.pdf
    reading.sha256 = sha256_file(converted.pdf)
    read_pdf(reading, ReadOptions(True, options.ocr, options.progress, options.cancelled))


def sha256_file(path: Path) -> str:
    """SHA-256 of a regular file (raises ``NotRegularFile``, an ``OSError``, for anything else)."""
    from app.pdf.sniff import open_regular

    digest = hashlib.sha256()
    with open_regular(path) as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


__all__ = ["ERROR_CODES", "MAX_TEXT_PAGES", "DocumentReading", "ReadError", "read_document", "sha256_file"]
