"""RapidOCR, pinned to the models inside its wheel: never a download.

RapidOCR fetches a model from the internet whenever its configuration names no model file (or a
model that is not in the wheel). Every model path here is set explicitly to the ONNX files that
ship inside the ``rapidocr`` package, and a missing file is an :class:`OcrUnavailable` error, not
a download. ``tests/pdf/test_ocr.py`` runs OCR with the network unreachable.

One engine per process, created on first use (loading the models takes ~0.2 s and ~100 MB).
Detection is limited to :data:`DET_LIMIT` px on the longer side; recognition reads the crops of
the full-resolution image. The per-crop classifier is off: it would turn upside-down lines
individually, which hides a page's orientation from :mod:`app.pdf.ocr.geometry`.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
DET_LIMIT = 1280  # px, longer side of the image the detector sees
MAX_SIDE = 4000  # px, the image recognition crops come from (pages are rendered below this)
MAX_BOXES = 1000  # text lines per page, at most
REC_CHUNK = 24  # lines recognised per call (the time limit is checked between calls)
TEXT_SCORE = 0.5  # lines recognised with less confidence are dropped (noise, pictures)
SPARSE_LINES = 8  # a page with fewer lines is detected again in bands
SPARSE_INK = 0.004  # a page with less ink than this share of its pixels is detected in bands only
BAND = 800  # px, height of a detection band
BAND_OVERLAP = 200  # px, enough for a line of text to lie whole inside one band
BLANK_INK = 200  # dark pixels below which an image (or a band of it) has nothing written

_lock = threading.Lock()
_engine: Any = None
_threads: int | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    """A time limit in this process's CPU time (what the work itself costs, whatever else the
    machine runs) with a wall-clock backstop (a machine so loaded that nothing progresses)."""

    cpu: float  # time.process_time() limit
    wall: float  # time.monotonic() limit

    @classmethod
    def after(cls, cpu_seconds: float, wall_seconds: float) -> "Deadline":
        import time

        return cls(time.process_time() + cpu_seconds, time.monotonic() + wall_seconds)

    def passed(self) -> bool:
        import time

        return time.process_time() > self.cpu or time.monotonic() > self.wall


class OcrUnavailable(RuntimeError):
    """The OCR engine or its bundled models are missing from this installation."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    """A word as recognised, in pixels of the image given to :func:`recognise`."""

    text: str
    score: float
    quad: tuple[tuple[float, float], ...]  # 4 corners, clockwise from top-left of the text


@dataclass(frozen=True, slots=True)
class OcrLine:
    text: str
    score: float
    quad: tuple[tuple[float, float], ...]  # the detected line's 4 corners
    words: tuple[OcrWord, ...]


def models_dir() -> Path:
    """The folder of the ONNX models shipped inside the rapidocr package."""
    try:
        import rapidocr
    except ImportError as exc:  # pragma: no cover - packaging problem
        raise OcrUnavailable(f"rapidocr is not installed ({exc})") from exc
    return Path(rapidocr.__file__).resolve().parent / "models"


def model_params(threads: int = 1) -> dict[str, Any]:
    """RapidOCR's configuration, every model pinned to a bundled file (checked to exist)."""
    root = models_dir()
    paths = {}
    for key, name in (("Det", DET_MODEL), ("Rec", REC_MODEL), ("Cls", CLS_MODEL)):
        path = root / name
        if not path.is_file():
            raise OcrUnavailable(f"OCR model missing from this installation: {path}")
        paths[key] = str(path)
    return {
        "Global.log_level": "error",
        "Global.use_cls": False,
        "Global.max_side_len": MAX_SIDE,
        "Global.model_root_dir": str(root),
        "Det.model_path": paths["Det"],
        "Det.limit_side_len": DET_LIMIT,
        "Det.limit_type": "max",
        "Det.max_candidates": MAX_BOXES,
        "Rec.model_path": paths["Rec"],
        "Cls.model_path": paths["Cls"],
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }


def set_threads(threads: int) -> None:
    """Threads each OCR call may use in this process (reading processes use 1 each)."""
    global _threads
    _threads = max(1, int(threads))


def default_threads() -> int:
    if _threads is not None:
        return _threads
    env = os.environ.get("PENNYLANE_OCR_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(4, os.cpu_count() or 1))


def reset() -> None:
    """Drop this process's engine (it is loaded again on next use): after an unexpected failure."""
    global _engine
    with _lock:
        _engine = None


def engine() -> Any:
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr import RapidOCR
            except ImportError as exc:  # pragma: no cover - packaging problem
                raise OcrUnavailable(f"rapidocr cannot be imported ({exc})") from exc
            logging.getLogger("RapidOCR").setLevel(logging.ERROR)
            _engine = RapidOCR(params=model_params(default_threads()))
        return _engine


def recognise(image: Any, deadline: Deadline | None = None) -> list[OcrLine]:
    """Text lines of a gray/RGB ``numpy`` image, with their words, in pixel coordinates.

    ``deadline``: lines not yet recognised when it has passed are left out (the
    page's time limit; recognition runs in chunks of :data:`REC_CHUNK` lines).
    """
    import numpy as np

    from rapidocr.ch_ppocr_rec import TextRecInput
    from rapidocr.utils.process_img import get_rotate_crop_image

    ocr = engine()
    img = _bgr(image)
    boxes = detect(img)
    if not len(boxes):
        return []
    recogniser = ocr._load_rec_model()
    lines: list[OcrLine] = []
    for start in range(0, len(boxes), REC_CHUNK):
        if deadline is not None and deadline.passed():
            log.info("OCR time limit: %d of %d lines read", start, len(boxes))
            break
        chunk = boxes[start:start + REC_CHUNK]
        crops = [get_rotate_crop_image(img, np.array(box, dtype="float32")) for box in chunk]
        result = recogniser(TextRecInput(img=crops, return_word_box=True))
        if result.txts is None:
            continue
        scores = list(result.scores) if result.scores is not None else [1.0] * len(result.txts)
        try:
            worded = ocr.cal_rec_boxes(crops, np.array(chunk), result, False)
            word_results = worded.word_results or ()
        except Exception as exc:  # noqa: BLE001 - word boxes are a refinement: lines still count
            log.info("word boxes unavailable: %r", exc)
            word_results = ()
        chunk_lines = []
        for box, text, score in zip(chunk, result.txts, scores):
            if not str(text).strip() or float(score) < TEXT_SCORE:
                chunk_lines.append(None)
                continue
            quad = tuple((float(x), float(y)) for x, y in box)
            chunk_lines.append(OcrLine(str(text), float(score), quad, ()))
        groups = _word_groups(word_results, len(chunk))
        for i, line in enumerate(chunk_lines):
            if line is None:
                continue
            words = groups[i] if groups is not None else []
            if not words:
                words = [OcrWord(line.text, line.score, line.quad)]
            lines.append(OcrLine(line.text, line.score, line.quad, tuple(words)))
    return lines


def _bgr(image: Any) -> Any:
    import cv2
    import numpy as np

    img = np.ascontiguousarray(image)
    if img.ndim == 2:
        return cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    if img.shape[2] == 4:
        return cv2.cvtColor(img, cv2.COLOR_BGRA2BGR)
    return img


def detect(img: Any) -> list[Any]:
    """Text line quads (4×2 arrays), top to bottom. The detector misses lines on a large, mostly
    empty page (its response fades there): when the whole page gives few lines, it is detected
    again in overlapping full-width bands, and the bands' lines are kept if there are more."""
    import numpy as np

    det = engine()._load_det_model()
    h, w = img.shape[:2]
    boxes: list[Any] = []
    if np.count_nonzero(img[:, :, 0] < 128) >= SPARSE_INK * h * w:  # else: straight to the bands
        found = det(img)
        boxes = list(found.boxes) if found.boxes is not None else []
        if len(boxes) >= SPARSE_LINES:
            return boxes[:MAX_BOXES]
    if h <= BAND:
        return boxes
    banded = []
    step = BAND - BAND_OVERLAP
    for y0 in range(0, max(1, h - BAND_OVERLAP), step):
        y1 = min(h, y0 + BAND)
        band = img[y0:y1]
        if int(np.count_nonzero(band[:, :, 0] < 128)) < BLANK_INK:
            continue  # nothing written there
        part = det(band)
        if part.boxes is None:
            continue
        # keep a line in the one band whose core holds its centre (bands overlap)
        core_top = y0 + (BAND_OVERLAP / 2 if y0 else 0)
        core_bottom = y1 - (BAND_OVERLAP / 2 if y1 < h else 0)
        for box in part.boxes:
            box = box + [0, y0]
            if core_top <= float(box[:, 1].mean()) < core_bottom:
                banded.append(box)
    if len(banded) <= len(boxes):
        return boxes
    banded.sort(key=lambda b: (float(b[0][1]), float(b[0][0])))
    return banded[:MAX_BOXES]


def _words_of(group: Any) -> list[OcrWord]:
    words: list[OcrWord] = []
    for item in group or ():
        try:
            w_text, w_score, w_box = item
        except (TypeError, ValueError):
            continue
        if w_box is None or not str(w_text).strip():
            continue
        words.append(OcrWord(str(w_text), float(w_score), tuple((float(x), float(y)) for x, y in w_box)))
    return words


def _word_groups(word_results: Any, count: int) -> list[list[OcrWord]] | None:
    """Word groups aligned with the lines, or None when RapidOCR dropped some (then they are
    matched by position, see :func:`_assign_by_position`)."""
    if len(word_results) != count:
        return None
    return [_words_of(group) for group in word_results]


def _assign_by_position(lines: list[OcrLine], word_results: Any) -> list[OcrLine]:
    assigned: dict[int, list[OcrWord]] = {}
    for group in word_results:
        words = _words_of(group)
        if not words:
            continue
        xs = [x for w in words for x, _ in w.quad]
        ys = [y for w in words for _, y in w.quad]
        cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
        best, best_d = None, None
        for i, line in enumerate(lines):
            lx = [x for x, _ in line.quad]
            ly = [y for _, y in line.quad]
            d = abs((min(lx) + max(lx)) / 2 - cx) + abs((min(ly) + max(ly)) / 2 - cy)
            if best_d is None or d < best_d:
                best, best_d = i, d
        if best is not None:
            assigned.setdefault(best, []).extend(words)
    return [OcrLine(line.text, line.score, line.quad, tuple(assigned[i])) if assigned.get(i) else line
            for i, line in enumerate(lines)]
