"""One page image -> its words with boxes, upright and deskewed, in PDF points.

Order of work: the photo's document cropped and flattened where reliable
(:func:`geometry.find_document`); one recognition pass; a page turned by 90° (text lines taller
than wide) or upside down (a low mean score: upside-down text reads as garbage) is turned and read
again, keeping the reading that scores best; a small skew is undone on the word boxes (the
recogniser reads slanted lines well, the layout reader wants level ones).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.pdf.ocr import engine, geometry
from app.pdf.words import PageWords, Word

log = logging.getLogger(__name__)

GOOD_SCORE = 0.85  # mean line score of a page read the right way up (upside down: ~0.7)
MAX_WORDS = 5000  # per page
MAX_WORD_CHARS = 100


@dataclass
class PageReading:
    words: PageWords
    quarter_turns: int = 0  # clockwise turns applied before reading
    skew: float = 0.0  # degrees undone on the boxes
    flattened: bool = False  # a photo's document was cropped and flattened
    score: float = 0.0  # mean line score
    timed_out: bool = False  # the time limit cut the orientation search short


def _mean_score(lines: list[engine.OcrLine]) -> float:
    weighted = [(line.score, max(1, len(line.text))) for line in lines]
    total = sum(n for _, n in weighted)
    return sum(s * n for s, n in weighted) / total if total else 0.0


def read_image(
    image: Any,
    *,
    page: int,
    points_per_pixel: float,
    deadline: engine.Deadline | None = None,
    cancelled: Callable[[], bool] | None = None,
    recognise: Callable[..., list[engine.OcrLine]] = engine.recognise,
) -> PageReading:
    """Read one page image (``numpy``, gray or RGB). ``deadline``: the page's time limit (no
    further orientation pass is tried, no further lines recognised once it has passed)."""
    if is_blank(image):
        return PageReading(PageWords(page, image.shape[1] * points_per_pixel, image.shape[0] * points_per_pixel, []))
    flattened = False
    corners = geometry.find_document(image)
    if corners is not None:
        image = geometry.flatten(image, corners)
        flattened = True

    def over() -> bool:
        if cancelled is not None and cancelled():
            from app.pdf.ocr.document import OcrCancelled

            raise OcrCancelled()
        return deadline is not None and deadline.passed()

    lines = recognise(image, deadline)
    best = (_mean_score(lines), 0, image, lines)
    timed_out = False
    if len(lines) >= 3 and (geometry.is_vertical([l.quad for l in lines]) or best[0] < GOOD_SCORE):
        candidates = (3, 1, 2) if geometry.is_vertical([l.quad for l in lines]) else (2,)
        for turns in candidates:
            if over():
                timed_out = True
                break
            turned = geometry.turn(image, turns)
            again = recognise(turned, deadline)
            score = _mean_score(again)
            if len(again) >= 3 and not geometry.is_vertical([l.quad for l in again]) and score > best[0] + 0.02:
                best = (score, turns, turned, again)
            if best[1] and best[0] >= GOOD_SCORE:
                break
    score, turns, image, lines = best
    timed_out = timed_out or over()  # the limit also stops recognition: some lines may be missing
    height_px, width_px = image.shape[:2]
    skew = geometry.skew_degrees([l.quad for l in lines])
    centre = (width_px / 2, height_px / 2)
    placed: list[list[Word]] = []  # per OCR line, its words in points
    count = 0
    for line in lines:
        line_words: list[Word] = []
        for word in line.words:
            text = " ".join(word.text.split())[:MAX_WORD_CHARS]
            if not text or count >= MAX_WORDS:
                continue
            quad = geometry.rotate_points(word.quad, skew, centre) if abs(skew) >= 0.1 else word.quad
            xs = [p[0] for p in quad]
            ys = [p[1] for p in quad]
            x0 = max(0.0, min(xs)) * points_per_pixel
            x1 = min(float(width_px), max(xs)) * points_per_pixel
            top = max(0.0, min(ys)) * points_per_pixel
            bottom = min(float(height_px), max(ys)) * points_per_pixel
            if x1 <= x0 or bottom <= top:
                continue
            confidence = round(min(word.score, line.score), 4)
            for part, left, right in split_glued(text, x0, x1):
                line_words.append(Word(part, page, left, top, right, bottom, confidence=confidence))
                count += 1
        if line_words:
            placed.append(sorted(line_words, key=lambda w: w.x0))
    page_words = PageWords(page, width_px * points_per_pixel, height_px * points_per_pixel, _reading_order(placed))
    return PageReading(page_words, turns, skew, flattened, round(score, 4), timed_out)


_GLUE = re.compile(
    r"(?<=\))(?=\w)"  # "(380)Nr."
    r"|(?<=[\w.:,])(?=\()"  # "Nr.(380)"
    r"|(?<=[A-Za-zÀ-ÿ°][.:])(?=\d)"  # "Nr.210111", "N°:42"
    r"|(?<=[A-Za-zÀ-ÿ]{2}:)(?=[A-Za-zÀ-ÿ])"  # "TVA:FR05…"
    r"|(?<=\d)(?=(?:EUR|USD|GBP|CHF|€)(?!\w))"  # "632.00EUR", "12,00€"
    r"|(?<=%)(?=[A-Za-zÀ-ÿ])"  # "%Base"
    r"|(?<=[a-zß-ÿ]{3})(?=[A-Z]{1,4}[-/]?\d)"  # "FactureFA-2017-0010", "RechnungRE-2014…"
)


def split_glued(text: str, x0: float, x1: float) -> list[tuple[str, float, float]]:
    """A word the recogniser glued where a text layer has a space — at a bracket ("(380)Nr."),
    after an abbreviation or a label ("Nr.210111", "TVA:FR05…"), before a currency ("632.00EUR"),
    after a percent sign — split, each part with its share of the box (by characters)."""
    parts = [p for p in _GLUE.split(text) if p]
    if len(parts) < 2:
        return [(text, x0, x1)]
    out, left, per_char = [], x0, (x1 - x0) / max(1, len(text))
    for part in parts:
        right = left + per_char * len(part)
        out.append((part, left, right))
        left = right
    return out


def is_blank(image: Any) -> bool:
    """No ink on the page: fewer than :data:`engine.BLANK_INK` dark pixels (a white or an empty page)."""
    import numpy as np

    gray = image if image.ndim == 2 else image.mean(axis=2)
    return int(np.count_nonzero(gray < 128)) < engine.BLANK_INK


def _reading_order(lines: list[list[Word]]) -> list[Word]:
    """Rows top to bottom — the OCR lines whose vertical middle is within half a line height of
    the row's first line — each row's lines left to right, each line's words in order."""
    rows: list[list[list[Word]]] = []
    for line in sorted(lines, key=lambda ws: _middle(ws)):
        if rows:
            anchor = rows[-1][0]
            if abs(_middle(line) - _middle(anchor)) <= 0.5 * max(_height(anchor), _height(line)):
                rows[-1].append(line)
                continue
        rows.append([line])
    return [w for row in rows for line in sorted(row, key=lambda ws: ws[0].x0) for w in line]


def _middle(words: list[Word]) -> float:
    return (min(w.top for w in words) + max(w.bottom for w in words)) / 2


def _height(words: list[Word]) -> float:
    return max(w.bottom for w in words) - min(w.top for w in words)
