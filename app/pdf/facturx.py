"""Embedded e-invoice XML: find it among a PDF's attachments, parse it safely, map it.

* Finding: the usual names (``factur-x.xml``, ``zugferd-invoice.xml``, ``ZUGFeRD-invoice.xml``,
  ``xrechnung.xml``) first, then any attachment whose root element is a CII
  ``CrossIndustryInvoice`` (or ZUGFeRD 1 ``CrossIndustryDocument``) or a UBL ``Invoice`` /
  ``CreditNote``.
* Parsing: defusedxml with DTDs, entities and external references forbidden. A bomb or an
  external entity raises :class:`UnsafeXml`; malformed XML raises :class:`InvalidXml`.
* Mapping: namespaces are stripped after parsing and elements are found by local name, which
  also covers ZUGFeRD 1.0 (different namespace and a few different element names).

Amounts stay positive as in the XML; the credit-note nature is :attr:`ExtractedInvoice.kind`.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Iterable
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from app.domain.bounds import MAX_IDENTIFIER_CHARS, MAX_LABEL_CHARS, MAX_NAME_CHARS, OutOfBounds, read_number, read_string
from app.domain.identifiers import is_valid_iban, normalize_iban, normalize_vat_number
from app.domain.invoice import Party
from app.domain.text import Text
from app.domain.vat import code_for_rate
from app.pdf.extracted import ExtractedInvoice, ExtractedLine, VatBreakdown

KNOWN_NAMES = ("factur-x.xml", "zugferd-invoice.xml", "zugferd-invoice.xml", "xrechnung.xml")
MAX_XML_SIZE = 20 * 1024 * 1024

CII_NS = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
UBL_INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"

# UNTDID 1001 document types (EN 16931 subsets): credit notes; everything else is an invoice.
CREDIT_NOTE_CODES = {"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"}
INVOICE_CODES = {
    "80", "82", "84", "130", "202", "203", "204", "211", "218", "219", "295", "325", "326", "331",
    "380", "382", "383", "384", "385", "386", "387", "388", "389", "390", "393", "394", "395",
    "456", "457", "527", "575", "623", "633", "751", "780", "875", "876", "877", "935",
}


class XmlProblem(Exception):
    """The embedded XML could not be used."""


class UnsafeXml(XmlProblem):
    """DTD / entity declarations / external references: refused (XML bomb, XXE)."""


class InvalidXml(XmlProblem):
    """Not well-formed, or not an invoice we understand. ``text``: the reason in French and
    English when there is one for people (a value out of bounds), else None (the message is
    technical: a parser's)."""

    def __init__(self, message: str, text: Text | None = None) -> None:
        super().__init__(message)
        self.text = text


# --- finding -----------------------------------------------------------------------------------

def is_known_name(name: str) -> bool:
    return name.strip().lower() in KNOWN_NAMES


def candidate_order(names: Iterable[str]) -> list[str]:
    """Attachment names worth a look, best first: known names, then other .xml files."""
    names = list(dict.fromkeys(names))
    known = [n for n in names if is_known_name(n)]
    known.sort(key=lambda n: KNOWN_NAMES.index(n.strip().lower()))
    xmls = [n for n in names if n not in known and n.lower().endswith(".xml")]
    others = [n for n in names if n not in known and n not in xmls]
    return known + xmls + others


def root_kind(data: bytes) -> str | None:
    """'cii' | 'ubl' | None from the first bytes, without parsing (cheap pre-filter)."""
    head = data[:4096]
    if b"CrossIndustryInvoice" in head or b"CrossIndustryDocument" in head:
        return "cii"
    if UBL_INVOICE_NS.encode() in head or UBL_CREDIT_NOTE_NS.encode() in head:
        return "ubl"
    if re.search(rb"<(\w+:)?(Invoice|CreditNote)[\s>]", head):
        return "ubl"
    return None


# --- parsing -----------------------------------------------------------------------------------

def parse_xml(data: bytes) -> Element:
    if len(data) > MAX_XML_SIZE:
        raise InvalidXml(f"XML too large ({len(data)} bytes)")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeXml(type(exc).__name__) from exc
    except (ParseError, ValueError, RecursionError) as exc:
        raise InvalidXml(f"{type(exc).__name__}: {exc}") from exc
    return root


def _strip_namespaces(root: Element) -> str:
    """Turn '{ns}Tag' into 'Tag' everywhere (attributes too); return the root's namespace."""
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = el.tag.split("}", 1)[1]
        if el.attrib:
            for key in [k for k in el.attrib if k.startswith("{")]:
                el.attrib[key.split("}", 1)[1]] = el.attrib.pop(key)
    return ns


def document_kind(root: Element) -> str | None:
    local = root.tag.split("}", 1)[-1]
    if local in ("CrossIndustryInvoice", "CrossIndustryDocument"):
        return "cii"
    if local in ("Invoice", "CreditNote"):
        return "ubl"
    return None


def extract(data: bytes) -> tuple[str, str | None, ExtractedInvoice]:
    """Parse and map one XML document → (syntax 'cii'|'ubl', profile, invoice).

    Raises :class:`UnsafeXml` or :class:`InvalidXml`.
    """
    root = parse_xml(data)
    kind = document_kind(root)
    if kind is None:
        raise InvalidXml(f"root element {root.tag!r} is neither CII nor UBL")
    _strip_namespaces(root)
    try:
        if kind == "cii":
            profile, invoice = map_cii(root)
        else:
            profile, invoice = map_ubl(root)
    except RecursionError as exc:  # pragma: no cover - defensive
        raise InvalidXml("nested too deeply") from exc
    except OutOfBounds as exc:  # one value past its bound: the XML is not used, and the note says why
        raise InvalidXml(str(exc), exc.text) from None
    return kind, profile, invoice


# --- small helpers -----------------------------------------------------------------------------

def _first(el: Element | None, *paths: str) -> Element | None:
    if el is None:
        return None
    for path in paths:
        found = el.find(path)
        if found is not None:
            return found
    return None


def _text(el: Element | None, *paths: str, limit: int = MAX_LABEL_CHARS) -> str | None:
    """An element's text, cleaned and bounded (:func:`app.domain.bounds.read_string`: raises
    :class:`~app.domain.bounds.OutOfBounds` past ``limit`` characters)."""
    found = _first(el, *paths) if paths else el
    if found is None or found.text is None:
        return None
    value = read_string(found.text, limit, _tag(found))
    return value or None


def _tag(el: Element) -> str:
    return el.tag if isinstance(el.tag, str) else ""


def _dec(el: Element | None, *paths: str) -> Decimal | None:
    """An element's number, bounded (:func:`app.domain.bounds.read_number`: raises
    :class:`~app.domain.bounds.OutOfBounds` for NaN, 1E999999999, 30 digits, ١٢٠...)."""
    found = _first(el, *paths) if paths else el
    if found is None or found.text is None or not found.text.strip():
        return None
    return read_number(found.text, _tag(found))


def _cii_date(el: Element | None) -> date | None:
    """udt:DateTimeString (format 102 = YYYYMMDD; lenient on ISO)."""
    if el is None:
        return None
    s = _text(el.find("DateTimeString")) or _text(el) or ""
    return _parse_date(s)


def _parse_date(s: str | None) -> date | None:
    if not s:
        return None
    s = s.strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?", s)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def kind_for_type_code(code: str | None) -> str | None:
    if not code:
        return None
    if code in CREDIT_NOTE_CODES:
        return "credit_note"
    return "invoice"  # 380, 384 corrected, 386 prepayment, 389 self-billed, unknown codes...


PROFILES: list[tuple[str, str]] = [
    # most specific first; matched on the lower-cased URN with ':' and '#' treated alike
    ("extended-ctc-fr", "EXTENDED-CTC-FR"),
    ("extended", "EXTENDED"),
    ("xrechnung", "XRECHNUNG"),
    ("basicwl", "BASIC WL"),
    ("basic", "BASIC"),
    ("minimum", "MINIMUM"),
    ("comfort", "EN 16931"),  # ZUGFeRD 1 COMFORT ≈ EN 16931
    ("peppol", "PEPPOL BIS 3"),
    ("en16931", "EN 16931"),
]


def profile_name(urn: str | None) -> str | None:
    if not urn:
        return None
    low = urn.lower()
    for needle, name in PROFILES:
        if needle in low:
            return name
    return urn  # unknown: keep the URN so a person can see it


def _legal_ids(party: Party, value: str | None, scheme: str | None) -> None:
    """Fill SIREN / SIRET from a legal id. 0002 = SIREN, 0009 = SIRET; a 14-digit id where a
    SIREN is expected gives both (the SIREN is its first 9 digits)."""
    if not value:
        return
    digits = re.sub(r"[\s.]", "", value)
    scheme = (scheme or "").strip()
    if not digits.isdigit():
        return
    if scheme and scheme not in ("0002", "0009", "0225", "SIREN", "SIRET"):
        return  # a foreign registry (e.g. 0088 GLN, 0204 Leitweg): not a French id
    if len(digits) == 14:
        party.siret = party.siret or digits
        party.siren = party.siren or digits[:9]
    elif len(digits) == 9:
        party.siren = party.siren or digits


def _vat(party: Party, value: str | None) -> None:
    if value and not party.vat_number:
        party.vat_number = normalize_vat_number(value)


def _address(party: Party, addr: Element | None, street: tuple[str, ...], postal_code: str, country: str) -> None:
    """Fill the party's address from a CII ``PostalTradeAddress`` / UBL ``PostalAddress``."""
    if addr is None:
        return
    lines = [_text(addr, t) for t in street]
    party.address = ", ".join(x for x in lines if x) or None
    party.postal_code = _text(addr, postal_code)
    party.city = _text(addr, "CityName")
    party.country = _text(addr, country)


# --- CII ---------------------------------------------------------------------------------------

def _cii_party(el: Element | None) -> Party:
    party = Party()
    if el is None:
        return party
    party.name = _text(el, "Name", limit=MAX_NAME_CHARS)
    for legal in el.findall("SpecifiedLegalOrganization/ID"):
        _legal_ids(party, _text(legal), legal.get("schemeID") or "0002")
    for gid in el.findall("GlobalID"):
        if gid.get("schemeID") in ("0002", "0009"):
            _legal_ids(party, _text(gid), gid.get("schemeID"))
    for reg in el.findall("SpecifiedTaxRegistration/ID"):
        if (reg.get("schemeID") or "VA").upper() == "VA":
            _vat(party, _text(reg))
    _address(party, el.find("PostalTradeAddress"), ("LineOne", "LineTwo", "LineThree"), "PostcodeCode", "CountryID")
    return party


def _amount_in(elements: list[Element], currency: str | None) -> Decimal | None:
    """Of several amounts (TaxTotalAmount may appear in two currencies), the one in ``currency``."""
    if not elements:
        return None
    chosen = None
    if currency:
        chosen = next((e for e in elements if e.get("currencyID") == currency), None)
    if chosen is None:
        chosen = next((e for e in elements if not e.get("currencyID")), elements[0])
    return _dec(chosen)


def map_cii(root: Element) -> tuple[str | None, ExtractedInvoice]:
    inv = ExtractedInvoice()
    ctx = _first(root, "ExchangedDocumentContext", "SpecifiedExchangedDocumentContext")
    profile = profile_name(_text(ctx, "GuidelineSpecifiedDocumentContextParameter/ID"))
    doc = _first(root, "ExchangedDocument", "HeaderExchangedDocument")
    inv.invoice_number = _text(doc, "ID", limit=MAX_IDENTIFIER_CHARS)
    inv.type_code = _text(doc, "TypeCode")
    inv.kind = kind_for_type_code(inv.type_code)
    inv.date = _cii_date(_first(doc, "IssueDateTime"))

    tx = _first(root, "SupplyChainTradeTransaction", "SpecifiedSupplyChainTradeTransaction")
    agreement = _first(tx, "ApplicableHeaderTradeAgreement", "ApplicableSupplyChainTradeAgreement")
    settlement = _first(tx, "ApplicableHeaderTradeSettlement", "ApplicableSupplyChainTradeSettlement")
    inv.seller = _cii_party(_first(agreement, "SellerTradeParty"))
    inv.buyer = _cii_party(_first(agreement, "BuyerTradeParty"))

    if settlement is not None:
        inv.currency = _text(settlement, "InvoiceCurrencyCode")
        for means in settlement.findall("SpecifiedTradeSettlementPaymentMeans"):
            iban = _text(means, "PayeePartyCreditorFinancialAccount/IBANID")
            if iban:
                inv.seller.iban = normalize_iban(iban)
                break
        for terms in settlement.findall("SpecifiedTradePaymentTerms"):
            due = _cii_date(terms.find("DueDateDateTime"))
            if due:
                inv.deadline = due
                break
        summation = _first(
            settlement,
            "SpecifiedTradeSettlementHeaderMonetarySummation",
            "SpecifiedTradeSettlementMonetarySummation",
        )
        if summation is not None:
            inv.amount_before_tax = _dec(summation, "TaxBasisTotalAmount")
            inv.tax = _amount_in(summation.findall("TaxTotalAmount"), inv.currency)
            inv.amount = _dec(summation, "GrandTotalAmount")
            inv.amount_due = _dec(summation, "DuePayableAmount")
        for tax in settlement.findall("ApplicableTradeTax"):
            type_code = _text(tax, "TypeCode")
            if type_code and type_code.upper() != "VAT":
                continue
            rate = _dec(tax, "RateApplicablePercent", "ApplicablePercent")
            category = _text(tax, "CategoryCode")
            inv.vat_breakdown.append(
                VatBreakdown(
                    vat_rate=rate,
                    category=category,
                    base=_dec(tax, "BasisAmount"),
                    tax=_dec(tax, "CalculatedAmount"),
                    vat_code=code_for_rate(rate, category=category),
                )
            )

    for item in tx.findall("IncludedSupplyChainTradeLineItem") if tx is not None else []:
        line_agreement = _first(item, "SpecifiedLineTradeAgreement", "SpecifiedSupplyChainTradeAgreement")
        delivery = _first(item, "SpecifiedLineTradeDelivery", "SpecifiedSupplyChainTradeDelivery")
        line_settlement = _first(item, "SpecifiedLineTradeSettlement", "SpecifiedSupplyChainTradeSettlement")
        qty_el = _first(delivery, "BilledQuantity")
        price_el = _first(line_agreement, "NetPriceProductTradePrice")
        unit_price = _dec(price_el, "ChargeAmount")
        basis_qty = _dec(price_el, "BasisQuantity")
        if unit_price is not None and basis_qty not in (None, Decimal(0), Decimal(1)):
            unit_price = unit_price / basis_qty
        line_tax = _first(line_settlement, "ApplicableTradeTax")
        rate = _dec(line_tax, "RateApplicablePercent", "ApplicablePercent")
        category = _text(line_tax, "CategoryCode")
        inv.lines.append(
            ExtractedLine(
                line_id=_text(item, "AssociatedDocumentLineDocument/LineID"),
                label=_text(item, "SpecifiedTradeProduct/Name"),
                quantity=_dec(qty_el),
                unit_price=unit_price,
                unit=qty_el.get("unitCode") if qty_el is not None else None,
                amount_before_tax=_dec(
                    line_settlement,
                    "SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount",
                    "SpecifiedTradeSettlementMonetarySummation/LineTotalAmount",
                ),
                vat_rate=rate,
                vat_category=category,
                vat_code=code_for_rate(rate, category=category),
            )
        )
    _finish(inv)
    return profile, inv


# --- UBL ---------------------------------------------------------------------------------------

def _ubl_party(el: Element | None) -> Party:
    party = Party()
    if el is None:
        return party
    party.name = _text(el, "PartyName/Name", limit=MAX_NAME_CHARS) or _text(
        el, "PartyLegalEntity/RegistrationName", limit=MAX_NAME_CHARS
    )
    for company in el.findall("PartyLegalEntity/CompanyID"):
        _legal_ids(party, _text(company), company.get("schemeID") or "0002")
    for ident in el.findall("PartyIdentification/ID"):
        if ident.get("schemeID") in ("0002", "0009", "SIRET", "SIREN"):
            _legal_ids(party, _text(ident), ident.get("schemeID"))
    for scheme in el.findall("PartyTaxScheme"):
        if (_text(scheme, "TaxScheme/ID") or "VAT").upper() == "VAT":
            _vat(party, _text(scheme, "CompanyID"))
    _address(
        party, el.find("PostalAddress"), ("StreetName", "AdditionalStreetName", "AddressLine/Line"), "PostalZone",
        "Country/IdentificationCode",
    )
    return party


def map_ubl(root: Element) -> tuple[str | None, ExtractedInvoice]:
    inv = ExtractedInvoice()
    credit = root.tag.endswith("CreditNote")
    profile = profile_name(_text(root, "CustomizationID"))
    inv.invoice_number = _text(root, "ID", limit=MAX_IDENTIFIER_CHARS)
    inv.type_code = _text(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode") or ("381" if credit else "380")
    inv.kind = kind_for_type_code(inv.type_code)
    inv.date = _parse_date(_text(root, "IssueDate"))
    inv.deadline = _parse_date(_text(root, "DueDate") or _text(root, "PaymentMeans/PaymentDueDate"))
    inv.currency = _text(root, "DocumentCurrencyCode")
    inv.seller = _ubl_party(_first(root, "AccountingSupplierParty/Party"))
    inv.buyer = _ubl_party(_first(root, "AccountingCustomerParty/Party"))
    for means in root.findall("PaymentMeans"):
        account = _text(means, "PayeeFinancialAccount/ID")
        if account and is_valid_iban(account):
            inv.seller.iban = normalize_iban(account)
            break
    totals = root.find("LegalMonetaryTotal")
    inv.amount_before_tax = _dec(totals, "TaxExclusiveAmount")
    inv.amount = _dec(totals, "TaxInclusiveAmount")
    inv.amount_due = _dec(totals, "PayableAmount")
    tax_totals = root.findall("TaxTotal")
    chosen = None
    if tax_totals:
        chosen = next(
            (t for t in tax_totals if (t.find("TaxAmount") is not None and t.find("TaxAmount").get("currencyID") == inv.currency)),
            tax_totals[0],
        )
        inv.tax = _dec(chosen, "TaxAmount")
    for tt in tax_totals:
        for sub in tt.findall("TaxSubtotal"):
            if (_text(sub, "TaxCategory/TaxScheme/ID") or "VAT").upper() != "VAT":
                continue
            rate = _dec(sub, "TaxCategory/Percent")
            category = _text(sub, "TaxCategory/ID")
            inv.vat_breakdown.append(
                VatBreakdown(rate, category, _dec(sub, "TaxableAmount"), _dec(sub, "TaxAmount"), code_for_rate(rate, category=category))
            )
    for item in root.findall("CreditNoteLine" if credit else "InvoiceLine"):
        qty_el = _first(item, "CreditedQuantity", "InvoicedQuantity")
        unit_price = _dec(item, "Price/PriceAmount")
        base_qty = _dec(item, "Price/BaseQuantity")
        if unit_price is not None and base_qty not in (None, Decimal(0), Decimal(1)):
            unit_price = unit_price / base_qty
        rate = _dec(item, "Item/ClassifiedTaxCategory/Percent")
        category = _text(item, "Item/ClassifiedTaxCategory/ID")
        inv.lines.append(
            ExtractedLine(
                line_id=_text(item, "ID"),
                label=_text(item, "Item/Name") or _text(item, "Item/Description"),
                quantity=_dec(qty_el),
                unit_price=unit_price,
                unit=qty_el.get("unitCode") if qty_el is not None else None,
                amount_before_tax=_dec(item, "LineExtensionAmount"),
                vat_rate=rate,
                vat_category=category,
                vat_code=code_for_rate(rate, category=category),
            )
        )
    _finish(inv)
    return profile, inv


# --- common ------------------------------------------------------------------------------------

_AMOUNT_FIELDS = ("amount_before_tax", "tax", "amount", "amount_due")


def _finish(inv: ExtractedInvoice) -> None:
    """Sign convention and provenance.

    Amounts are kept positive; the sign lives in ``kind``. An *invoice* whose grand total is
    negative is in substance a credit note: it becomes one and its amounts are made positive.
    A *credit note* written with negative amounts (a common generator mistake) keeps its kind
    and gets positive amounts.
    """
    total = inv.amount if inv.amount is not None else inv.amount_before_tax
    if total is not None and total < 0:
        if inv.kind == "invoice":
            inv.kind = "credit_note"
        for name in _AMOUNT_FIELDS:
            value = getattr(inv, name)
            if value is not None:
                setattr(inv, name, -value)
        for vb in inv.vat_breakdown:
            vb.base = -vb.base if vb.base is not None else None
            vb.tax = -vb.tax if vb.tax is not None else None
        for line in inv.lines:
            if line.amount_before_tax is not None:
                line.amount_before_tax = -line.amount_before_tax
    country = inv.seller.country
    for item in (*inv.vat_breakdown, *inv.lines):
        rate = item.vat_rate
        category = item.category if isinstance(item, VatBreakdown) else item.vat_category
        item.vat_code = code_for_rate(rate, country, category)
    for name in ("kind", "invoice_number", "date", "deadline", "currency", *_AMOUNT_FIELDS):
        if getattr(inv, name) is not None:
            inv.provenance[name] = "xml"
    inv.mark_found("xml")
