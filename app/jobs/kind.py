"""Which kind of invoice a document is for the signed-in company (no Qt).

The buyer is the company → a purchase (supplier invoice); the seller is → a sale (customer invoice);
neither → unknown, and the form warns that the invoice is not addressed to this company.
A party is the company when its SIREN (or the SIREN inside its SIRET or French VAT number) equals
the company's; without identifiers on either side, the normalized names are compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.identifiers import party_siren  # noqa: F401 - the one rule, re-exported
from app.jobs.matching import normalize_name
from app.pennylane.reference_cache import Company

SUPPLIER = "supplier"
CUSTOMER = "customer"


@dataclass(frozen=True)
class KindPreset:
    kind: str | None  # SUPPLIER | CUSTOMER | None (neither party is the company)
    key: str | None = None  # "siren" | "name" — how the company was recognised
    party: str | None = None  # "buyer" | "seller"


def is_company(party: Any, company: Company) -> str | None:
    """How ``party`` is recognised as ``company`` ("siren" | "name"), or None."""
    if party is None:
        return None
    mine = company.siren
    theirs = party_siren(party)
    if mine and theirs:
        return "siren" if mine == theirs else None
    name = normalize_name(getattr(party, "name", None))
    if name and name == normalize_name(company.name):
        return "name"
    return None


def preset_kind(draft: Any, company: Company | None) -> KindPreset | None:
    """The kind the document suggests, or None when it cannot tell (no company, no parties)."""
    if company is None or draft is None:
        return None
    buyer, seller = getattr(draft, "buyer", None), getattr(draft, "seller", None)
    if buyer is None and seller is None:
        return None
    key = is_company(buyer, company)
    if key:
        return KindPreset(SUPPLIER, key, "buyer")
    key = is_company(seller, company)
    if key:
        return KindPreset(CUSTOMER, key, "seller")
    return KindPreset(None)
