"""Pictures as people take them: a page's orientation (0/90/180/270) and skew, and a photo's
document cropped out of its background with its perspective corrected.

Everything works on ``numpy`` images (OpenCV comes with RapidOCR). The photo correction is only
applied where it is reliable: one clear four-cornered, convex outline covering a good part of the
picture, with sane proportions; otherwise the photo is read as it is.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import Any

Quad = Sequence[tuple[float, float]]

MIN_DOC_AREA = 0.25  # the document must cover at least this share of the photo...
MAX_DOC_AREA = 0.97  # ...and less than this (else it is already cropped)
_WORK_SIDE = 900  # px, the photo is analysed at this size


def quad_size(quad: Quad) -> tuple[float, float]:
    """(length along the text, thickness) of a text quad (corners clockwise from top-left)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad[:4]
    return math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)


def is_vertical(quads: Sequence[Quad]) -> bool:
    """Most text lines (of some length) are taller than wide: the page is turned by 90°."""
    tall = wide = 0
    for quad in quads:
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        if max(w, h) < 2.5 * max(1.0, min(w, h)):
            continue  # short words say nothing about direction
        if h > w:
            tall += 1
        else:
            wide += 1
    return tall > wide


def skew_degrees(quads: Sequence[Quad]) -> float:
    """Median angle (degrees, positive = clockwise on screen) of the long text lines' top edges."""
    angles = []
    for quad in quads:
        (x0, y0), (x1, y1) = quad[0], quad[1]
        length, thickness = quad_size(quad)
        if length < 4 * max(1.0, thickness) or x1 <= x0:
            continue
        angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    if len(angles) < 3:
        return 0.0
    angle = statistics.median(angles)
    return angle if abs(angle) <= 15 else 0.0


def rotate_points(points: Quad, degrees: float, centre: tuple[float, float]) -> list[tuple[float, float]]:
    """Rotate points by ``-degrees`` around ``centre`` (undoes a skew of ``degrees``)."""
    a = math.radians(-degrees)
    cos, sin = math.cos(a), math.sin(a)
    cx, cy = centre
    return [(cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos) for x, y in points]


def turn(image: Any, quarter_turns: int) -> Any:
    """The image turned clockwise by ``quarter_turns`` × 90°."""
    import cv2

    k = quarter_turns % 4
    if k == 0:
        return image
    return cv2.rotate(image, (cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE)[k - 1])


def find_document(image: Any) -> Any | None:
    """The four corners (float32, TL TR BR BL, in the image's pixels) of a document photographed
    on a background, or None when no outline is reliable enough."""
    import cv2
    import numpy as np

    h, w = image.shape[:2]
    scale = _WORK_SIDE / max(h, w)
    small = cv2.resize(image, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA) if scale < 1 else image
    scale = min(scale, 1.0)
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY) if small.ndim == 3 else small
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)  # paper is the bright part
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    total = float(small.shape[0] * small.shape[1])
    if not (MIN_DOC_AREA * total <= area <= MAX_DOC_AREA * total):
        return None
    hull = cv2.convexHull(contour)
    approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(approx) != 4 or not cv2.isContourConvex(approx):
        return None
    if cv2.contourArea(approx) < 0.9 * cv2.contourArea(hull):
        return None
    corners = _order(approx.reshape(4, 2).astype("float32")) / scale
    width, height = _target_size(corners)
    if min(width, height) < 200 or not (0.4 <= width / height <= 2.5):
        return None
    for i in range(4):  # every corner close to a right angle (a page, not a random shape)
        a, b, c = corners[i - 1], corners[i], corners[(i + 1) % 4]
        v1, v2 = a - b, c - b
        cos = float(abs((v1 @ v2) / (np.linalg.norm(v1) * np.linalg.norm(v2) + 1e-9)))
        if cos > 0.5:  # more than 30° away from square
            return None
    return corners


def flatten(image: Any, corners: Any) -> Any:
    """The document inside ``corners``, as seen from straight above."""
    import cv2
    import numpy as np

    width, height = _target_size(corners)
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype="float32")
    matrix = cv2.getPerspectiveTransform(corners.astype("float32"), target)
    return cv2.warpPerspective(image, matrix, (int(width), int(height)), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _order(points: Any) -> Any:
    import numpy as np

    s = points.sum(axis=1)
    d = np.diff(points, axis=1).ravel()
    return np.array([points[s.argmin()], points[d.argmin()], points[s.argmax()], points[d.argmax()]], dtype="float32")


def _target_size(c: Any) -> tuple[int, int]:
    import numpy as np

    width = max(np.linalg.norm(c[1] - c[0]), np.linalg.norm(c[2] - c[3]))
    height = max(np.linalg.norm(c[3] - c[0]), np.linalg.norm(c[2] - c[1]))
    return int(round(width)), int(round(height))
