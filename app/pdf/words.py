"""Words with their boxes: what every reading source (the text layer, OCR) gives the field reader.

Coordinates are PDF points (1/72 inch) with the origin at the **top-left** of the page as it is
shown (rotation applied), ``x`` to the right and ``y`` down, so that ``top < bottom``. A page's
``width`` and ``height`` are in the same unit. ``page`` is 0-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Box:
    """Where a value sits: page (0-based) and its rectangle in points, origin top-left."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: "Box") -> "Box":
        if other.page != self.page:
            return self
        return Box(self.page, min(self.x0, other.x0), min(self.top, other.top),
                   max(self.x1, other.x1), max(self.bottom, other.bottom))

    def to_json(self) -> dict[str, float | int]:
        return {"page": self.page + 1, "x0": round(self.x0, 1), "top": round(self.top, 1),
                "x1": round(self.x1, 1), "bottom": round(self.bottom, 1)}


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float = 1.0  # 1.0 for a text layer; the recogniser's score for OCR

    @property
    def box(self) -> Box:
        return Box(self.page, self.x0, self.top, self.x1, self.bottom)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class PageWords:
    page: int  # 0-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
