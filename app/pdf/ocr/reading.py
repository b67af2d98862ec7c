"""The call site in a document's reading: OCR its first pages when their text layer is unusable,
record what was read on the :class:`~app.pdf.reader.DocumentReading`, give back the words."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.domain.text import Text

if TYPE_CHECKING:
    from app.pdf.reader import DocumentReading, ReadOptions
    from app.pdf.words import PageWords

log = logging.getLogger(__name__)


def ocr_pages(reading: "DocumentReading", options: "ReadOptions") -> "list[PageWords] | None":
    """The OCR words of the first pages ([] when nothing could be read), or None when cancelled
    (``reading.error`` then says so). Never raises for bad input."""
    from app.pdf.ocr.document import MAX_OCR_PAGES, OcrCancelled, ocr_pdf
    from app.pdf.ocr.engine import OcrUnavailable
    from app.pdf.reader import MAX_TEXT_PAGES, ReadError

    try:
        result = ocr_pdf(reading.path, sha256=reading.sha256, max_pages=min(MAX_OCR_PAGES, MAX_TEXT_PAGES),
                         progress=options.progress, cancelled=options.cancelled)
    except OcrCancelled:
        reading.error = ReadError("cancelled", Text(
            f"Lecture de « {reading.name} » annulée.", f"Reading of “{reading.name}” cancelled."))
        return None
    except OcrUnavailable as exc:
        log.error("OCR unavailable: %s", exc)
        reading.ocr_notes.append(Text(
            "La lecture optique (OCR) n'est pas disponible dans cette installation : complétez le formulaire à la main.",
            "Optical reading (OCR) is not available in this installation: fill in the form by hand.",
        ))
        return []
    except MemoryError:
        from app.pdf.ocr import engine

        engine.reset()
        reading.ocr_notes.append(Text(
            "Les pages sont trop grandes pour la lecture optique : complétez le formulaire à la main.",
            "The pages are too large for optical reading: fill in the form by hand.",
        ))
        return []
    except Exception as exc:  # noqa: BLE001 - PDFium on a broken page, OpenCV on an odd bitmap
        log.warning("OCR of %s failed: %r", reading.path, exc)  # bad input is not a crash: no traceback
        log.debug("OCR failure", exc_info=exc)
        from app.pdf.ocr import engine

        engine.reset()  # a fresh engine for the next document, in case this one is in a bad state
        reading.ocr_notes.append(Text(
            f"La lecture optique des pages a échoué ({type(exc).__name__}) : complétez le formulaire à la main.",
            f"Optical reading of the pages failed ({type(exc).__name__}): fill in the form by hand.",
        ))
        return []
    reading.ocr_pages = result.pages
    reading.ocr_notes.extend(result.notes)
    reading.ocr_seconds = result.seconds
    if not result.word_count:
        reading.ocr_notes.append(Text(
            "Les pages ne contiennent aucun texte lisible, même par lecture optique (page blanche, ou image sans écriture ?) : aucun champ n'a été rempli. Complétez le formulaire en lisant l'aperçu.",
            "The pages hold no readable text, even by optical reading (a blank page, or a picture without writing?): no field was filled. Fill in the form from the preview.",
        ))
        return []
    return result.pages
