"""The pypdf part of reading (filled in below)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.pdf.reader import DocumentReading


def read_pdf(reading: "DocumentReading") -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(reading.path))
    reading.pages = len(reader.pages)
