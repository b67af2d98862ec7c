"""Minimal reading of a Factur-X / ZUGFeRD (CII) e-invoice, for the e-invoice import endpoints.

The XML is taken from the PDF's embedded files (pypdf) or the upload itself when it is XML, and
parsed with defusedxml. Only what the stand-in needs: number, type code, dates, currency, totals,
parties (name, SIREN, VAT number), VAT breakdown and lines.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from defusedxml import ElementTree as ET

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
XML_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml", "order-x.xml")
CREDIT_NOTE_CODES = {"381", "261", "262", "396", "502", "503"}
PERCENT_TO_VAT = {
    Decimal("20"): "FR_200", Decimal("10"): "FR_100", Decimal("5.5"): "FR_55", Decimal("2.1"): "FR_21",
    Decimal("8.5"): "FR_85", Decimal("13"): "FR_130", Decimal("0"): "exempt", Decimal("19.6"): "FR_196",
}


class EInvoiceError(ValueError):
    pass


@dataclass
class Party:
    name: str = ""
    siren: str | None = None
    vat_number: str | None = None


@dataclass
class Line:
    line_id: str
    label: str
    quantity: Decimal
    unit_price: Decimal
    net: Decimal
    rate: Decimal | None


@dataclass
class EInvoice:
    number: str
    type_code: str
    issue_date: str
    due_date: str | None
    currency: str
    net: Decimal
    tax: Decimal
    total: Decimal
    due_payable: Decimal | None
    seller: Party
    buyer: Party
    vat_breakdown: list[tuple[Decimal, Decimal, Decimal]] = field(default_factory=list)  # (rate, basis, tax)
    lines: list[Line] = field(default_factory=list)

    @property
    def credit_note(self) -> bool:
        return self.type_code in CREDIT_NOTE_CODES


def vat_code(rate: Decimal | None) -> str:
    if rate is None:
        return "mixed"
    return PERCENT_TO_VAT.get(rate.normalize() if rate else Decimal("0"), "mixed")


def extract_xml(data: bytes) -> bytes:
    head = data.lstrip()[:64]
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        return data
    if not data.startswith(b"%PDF"):
        raise EInvoiceError("The file is neither a PDF nor an XML document")
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        attachments = reader.attachments
    except Exception as exc:  # pypdf raises many kinds on broken files
        raise EInvoiceError(f"The PDF could not be read: {exc}") from None
    lowered = {name.lower(): contents for name, contents in attachments.items()}
    for name in XML_NAMES:
        if name in lowered and lowered[name]:
            return lowered[name][0]
    for name, contents in lowered.items():
        if name.endswith(".xml") and contents:
            return contents[0]
    raise EInvoiceError("No Factur-X XML is embedded in this PDF")


def _text(node, path: str) -> str | None:
    found = node.find(path, NS) if node is not None else None
    return found.text.strip() if found is not None and found.text else None


def _amount(node, path: str) -> Decimal | None:
    text = _text(node, path)
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise EInvoiceError(f"Invalid amount {text!r} at {path}") from None


def _date(node, path: str) -> str | None:
    text = _text(node, path)
    if not text:
        return None
    if len(text) == 8 and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text[:10]


def _party(node) -> Party:
    if node is None:
        return Party()
    siren = _text(node, "ram:SpecifiedLegalOrganization/ram:ID")
    if siren and siren.isdigit() and len(siren) == 14:
        siren = siren[:9]  # a SIRET where a SIREN is expected
    vat = None
    for reg in node.findall("ram:SpecifiedTaxRegistration/ram:ID", NS):
        if reg.get("schemeID") == "VA" and reg.text:
            vat = reg.text.strip()
    return Party(_text(node, "ram:Name") or "", siren, vat)


def parse(data: bytes) -> EInvoice:
    xml = extract_xml(data)
    try:
        root = ET.fromstring(xml)
    except Exception as exc:
        raise EInvoiceError(f"The embedded XML is not valid: {exc}") from None
    if not root.tag.endswith("CrossIndustryInvoice"):
        raise EInvoiceError("Only Factur-X / ZUGFeRD (CII) e-invoices are supported")
    doc = root.find("rsm:ExchangedDocument", NS)
    trade = root.find("rsm:SupplyChainTradeTransaction", NS)
    agreement = trade.find("ram:ApplicableHeaderTradeAgreement", NS) if trade is not None else None
    settlement = trade.find("ram:ApplicableHeaderTradeSettlement", NS) if trade is not None else None
    summation = settlement.find("ram:SpecifiedTradeSettlementHeaderMonetarySummation", NS) if settlement is not None else None
    number = _text(doc, "ram:ID")
    issue = _date(doc, "ram:IssueDateTime/udt:DateTimeString")
    if not number or not issue or summation is None:
        raise EInvoiceError("The e-invoice lacks its number, issue date or totals")
    net = _amount(summation, "ram:TaxBasisTotalAmount")
    total = _amount(summation, "ram:GrandTotalAmount")
    tax = _amount(summation, "ram:TaxTotalAmount")
    if total is None or net is None:
        raise EInvoiceError("The e-invoice lacks its totals")
    if tax is None:
        tax = total - net
    inv = EInvoice(
        number=number,
        type_code=_text(doc, "ram:TypeCode") or "380",
        issue_date=issue,
        due_date=_date(settlement, "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString"),
        currency=_text(settlement, "ram:InvoiceCurrencyCode") or "EUR",
        net=net, tax=tax, total=total,
        due_payable=_amount(summation, "ram:DuePayableAmount"),
        seller=_party(agreement.find("ram:SellerTradeParty", NS) if agreement is not None else None),
        buyer=_party(agreement.find("ram:BuyerTradeParty", NS) if agreement is not None else None),
    )
    for node in settlement.findall("ram:ApplicableTradeTax", NS):
        rate = _amount(node, "ram:RateApplicablePercent") or Decimal(0)
        inv.vat_breakdown.append((rate, _amount(node, "ram:BasisAmount") or Decimal(0),
                                  _amount(node, "ram:CalculatedAmount") or Decimal(0)))
    for item in trade.findall("ram:IncludedSupplyChainTradeLineItem", NS):
        inv.lines.append(Line(
            line_id=_text(item, "ram:AssociatedDocumentLineDocument/ram:LineID") or str(len(inv.lines) + 1),
            label=_text(item, "ram:SpecifiedTradeProduct/ram:Name") or "",
            quantity=_amount(item, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity") or Decimal(1),
            unit_price=_amount(item, "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount") or Decimal(0),
            net=_amount(item, "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount") or Decimal(0),
            rate=_amount(item, "ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax/ram:RateApplicablePercent"),
        ))
    return inv


def invoice_lines(inv: EInvoice) -> list[dict]:
    """Pennylane-style lines (amounts incl. tax) that balance with the header totals.

    The XML's own lines when their computed VAT matches the header; else one line per VAT rate of
    the breakdown; else (MINIMUM profile) one line for the whole invoice."""
    cent = Decimal("0.01")
    candidates: list[dict] = []
    if inv.lines:
        for line in inv.lines:
            rate = line.rate or Decimal(0)
            line_tax = (line.net * rate / 100).quantize(cent)
            candidates.append({
                "e_invoice_line_id": line.line_id, "label": line.label or f"Ligne {line.line_id}",
                "currency_amount": line.net + line_tax, "currency_tax": line_tax, "vat_rate": vat_code(rate),
                "quantity": line.quantity, "unit_price": line.unit_price,
            })
        tolerance = cent * len(candidates)
        if (abs(sum(c["currency_tax"] for c in candidates) - inv.tax) <= tolerance
                and abs(sum(c["currency_amount"] for c in candidates) - inv.total) <= tolerance):
            return candidates
    if inv.vat_breakdown:
        return [{
            "e_invoice_line_id": None, "label": f"TVA {rate.normalize()} %",
            "currency_amount": basis + tax, "currency_tax": tax, "vat_rate": vat_code(rate),
            "quantity": Decimal(1), "unit_price": basis,
        } for rate, basis, tax in inv.vat_breakdown]
    rate = (inv.tax / inv.net * 100).quantize(Decimal("0.1")) if inv.net else Decimal(0)
    code = vat_code(rate)
    return [{
        "e_invoice_line_id": None, "label": inv.number, "currency_amount": inv.total, "currency_tax": inv.tax,
        "vat_rate": code, "quantity": Decimal(1), "unit_price": inv.net,
    }]
