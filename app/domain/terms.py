"""Payment terms: when an invoice is due, from its invoice date. Pure Python.

One rule for "N days" and "N days, end of month" (*30 jours fin de mois*: the due date is the last
day of the month in which invoice date + N days falls — the common French reading, and the one the
field reader uses for terms printed on a page, :func:`app.pdf.fields.values.due_from_terms`).
"On receipt" is 0 days: due on the invoice date.

:class:`PaymentTerms` is also a company's *usual* terms (Preferences): :func:`app.jobs.prepare.prepare`
gives a due date from them to a document that prints none (provenance ``company_terms``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

MAX_DAYS = 366  # a year (and a day): beyond that it is not a payment term


@dataclass(frozen=True)
class PaymentTerms:
    """Due ``days`` after the invoice date (0: on receipt), at the end of that month if ``end_of_month``."""

    days: int = 0
    end_of_month: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.days, bool) or not isinstance(self.days, int) or not 0 <= self.days <= MAX_DAYS:
            raise ValueError(f"payment terms: days must be a whole number from 0 to {MAX_DAYS}, not {self.days!r}")
        if not isinstance(self.end_of_month, bool):
            raise ValueError(f"payment terms: end_of_month must be true or false, not {self.end_of_month!r}")

    @classmethod
    def on_receipt(cls) -> "PaymentTerms":
        return cls(0, False)

    @property
    def is_on_receipt(self) -> bool:
        return self.days == 0 and not self.end_of_month

    def due(self, issued: date) -> date:
        """The due date of an invoice dated ``issued``."""
        day = issued + timedelta(days=self.days)
        return end_of_month(day) if self.end_of_month else day

    # --- JSON (settings) ---
    def to_json(self) -> dict[str, Any]:
        return {"days": self.days, "end_of_month": self.end_of_month}

    @classmethod
    def from_json(cls, value: Any) -> "PaymentTerms | None":
        """Terms from a settings file's value; None for anything else than ``{"days": 0–366,
        "end_of_month": bool}`` (a hostile or damaged file never gives a value out of bounds)."""
        if not isinstance(value, dict):
            return None
        days, eom = value.get("days"), value.get("end_of_month", False)
        if isinstance(days, bool) or not isinstance(days, int) or not isinstance(eom, bool):
            return None
        try:
            return cls(days, eom)
        except ValueError:
            return None


def end_of_month(day: date) -> date:
    """The last day of ``day``'s month (28 or 29 February, 31 December…)."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
