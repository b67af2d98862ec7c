"""Pages made in tests as words with boxes (what the text layer and OCR both give the reader)."""

from __future__ import annotations

from app.pdf.words import PageWords, Word


def _words(x: float, top: float, height: float, text: str, size: float) -> list[Word]:
    """``text`` from ``x`` as words of ~0.5 em per character, ``height`` tall."""
    words, cursor = [], x
    for token in text.split():
        width = len(token) * size * 0.5
        words.append(Word(token, 0, cursor, top, cursor + width, top + height))
        cursor += width + size * 0.3
    return words


def page(*rows: tuple[float, list[tuple[float, str]]], size: float = 9.0) -> list[PageWords]:
    """Rows of (y, [(x, text), ...]); each text is split into words of ~0.5 em per character."""
    words = [w for y, cells in rows for x, text in cells for w in _words(x, y, size, text, size)]
    return [PageWords(0, 595, 842, words)]


def ocr_page(*cells: tuple[float, float, str], height: float = 17.0, size: float = 9.0) -> list[PageWords]:
    """Cells as OCR gives them: (x, top, text), boxes taller than the glyphs (``height``) and tops that
    differ by a pixel or two along one printed line."""
    words = [w for x, top, text in cells for w in _words(x, top, height, text, size)]
    return [PageWords(0, 595, 842, words)]
