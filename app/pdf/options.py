"""How far to read a document (:class:`ReadOptions`), shared by reader, pdfdoc and the OCR."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    """How far to read. ``text``: None (default) extracts the first pages' text only when the
    embedded XML does not already give everything; True always; False never. ``ocr``: read the
    pages optically when their text layer is unusable. ``progress(page, pages)`` is called before
    each page OCR reads; ``cancelled()`` stops the OCR between steps."""

    text: bool | None = None
    ocr: bool = True
    progress: Callable[[int, int], None] | None = None
    cancelled: Callable[[], bool] | None = None
