"""Values as printed: amounts in every European notation, dates (numeric and with month names in
six languages, day/month order by the document's language), invoice numbers, identifiers.

The low-level patterns live in :mod:`app.pdf.text_fields` (the plain-text reader, kept for text
without positions); this module is the field reader's one entry to them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from app.pdf import text_fields as _t
from app.pdf.text_fields import find_ibans, is_valid_de_vat  # noqa: F401 - re-exported
from app.pdf.text_fields import due_from_terms  # noqa: F401 - re-exported
from app.pdf.text_fields import _currency as currency_of  # noqa: F401 - re-exported
from app.pdf.text_fields import _vat_breakdown as vat_breakdown  # noqa: F401 - re-exported

_AMBIGUOUS = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])")


def find_dates(text: str, language: str = "fr") -> list[tuple[int, date]]:
    """Dates in ``text`` as (position, date). Numeric dates are day first, except in English
    documents written month first (US): ``04/05/2024`` is 4 May in French, April 5 in en-US only
    when the document says so (a ``$``/USD amount); an impossible day/month order is swapped."""
    found = _t.find_dates(text)
    if language != "en-us":
        return found
    out = []
    for pos, value in found:
        m = _AMBIGUOUS.match(text, pos)
        if m and int(m[1]) <= 12 and int(m[3]) <= 12:
            try:
                value = date(value.year, int(m[1]), int(m[3]))
            except ValueError:
                pass
        out.append((pos, value))
    return out


def amounts_in(text: str) -> list[Decimal]:
    """The amounts in ``text`` (not percentages, not dates, not identifiers)."""
    return _t._amounts(text)


def good_number(token: str) -> bool:
    """Could ``token`` be an invoice number (a digit, at most 40 characters, not a date, an
    amount or a percentage)?"""
    return _t._good_number(token)
