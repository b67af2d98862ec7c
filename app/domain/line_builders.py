"""Invoice lines made from what a document declares (pure): one line from the declared totals,
or one line per rate of a Factur-X VAT breakdown. The form's Ctrl+T and Ctrl+R use them; each
returns the values of the new lines, which the caller turns into lines of the draft's kind.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable

from app.domain.money import round_money
from app.domain.vat import VAT_CODE_LIST, VAT_CODES, code_for_rate, tax_for


def _country(draft: Any) -> str:
    seller = getattr(draft, "seller", None)
    return ((getattr(seller, "country", None) if seller else None) or "FR").upper()


def line_from_totals(draft: Any) -> dict[str, Any] | None:
    """One line carrying the declared totals (the VAT code whose rate gives the declared tax, else
    ``mixed``; ``exempt`` without tax), or None when the total excluding tax is not known."""
    ht = draft.amount_before_tax
    if ht is None:
        return None
    tax = draft.tax if draft.tax is not None else (draft.amount - ht if draft.amount is not None else Decimal(0))
    code = "exempt" if tax == 0 else "mixed"
    if tax and ht:
        country = _country(draft)
        for candidate in VAT_CODE_LIST:
            vat = VAT_CODES[candidate]
            if vat.country == country and vat.is_plain and vat.rate and abs(tax_for(ht, candidate) - tax) <= Decimal("0.01"):
                code = candidate
                break
    label = draft.label or draft.counterpart_name or draft.invoice_number or ""
    return dict(label=label, vat_rate=code, amount_before_tax=ht, tax=tax, amount=ht + tax,
                quantity=Decimal(1), unit_price=round_money(ht, 6))


def lines_per_rate(draft: Any, breakdown: Iterable[Any]) -> list[tuple[Decimal | None, dict[str, Any]]]:
    """One line per rate of a VAT breakdown, base and tax as declared (negative for a credit
    note): ``(rate, values)`` pairs — the caller writes the label ("VAT 5.5 %") in its language."""
    sign = Decimal(-1) if draft.credit_note else Decimal(1)
    country = _country(draft)
    out = []
    for item in breakdown:
        base = sign * abs(item.base or Decimal(0))
        tax = sign * abs(item.tax or Decimal(0))
        code = item.vat_code or code_for_rate(item.vat_rate, country, item.category or "S") or "mixed"
        out.append((item.vat_rate, dict(vat_rate=code, amount_before_tax=base, tax=tax, amount=base + tax,
                                        quantity=Decimal(1), unit_price=base)))
    return out
