"""From a :class:`DocumentReading` to a domain draft (customer or supplier invoice).

* Amounts: the extraction keeps them positive; a credit note becomes ``credit_note=True`` with
  **negative** header totals and line amounts (domain convention). Quantities stay positive; a
  customer line's unit price carries the sign.
* ``amount`` (Pennylane's ``currency_amount``) is the invoice total, never the amount due after
  a prepayment.
* Lines: the XML lines when there are some; otherwise one line per VAT rate of the breakdown
  (Factur-X BASIC WL); otherwise, when totals are known, one line with the totals (its VAT code
  inferred from tax / base when it matches one rate, ``mixed`` when it does not).
* A line whose VAT code is unknown keeps the domain default and gets no provenance (so the form
  shows it as not read from the document).
* ``provenance`` uses the domain's field paths: ``"amount"``, ``"seller.siren"``,
  ``"lines[0].vat_rate"``…
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain.invoice import (
    CustomerInvoiceDraft,
    InvoiceKind,
    Party,
    Provenance,
    SupplierInvoiceDraft,
    new_draft,
)
from app.domain.money import round_money
from app.domain.vat import VAT_CODES, code_for_rate, tax_for
from app.pdf.extracted import ExtractedInvoice, party_is_empty
from app.pdf.reader import DocumentReading

_COMMON_RATES = (Decimal("20"), Decimal("10"), Decimal("5.5"), Decimal("2.1"), Decimal("8.5"), Decimal("0"))



# UN/ECE Recommendation 20 unit codes (Factur-X BT-130) -> the unit names Pennylane's lines use.
UNIT_CODES = {
    "C62": "piece", "H87": "piece", "EA": "piece", "XPP": "piece", "NAR": "piece", "PCE": "piece",
    "HUR": "hour", "MIN": "minute", "DAY": "day", "WEE": "week", "MON": "month", "ANN": "year",
    "KGM": "kg", "GRM": "g", "TNE": "t", "MTR": "m", "KMT": "km", "MTK": "m2", "MTQ": "m3",
    "LTR": "l", "SET": "set", "PR": "pair", "LS": "lump_sum",
}


def unit_of(code: str | None) -> str | None:
    """Pennylane's unit for a Factur-X unit code; None when unknown (the default unit stays)."""
    return UNIT_CODES.get((code or "").strip().upper())

def _party(read: Party) -> Party | None:
    """The draft's own copy of a party read from the document (None when nothing was read)."""
    return None if party_is_empty(read) else read.model_copy()


def _prov(value: str | None) -> Provenance | None:
    return {"xml": Provenance.XML, "text": Provenance.TEXT, "ocr": Provenance.OCR,
            "remembered": Provenance.REMEMBERED}.get(value or "")


def _tax(base: Decimal, code: str) -> Decimal:
    try:
        return tax_for(base, code)
    except (ValueError, KeyError):
        return Decimal(0)


def _infer_code(base: Decimal | None, tax: Decimal | None, country: str) -> str | None:
    if base is None or tax is None or base == 0:
        return None
    for rate in _COMMON_RATES:
        if abs(round_money(base * rate / 100) - tax) <= Decimal("0.01"):
            code = code_for_rate(rate, country=country, category="S" if rate else "E")
            if code:
                return code
    return "mixed"


def to_draft(reading: DocumentReading, kind: InvoiceKind | str) -> CustomerInvoiceDraft | SupplierInvoiceDraft:
    kind = InvoiceKind(kind)
    inv = reading.invoice or ExtractedInvoice()
    sign = Decimal(-1) if inv.kind == "credit_note" else Decimal(1)
    prov: dict[str, Provenance] = {}

    def signed(value: Decimal | None) -> Decimal | None:
        return None if value is None else sign * abs(value)

    fields: dict[str, Any] = {
        "invoice_number": inv.invoice_number,
        "date": inv.date,
        "deadline": inv.deadline,
        "amount_before_tax": signed(inv.amount_before_tax),
        "tax": signed(inv.tax),
        "amount": signed(inv.amount),
        "credit_note": inv.kind == "credit_note",
        "seller": _party(inv.seller),
        "buyer": _party(inv.buyer),
    }
    from app.domain.currency import is_supported_currency

    if inv.currency and is_supported_currency(inv.currency):
        fields["currency"] = inv.currency
    for name in ("invoice_number", "date", "deadline", "amount_before_tax", "tax", "amount", "currency"):
        if fields.get(name) is not None and _prov(inv.provenance.get(name)):
            prov[name] = _prov(inv.provenance[name])  # type: ignore[assignment]
    if "kind" in inv.provenance and inv.kind:
        prov["credit_note"] = _prov(inv.provenance["kind"])  # type: ignore[assignment]
    for key, value in inv.provenance.items():
        if key.startswith(("seller.", "buyer.")) and _prov(value):
            prov[key] = _prov(value)  # type: ignore[assignment]

    draft = new_draft(kind, **fields)
    party = draft.counterpart_party
    if party is not None and party.name:
        draft.counterpart_name = party.name
        source = inv.provenance.get(("buyer" if kind == InvoiceKind.CUSTOMER else "seller") + ".name")
        if _prov(source):
            prov["counterpart_name"] = _prov(source)  # type: ignore[assignment]

    country = (inv.seller.country or "FR").upper()
    lines: list[dict[str, Any]] = []
    line_prov: list[dict[str, Provenance]] = []
    if inv.lines:
        src = _prov(inv.provenance.get("lines")) or Provenance.XML
        for item in inv.lines:
            ht = signed(item.amount_before_tax)
            if ht is None and item.quantity is not None and item.unit_price is not None:
                ht = sign * round_money(abs(item.quantity * item.unit_price))
            ht = ht if ht is not None else Decimal(0)
            code = item.vat_code if item.vat_code in VAT_CODES else None
            line: dict[str, Any] = {"label": item.label or "", "amount_before_tax": ht}
            p = {"label": src, "amount_before_tax": src} if item.label else {"amount_before_tax": src}
            if code:
                line["vat_rate"] = code
                p["vat_rate"] = src
            line["tax"] = _tax(ht, line.get("vat_rate", "FR_200")) if code != "mixed" else Decimal(0)
            line["amount"] = ht + line["tax"]
            if kind == InvoiceKind.CUSTOMER:
                qty = abs(item.quantity) if item.quantity else Decimal(1)
                line["quantity"] = qty
                line["unit_price"] = sign * abs(item.unit_price) if item.unit_price is not None else ht / qty
                if item.quantity is not None:
                    p["quantity"] = src
                if item.unit_price is not None:
                    p["unit_price"] = src
                unit = unit_of(item.unit)
                if unit is not None:
                    line["unit"] = unit
                    p["unit"] = src
            lines.append(line)
            line_prov.append(p)
    elif any(row.base is not None for row in inv.vat_breakdown):  # a rate without its base makes no line
        src = _prov(inv.provenance.get("vat_breakdown")) or Provenance.XML
        for row in inv.vat_breakdown:
            if row.base is None:
                continue
            ht = sign * abs(row.base)
            code = row.vat_code if row.vat_code in VAT_CODES else None
            rate_text = f"{row.vat_rate.normalize():f} %".replace(".", ",") if row.vat_rate is not None else ""
            line = {"label": f"TVA {rate_text}".strip() if rate_text else "", "amount_before_tax": ht}
            p = {"amount_before_tax": src}
            if code:
                line["vat_rate"] = code
                p["vat_rate"] = src
            tax = sign * abs(row.tax) if row.tax is not None else _tax(ht, line.get("vat_rate", "FR_200"))
            if row.tax is not None:
                p["tax"] = src
            line["tax"] = tax
            line["amount"] = ht + tax
            if kind == InvoiceKind.CUSTOMER:
                line["quantity"] = Decimal(1)
                line["unit_price"] = ht
            lines.append(line)
            line_prov.append(p)
    elif inv.amount_before_tax is not None:
        ht = sign * abs(inv.amount_before_tax)
        tax = sign * abs(inv.tax) if inv.tax is not None else None
        code = _infer_code(abs(ht), abs(tax) if tax is not None else None, country)
        line = {"label": inv.invoice_number or "", "amount_before_tax": ht}
        p = {"amount_before_tax": _prov(inv.provenance.get("amount_before_tax")) or Provenance.TEXT}
        if code:
            line["vat_rate"] = code
        line["tax"] = tax if tax is not None else Decimal(0)
        if tax is not None:
            p["tax"] = _prov(inv.provenance.get("tax")) or Provenance.TEXT
        line["amount"] = ht + line["tax"]
        if kind == InvoiceKind.CUSTOMER:
            line["quantity"] = Decimal(1)
            line["unit_price"] = ht
        lines.append(line)
        line_prov.append(p)

    if lines:
        draft = new_draft(kind, **draft.model_dump(exclude={"kind", "lines", "provenance"}), lines=lines)
    for i, p in enumerate(line_prov):
        for key, value in p.items():
            prov[f"lines[{i}].{key}"] = value
    draft.provenance = prov
    return draft
