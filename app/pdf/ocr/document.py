"""OCR of a PDF's pages, page by page: rendered with pypdfium2, read by :mod:`.pages`, cached by
the file's sha256, bounded in pages, pixels and time, cancellable between steps.

Limits (a hostile or absurd file costs bounded time and memory):

* only the first :data:`MAX_OCR_PAGES` pages are read (the fields of an invoice are on them);
* a page is rendered at :data:`RENDER_DPI` at most, and so that its longer side is at most
  :data:`MAX_SIDE_PX` pixels: a poster-sized page or a 60-megapixel photo is scaled down by
  PDFium while it is drawn, never decoded into a bigger bitmap than that;
* a page stops at :data:`PAGE_CPU_SECONDS` of CPU (:data:`PAGE_WALL_SECONDS` of wall-clock time
  on a machine too busy to progress); pages are not started after :data:`DOCUMENT_CPU_SECONDS`
  (:data:`DOCUMENT_WALL_SECONDS`). CPU time, because on a loaded machine the wall clock would cut
  pages that cost nothing unusual. What was skipped is said in :attr:`OcrResult.notes`.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.text import Text
from app.pdf.ocr import engine
from app.pdf.ocr.pages import read_image
from app.pdf.words import PageWords, Word

log = logging.getLogger(__name__)

MAX_OCR_PAGES = 2
RENDER_DPI = 300
MIN_DPI = 150
MAX_SIDE_PX = 2400
MIN_SIDE_PX = 16
PAGE_CPU_SECONDS = 40.0  # a page of an A4 scan costs 4-8 s
PAGE_WALL_SECONDS = 180.0
DOCUMENT_CPU_SECONDS = 90.0
DOCUMENT_WALL_SECONDS = 400.0
CACHE_VERSION = f"4:{engine.DET_MODEL}:{engine.REC_MODEL}:{engine.DET_LIMIT}:{MAX_SIDE_PX}"

Progress = Callable[[int, int], None]  # (page being read, 1-based; pages to read)


class OcrCancelled(Exception):
    """The person removed the document (or quit) while it was being read."""


@dataclass
class OcrResult:
    pages: list[PageWords] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)  # pages skipped, time limits, ...
    cached: bool = False
    seconds: float = 0.0  # wall time of the OCR itself (0 when cached)
    cpu_seconds: float = 0.0

    @property
    def word_count(self) -> int:
        return sum(len(p.words) for p in self.pages)


def render_scale(width_pt: float, height_pt: float, native: float | None = None) -> float:
    """Pixels per point for a page: RENDER_DPI, or less so that the longer side fits MAX_SIDE_PX;
    never more than the page's largest image's own resolution (``native``, pixels per point;
    but at least MIN_DPI, for a tiny picture): drawing a scan bigger than it is adds nothing."""
    longest = max(width_pt, height_pt, 1.0)
    scale = min(RENDER_DPI / 72.0, MAX_SIDE_PX / longest)
    if native:
        scale = min(scale, max(native, MIN_DPI / 72.0))
    return scale


def native_scale(page: Any) -> float | None:
    """Pixels per point of the page's largest image (None when it has no image)."""
    import pypdfium2.raw as pdfium_c

    best: tuple[float, float] | None = None  # (area in points, pixels per point)
    try:
        for i, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)):
            if i >= 50:
                break
            left, bottom, right, top = obj.get_bounds()
            width_px, height_px = obj.get_px_size()
            width_pt, height_pt = right - left, top - bottom
            if width_pt <= 1 or height_pt <= 1 or width_px <= 0 or height_px <= 0:
                continue
            area = width_pt * height_pt
            density = max(width_px, height_px) / max(width_pt, height_pt)  # rotation-proof enough
            if best is None or area > best[0]:
                best = (area, density)
    except Exception:  # noqa: BLE001 - an odd object: render at the default scale
        return None
    return best[1] if best else None


def ocr_pdf(
    path: str | os.PathLike[str],
    *,
    sha256: str = "",
    max_pages: int = MAX_OCR_PAGES,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    cache_dir: Path | None = None,
) -> OcrResult:
    """Words of the first ``max_pages`` pages of the PDF at ``path``.

    Raises :class:`OcrCancelled` when ``cancelled()`` turns true, :class:`engine.OcrUnavailable`
    when the OCR engine is missing; PDFium errors propagate (the caller reports the file).
    """
    cache = _cache_file(cache_dir, sha256, max_pages)
    if cache is not None:
        hit = _load(cache)
        if hit is not None:
            return hit
    import pypdfium2 as pdfium

    started, cpu_started = time.monotonic(), time.process_time()
    document_deadline = engine.Deadline.after(DOCUMENT_CPU_SECONDS, DOCUMENT_WALL_SECONDS)
    result = OcrResult()
    from app.pdf.pdfium_lock import PDFIUM

    with PDFIUM:  # PDFium is not thread-safe: opening, rendering and closing hold the lock
        pdf = pdfium.PdfDocument(str(path))
    try:
        with PDFIUM:
            count = len(pdf)
        todo = min(count, max(0, max_pages))
        if count > todo:
            result.notes.append(Text(
                f"Lecture optique des {todo} premières pages seulement (le document en a {count}).",
                f"Optical reading of the first {todo} pages only (the document has {count}).",
            ))
        for index in range(todo):
            if cancelled is not None and cancelled():
                raise OcrCancelled()
            if document_deadline.passed():
                result.notes.append(Text(
                    f"Lecture optique arrêtée après {index} page(s) : délai dépassé.",
                    f"Optical reading stopped after {index} page(s): time limit reached.",
                ))
                break
            if progress is not None:
                progress(index + 1, todo)
            result.pages.append(_read_page(pdf, index, cancelled, result))
    finally:
        with PDFIUM:
            pdf.close()
    result.seconds = round(time.monotonic() - started, 3)
    result.cpu_seconds = round(time.process_time() - cpu_started, 3)
    if cache is not None:
        _store(cache, result)
    return result


def _read_page(pdf: Any, index: int, cancelled: Callable[[], bool] | None, result: OcrResult) -> PageWords:
    from app.pdf.pdfium_lock import PDFIUM

    with PDFIUM:  # only the rendering: the recognition that follows runs without the lock
        rendered = _render(pdf, index)
    if isinstance(rendered, PageWords):
        return rendered
    image, scale = rendered
    return _recognise(image, scale, index, cancelled, result)


def _render(pdf: Any, index: int) -> "PageWords | tuple[Any, float]":
    """The page as a grayscale image and its pixels per point (or, a sliver, its empty words)."""
    page = pdf[index]
    try:
        width_pt, height_pt = page.get_size()
        scale = render_scale(width_pt, height_pt, native_scale(page))
        if min(width_pt, height_pt) * scale < MIN_SIDE_PX:
            return PageWords(index, width_pt, height_pt, [])  # a sliver: nothing to read
        bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
        try:
            image = bitmap.to_numpy().copy()
        finally:
            bitmap.close()
    finally:
        page.close()
    return image, scale


def _recognise(image: Any, scale: float, index: int, cancelled: Callable[[], bool] | None, result: OcrResult) -> PageWords:
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    reading = read_image(image, page=index, points_per_pixel=1.0 / scale,
                         deadline=engine.Deadline.after(PAGE_CPU_SECONDS, PAGE_WALL_SECONDS), cancelled=cancelled)
    if reading.timed_out:
        result.notes.append(Text(
            f"Page {index + 1} : lecture optique arrêtée par la limite de temps ; une partie du texte peut manquer.",
            f"Page {index + 1}: optical reading stopped by the time limit; some text may be missing.",
        ))
    # Points as the page is shown; a page read turned or flattened keeps its own frame's size.
    return reading.words


# --- cache ---------------------------------------------------------------------------------------

def _cache_file(cache_dir: Path | None, sha256: str, max_pages: int) -> Path | None:
    if not sha256 or len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        return None
    if cache_dir is None:
        try:
            from app.config import app_dirs

            cache_dir = app_dirs().cache
        except Exception:  # noqa: BLE001 - no cache is not a failure
            return None
    return cache_dir / "ocr" / f"{sha256}.{max_pages}.json"


def _load(path: Path) -> OcrResult | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            return None
        pages = [PageWords(int(p["page"]), float(p["width"]), float(p["height"]),
                           [Word(str(w[0])[:200], int(p["page"]), *map(float, w[1:5]), confidence=float(w[5]))
                            for w in p["words"]])
                 for p in data["pages"]]
        notes = [Text(str(n["fr"]), str(n["en"])) for n in data.get("notes", [])]
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None
    return OcrResult(pages, notes, cached=True)


def _store(path: Path, result: OcrResult) -> None:
    data = {
        "version": CACHE_VERSION,
        "pages": [{"page": p.page, "width": p.width, "height": p.height,
                   "words": [[w.text, round(w.x0, 2), round(w.top, 2), round(w.x1, 2), round(w.bottom, 2), w.confidence]
                             for w in p.words]} for p in result.pages],
        "notes": [{"fr": n.fr, "en": n.en} for n in result.notes],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.info("OCR cache not written (%s)", exc)
