"""What the form asks of the shown document's reading (``row.reading``, ``row.recall``): where a
value was read on the page, what the memory gave a field, the Factur-X VAT breakdown, the values
read but not sure enough to fill. One place for each question; all answer None or empty when the
row has no reading."""

from __future__ import annotations

from typing import Any


def _invoice(row: Any) -> Any:
    reading = getattr(row, "reading", None) if row is not None else None
    return getattr(reading, "invoice", None)


def location_of(row: Any, field: str) -> Any:
    """Where ``field`` was read on the page (an :class:`app.pdf.words.Box`), or None."""
    locations = getattr(_invoice(row), "locations", None) or {}
    return locations.get(field)


def remembered(row: Any, field: str) -> Any:
    """When and instead of what the memory gave ``field`` (a Text for the badge's tooltip), or None."""
    note = getattr(getattr(row, "recall", None), "notes", {}).get(field)
    return note.tooltip() if note is not None else None


def vat_breakdown(row: Any) -> list[Any]:
    """The Factur-X VAT breakdown (one entry per rate), or an empty list."""
    return list(getattr(_invoice(row), "vat_breakdown", None) or [])


def unsure_values(row: Any) -> dict[str, str]:
    """The values the reader found but was not sure enough of to fill, by field."""
    return getattr(_invoice(row), "suggestions", None) or {}
