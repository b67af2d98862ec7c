"""OCR of scans and photos, offline (RapidOCR with the models inside its wheel).

* :func:`needs_ocr` — "this text layer is not worth reading" (none at all, or garbage), i.e. not
  :func:`app.pdf.sources.usable`;
* :func:`ocr_pdf` (:mod:`.document`) — pages rendered and read into :class:`~app.pdf.words.PageWords`
  in PDF points, cached by sha256, bounded, cancellable;
* :mod:`.pages` — one page image: photo flattening, orientation, skew, reading order;
* :mod:`.engine` — RapidOCR pinned to its bundled models; :mod:`.geometry` — the image maths.

Heavy modules (numpy, OpenCV, onnxruntime) are imported only when a page is actually read.
"""

from __future__ import annotations

from app.domain.text import Text
from app.pdf.words import PageWords


def needs_ocr(text_layer_pages: list[PageWords]) -> bool:
    """True when the text layer of these pages is missing or garbage. The rule itself is
    :func:`app.pdf.sources.usable` (one rule for the whole reading)."""
    from app.pdf.sources import usable

    return not usable(text_layer_pages)


def progress_text(page: int, pages: int) -> Text:
    """What a row says while OCR reads it."""
    return Text(f"Lecture optique (OCR), page {page}/{pages}…", f"OCR, page {page}/{pages}…")


def __getattr__(name: str):  # lazy: importing the rule must not load numpy/onnxruntime
    if name in ("ocr_pdf", "OcrResult", "OcrCancelled", "MAX_OCR_PAGES"):
        from app.pdf.ocr import document

        return getattr(document, name)
    if name in ("OcrUnavailable",):
        from app.pdf.ocr import engine

        return engine.OcrUnavailable
    raise AttributeError(name)
