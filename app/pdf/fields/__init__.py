"""The layout-aware field reader: words with boxes (from the text layer or OCR) → invoice fields.

``layout`` (rows, cells, blocks) · ``vocabulary`` (labels in six languages) · ``values`` (amounts,
dates, numbers, identifiers) · ``parties`` (seller and buyer) · ``reader`` (labels → candidates →
cross-checks → fields with their source and box).
"""

from app.pdf.fields.reader import read_fields

__all__ = ["read_fields"]
