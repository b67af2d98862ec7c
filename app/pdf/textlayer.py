"""The text layer's words with their boxes, read with pypdfium2 (PDFium: BSD/Apache).

One :class:`~app.pdf.words.PageWords` per page: PDFium's characters grouped into words at spaces
and at gaps wider than a third of the font height, in points, origin top-left, the page's
rotation applied. Bounded: at most ``MAX_PAGES`` pages and ``MAX_CHARS`` characters a page.
Never raises for bad input: a page that cannot be read gives no words.
"""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path

from app.pdf.words import PageWords, Word

log = logging.getLogger(__name__)

MAX_PAGES = 2  # the header fields live on the first pages
MAX_CHARS = 60_000  # per page; a page beyond that is not an invoice page we can use


def text_layer_words(path: str | Path, max_pages: int = MAX_PAGES) -> list[PageWords]:
    from app.pdf.pdfium_lock import PDFIUM

    with PDFIUM:  # PDFium is not thread-safe
        return _words(path, max_pages)


def _words(path: str | Path, max_pages: int) -> list[PageWords]:
    import pypdfium2 as pdfium

    pages: list[PageWords] = []
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # noqa: BLE001 - PDFium refuses what pypdf may still open
        log.info("pdfium cannot open %s: %r", path, exc)
        return pages
    try:
        for index in range(min(len(pdf), max_pages)):
            try:
                page = pdf[index]
                try:
                    pages.append(_page_words(page, index))
                finally:
                    page.close()
            except Exception as exc:  # noqa: BLE001
                log.info("text of page %d of %s unreadable: %r", index + 1, path, exc)
    finally:
        pdf.close()
    return pages


def _page_words(page, index: int) -> PageWords:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as raw

    width, height = page.get_size()
    rotation = page.get_rotation() % 360
    # PDFium's character boxes are in the unrotated page space (origin bottom-left)
    if rotation in (90, 270):
        base_w, base_h = height, width
    else:
        base_w, base_h = width, height
    out = PageWords(page=index, width=float(width), height=float(height))
    textpage = page.get_textpage()
    try:
        count = min(textpage.count_chars(), MAX_CHARS)
        handle = textpage.raw
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        current: list[str] = []
        box: list[float] = []

        def flush() -> None:
            text = "".join(current).strip()
            if text:
                x0, y0, x1, y1 = box
                out.words.append(Word(text, index, x0, y0, x1, y1))
            current.clear()
            box.clear()

        last_size = 0.0
        for i in range(count):
            code = raw.FPDFText_GetUnicode(handle, i)
            ch = chr(code) if 0 < code < 0x110000 else ""
            if not ch or ch.isspace() or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
                flush()
                continue
            if not raw.FPDFText_GetCharBox(handle, i, left, right, bottom, top):
                continue
            size = raw.FPDFText_GetFontSize(handle, i) or (top.value - bottom.value) or 8.0
            x0, x1, y0, y1 = _rotate(left.value, right.value, bottom.value, top.value, rotation, base_w, base_h)
            # vertical extent from the font size, so that a row's words share a line box
            mid = (y0 + y1) / 2
            half = max(size, y1 - y0) * 0.5
            y0, y1 = mid - half, mid + half
            if box:
                gap = x0 - box[2]
                same_line = abs(mid - (box[1] + box[3]) / 2) < max(size, last_size) * 0.5
                if not same_line or gap > max(size, last_size) * 0.33 or gap < -max(size, last_size):
                    flush()
            if box:
                box[:] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
            else:
                box[:] = [x0, y0, x1, y1]
            current.append(ch)
            last_size = size
        flush()
    finally:
        textpage.close()
    return out


def _rotate(l: float, r: float, b: float, t: float, rotation: int, w: float, h: float) -> tuple[float, float, float, float]:
    """From PDF space (origin bottom-left, unrotated page w × h) to the shown page, origin top-left."""
    if rotation == 90:  # shown clockwise: the original's bottom-left corner is the shown top-left
        return b, t, l, r
    if rotation == 180:
        return w - r, w - l, b, t
    if rotation == 270:
        return h - t, h - b, w - r, w - l
    return l, r, h - t, h - b
