"""What was extracted from a PDF: plain dataclasses, amounts as ``Decimal``, no I/O. The seller
and the buyer are the domain's :class:`~app.domain.invoice.Party`, filled as they are read.

Amounts are POSITIVE as printed / as in the XML; whether the document is a credit note is
carried by :attr:`ExtractedInvoice.kind` (the domain draft applies the sign, see ``draft.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.invoice import Party
from app.pdf.words import Box

PARTY_KEYS = ("name", "siren", "siret", "vat_number", "iban")  # the party keys of ``inspect --json``


def party_is_empty(party: Party) -> bool:
    return not any(getattr(party, key) for key in Party.model_fields)


def party_json(party: Party) -> dict[str, str | None]:
    return {key: getattr(party, key) for key in PARTY_KEYS}


@dataclass
class VatBreakdown:
    vat_rate: Decimal | None = None  # percent, e.g. Decimal("20.00")
    category: str | None = None  # UNCL5305: S, E, K, AE, Z, G, O, L, M
    base: Decimal | None = None
    tax: Decimal | None = None
    vat_code: str | None = None  # Pennylane code ("FR_200", "exempt", ...)

    def to_json(self) -> dict[str, str | None]:
        return {"vat_rate": _s(self.vat_rate), "base": _s(self.base), "tax": _s(self.tax)}


@dataclass
class ExtractedLine:
    line_id: str | None = None
    label: str | None = None
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    unit: str | None = None
    amount_before_tax: Decimal | None = None
    vat_rate: Decimal | None = None
    vat_category: str | None = None
    vat_code: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {
            "label": self.label,
            "quantity": _s(self.quantity),
            "unit_price": _s(self.unit_price),
            "amount_before_tax": _s(self.amount_before_tax),
            "vat_rate": _s(self.vat_rate),
        }


@dataclass
class ExtractedInvoice:
    kind: str | None = None  # "invoice" | "credit_note" | None
    type_code: str | None = None  # UNTDID 1001: 380, 381, ...
    invoice_number: str | None = None
    date: date | None = None
    deadline: date | None = None
    currency: str | None = None
    amount_before_tax: Decimal | None = None
    tax: Decimal | None = None
    amount: Decimal | None = None  # total with tax (the invoice total)
    amount_due: Decimal | None = None  # after prepayment; NOT the invoice amount
    seller: Party = field(default_factory=Party)
    buyer: Party = field(default_factory=Party)
    vat_breakdown: list[VatBreakdown] = field(default_factory=list)
    lines: list[ExtractedLine] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)  # field -> "xml" | "text" | "ocr"
    # where each value read from a page sits (field -> page box); the XML has no boxes
    locations: dict[str, Box] = field(default_factory=dict)
    # values the reader found but is not sure enough of to fill (field -> value as text)
    suggestions: dict[str, str] = field(default_factory=dict)

    def mark_found(self, source: str) -> None:
        """Mark the party fields, the VAT breakdown and the lines found as read from ``source``
        (``"xml"`` | ``"text"``) in :attr:`provenance`."""
        for role, party in (("seller", self.seller), ("buyer", self.buyer)):
            for key in Party.model_fields:
                if getattr(party, key):
                    self.provenance[f"{role}.{key}"] = source
        if self.vat_breakdown:
            self.provenance["vat_breakdown"] = source
        if self.lines:
            self.provenance["lines"] = source

    def to_json(self) -> dict[str, Any]:
        """The invoice keys of ``inspect --json`` (dates ISO, amounts strings, unknown null)."""
        return {
            "kind": self.kind,
            "invoice_number": self.invoice_number,
            "date": self.date.isoformat() if self.date else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "currency": self.currency,
            "amount_before_tax": _s(self.amount_before_tax),
            "tax": _s(self.tax),
            "amount": _s(self.amount),
            "amount_due": _s(self.amount_due),
            "seller": party_json(self.seller),
            "buyer": party_json(self.buyer),
            "vat_breakdown": [v.to_json() for v in self.vat_breakdown],
            "lines": [line.to_json() for line in self.lines],
            "provenance": dict(self.provenance),
            "locations": {name: box.to_json() for name, box in self.locations.items()},
            "suggestions": dict(self.suggestions),
        }


def empty_invoice_json() -> dict[str, Any]:
    """The invoice keys when nothing was extracted (all unknown)."""
    data = ExtractedInvoice().to_json()
    return data


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
