"""Demo invoices for the stand-in's demo company, and the project's one PDF generator (pypdf only).

Two layers:

* **Primitives** (used by the tests and benchmarks too, so there is one way to make a PDF):
  :class:`Page` draws text (the standard Type1 fonts Helvetica / Helvetica-Bold in WinAnsiEncoding,
  so French accents and "€" render and survive text extraction), rules and rectangles into a
  content stream; :func:`pdf_writer` / :func:`write_pdf` turn pages into a PDF (with attachments
  and metadata); :func:`text_pdf` writes pages of plain lines. :class:`Invoice` (with
  :class:`Party` and :class:`Line`) is an invoice's data; :func:`cii_xml` builds its Factur-X
  (CII, EN 16931) XML, :func:`render_invoice` draws it as a one-page A4 invoice (parties with
  addresses, a line table, a totals block, payment terms, legal footer) and :func:`invoice_pdf`
  writes the PDF, with ``factur-x.xml`` embedded or as a plain PDF.
* **The demo set**: :func:`sample_specs` / :func:`write_samples` — invoices addressed to (or, for
  the sale, sent by) the seeded demo company "Atelier Demo SAS", from seeded suppliers whose
  SIREN, VAT number and IBAN are the stand-in's own (read from :mod:`app.standin.seed`, which is
  deterministic), so that a newcomer can try the app in demo mode without any PDF at hand.

Qt-free (the UI calls :func:`write_samples` in a worker).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from app.domain.money import format_amount, round_money

__all__ = [
    "A4", "Page", "text_width", "pdf_writer", "write_pdf", "lines_page", "text_pdf",
    "Party", "Line", "Invoice", "cii_xml", "render_invoice", "invoice_pdf",
    "DemoBook", "demo_book", "Sample", "sample_specs", "write_samples",
]  # fmt: skip

A4 = (595, 842)
EN16931 = "urn:cen.eu:en16931:2017"
ZERO = Decimal(0)

# --- fonts -------------------------------------------------------------------------------------

# Advance widths (1/1000 em) of the printable ASCII characters 32..126 (Adobe's core AFM files).
_ASCII_WIDTHS = {
    False: (
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
        556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
        722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
        278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ),
    True: (
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
        556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778,
        722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333,
        278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ),
}  # fmt: skip
# Non-ASCII characters whose width is not their base letter's (accented letters are).
_OTHER_WIDTHS = {
    False: {"€": 556, "«": 556, "»": 556, "°": 400, "œ": 944, "Œ": 1000, "–": 556, "—": 1000, "’": 222,
            "‘": 222, "·": 278, "×": 584, "…": 1000, "\xa0": 278, "ß": 611, "æ": 889, "Æ": 1000},
    True: {"€": 556, "«": 556, "»": 556, "°": 400, "œ": 944, "Œ": 1000, "–": 556, "—": 1000, "’": 278,
           "‘": 278, "·": 278, "×": 584, "…": 1000, "\xa0": 278, "ß": 611, "æ": 889, "Æ": 1000},
}  # fmt: skip


def _char_width(ch: str, bold: bool) -> int:
    code = ord(ch)
    if 32 <= code <= 126:
        return _ASCII_WIDTHS[bold][code - 32]
    if ch in _OTHER_WIDTHS[bold]:
        return _OTHER_WIDTHS[bold][ch]
    base = unicodedata.normalize("NFKD", ch)[:1]
    if base and 32 <= ord(base) <= 126:
        return _ASCII_WIDTHS[bold][ord(base) - 32]
    return 556


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in Helvetica (or Helvetica-Bold) at ``size``."""
    return sum(_char_width(ch, bold) for ch in text) * size / 1000


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _num(value: float) -> bytes:
    return (f"{value:.2f}".rstrip("0").rstrip(".") or "0").encode()


def _color(color, stroke: bool = False) -> bytes:
    if isinstance(color, tuple):
        return b" ".join(_num(c) for c in color) + (b" RG" if stroke else b" rg")
    return _num(color) + (b" G" if stroke else b" g")


# --- pages and PDF files -----------------------------------------------------------------------


class Page:
    """One page's drawing: text, rules and rectangles, in the order drawn (which is also the
    order in which a text extractor reads the text of a line)."""

    def __init__(self, width: float = A4[0], height: float = A4[1]) -> None:
        self.width = width
        self.height = height
        self._ops: list[bytes] = []

    def text(self, x: float, y: float, text: str, *, size: float = 9, bold: bool = False,
             align: str = "left", color=0.0, max_width: float | None = None) -> float:
        """Draw one line of text with its baseline at ``y``; ``x`` is its left, right or centre
        (``align``). Too wide for ``max_width``: cut with "…". Returns the width drawn."""
        if max_width is not None and text_width(text, size, bold) > max_width:
            while text and text_width(text + "…", size, bold) > max_width:
                text = text[:-1]
            text = text.rstrip() + "…"
        width = text_width(text, size, bold)
        if align == "right":
            x -= width
        elif align == "center":
            x -= width / 2
        font = b"/F2" if bold else b"/F1"
        op = b"BT " + font + b" " + _num(size) + b" Tf 1 0 0 1 " + _num(x) + b" " + _num(y) + b" Tm (" + _escape(text) + b") Tj ET"
        if color not in (0, 0.0):
            op = b"q " + _color(color) + b" " + op + b" Q"
        self._ops.append(op)
        return width

    def lines(self, lines: list[str], *, x: float = 50, y: float = 800, size: float = 10, leading: float = 14) -> None:
        """Plain lines, one under the other, in one text object (the simplest text PDF)."""
        out = [b"BT /F1 " + _num(size) + b" Tf " + _num(leading) + b" TL " + _num(x) + b" " + _num(y) + b" Td"]
        out += [b"(" + _escape(line) + b") Tj T*" for line in lines]
        out.append(b"ET")
        self._ops.append(b"\n".join(out))

    def rule(self, x1: float, y1: float, x2: float, y2: float, *, width: float = 0.5, color=0.0) -> None:
        self._ops.append(b"q " + _num(width) + b" w " + _color(color, stroke=True) + b" " + _num(x1) + b" " + _num(y1)
                         + b" m " + _num(x2) + b" " + _num(y2) + b" l S Q")

    def rect(self, x: float, y: float, w: float, h: float, *, fill=None, stroke=None, width: float = 0.5) -> None:
        """A rectangle from its lower-left corner; filled and/or stroked (grey level or RGB)."""
        if fill is None and stroke is None:
            return
        ops = [b"q"]
        if fill is not None:
            ops.append(_color(fill))
        if stroke is not None:
            ops += [_num(width) + b" w", _color(stroke, stroke=True)]
        ops.append(b" ".join(_num(v) for v in (x, y, w, h)) + b" re")
        ops.append(b"B" if fill is not None and stroke is not None else (b"f" if fill is not None else b"S"))
        ops.append(b"Q")
        self._ops.append(b" ".join(ops))

    def content(self) -> bytes:
        return b"\n".join(self._ops)


def _font(writer: PdfWriter, base: str):
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/" + base),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))  # fmt: skip


def pdf_writer(pages: list[Page], *, attachments: dict[str, bytes] | None = None,
               metadata: dict[str, str] | None = None) -> PdfWriter:
    """A :class:`pypdf.PdfWriter` holding ``pages`` (at least one, blank if none), the embedded
    files ``attachments`` and the document information ``metadata`` ("Title" or "/Title"...)."""
    writer = PdfWriter()
    fonts = DictionaryObject({NameObject("/F1"): _font(writer, "Helvetica"),
                              NameObject("/F2"): _font(writer, "Helvetica-Bold")})
    for page in pages or [Page()]:
        pdf_page = writer.add_blank_page(page.width, page.height)
        pdf_page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        stream = DecodedStreamObject()
        stream.set_data(page.content())
        pdf_page[NameObject("/Contents")] = writer._add_object(stream)
    for name, data in (attachments or {}).items():
        writer.add_attachment(name, data)
    if metadata:
        writer.add_metadata({(k if k.startswith("/") else "/" + k): v for k, v in metadata.items()})
    return writer


def write_pdf(path: str | Path, pages: list[Page], **kw) -> Path:
    """Write ``pages`` to ``path`` (see :func:`pdf_writer` for the keywords)."""
    path = Path(path)
    with path.open("wb") as fh:
        pdf_writer(pages, **kw).write(fh)
    return path


def lines_page(lines: list[str], *, size: float = 10, leading: float = 14) -> Page:
    page = Page()
    page.lines(list(lines), x=50, y=800, size=size, leading=leading)
    return page


def text_pdf(path: str | Path, pages: list[list[str]], *, size: float = 10, leading: float = 14, **kw) -> Path:
    """A PDF whose pages show plain lines of text (Helvetica, from the top left)."""
    return write_pdf(path, [lines_page(lines, size=size, leading=leading) for lines in pages], **kw)


# --- invoices: data and Factur-X (CII) XML ------------------------------------------------------


@dataclass(frozen=True)
class Party:
    name: str
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "FR"
    siren: str | None = None  # written with schemeID 0002 (a 14-digit value is read as a SIRET)
    siret: str | None = None  # written with schemeID 0009 when there is no SIREN
    vat: str | None = None
    iban: str | None = None
    email: str | None = None
    legal: str = ""  # legal form and capital for the footer: "SARL au capital de 20 000 €"


@dataclass(frozen=True)
class Line:
    label: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal = Decimal(20)  # percent
    unit: str = "C62"  # UN/ECE rec. 20: C62 one, HUR hour, DAY day, KGM kilogram

    @property
    def net(self) -> Decimal:
        return round_money(Decimal(self.quantity) * Decimal(self.unit_price))


@dataclass(frozen=True)
class Invoice:
    """An invoice's data. Totals are computed from the lines, per VAT rate; ``declared_*`` make
    the header say something else (a deliberately inconsistent document)."""

    number: str
    issue: date
    seller: Party
    buyer: Party
    lines: tuple[Line, ...]
    due: date | None = None
    type_code: str = "380"  # 381: credit note
    currency: str = "EUR"
    profile: str = EN16931
    prepaid: Decimal = ZERO
    declared_net: Decimal | None = None
    declared_tax: Decimal | None = None
    extra_tax_totals: tuple[tuple[str, Decimal], ...] = ()  # the VAT total in another currency (BT-111)
    preceding_invoice: str | None = None  # a credit note's invoice (BT-25)
    subject: str = ""
    payment_terms: str = ""

    @property
    def credit_note(self) -> bool:
        return self.type_code in ("381", "261", "262", "396")

    @property
    def lines_net(self) -> Decimal:
        return sum((line.net for line in self.lines), ZERO)

    def breakdown(self) -> list[tuple[Decimal, Decimal, Decimal]]:
        """(rate, base, tax) per VAT rate, highest rate first, as the header declares them."""
        bases: dict[Decimal, Decimal] = {}
        for line in self.lines:
            rate = Decimal(line.vat_rate)
            bases[rate] = bases.get(rate, ZERO) + line.net
        rows = [[rate, base, round_money(base * rate / 100)] for rate, base in sorted(bases.items(), reverse=True)]
        if not rows:
            rows = [[Decimal(20), ZERO, ZERO]]
        if self.declared_net is not None:
            rows[-1][1] += Decimal(self.declared_net) - self.lines_net
            rows[-1][2] = round_money(rows[-1][1] * rows[-1][0] / 100)
        if self.declared_tax is not None:
            rows[-1][2] += Decimal(self.declared_tax) - sum(r[2] for r in rows)
        return [(rate, base, tax) for rate, base, tax in rows]

    @property
    def net(self) -> Decimal:
        return Decimal(self.declared_net) if self.declared_net is not None else self.lines_net

    @property
    def tax(self) -> Decimal:
        return sum((tax for _, _, tax in self.breakdown()), ZERO)

    @property
    def total(self) -> Decimal:
        return self.net + self.tax

    @property
    def due_payable(self) -> Decimal:
        return self.total - self.prepaid


def _amount(value: Decimal) -> str:
    return format(round_money(Decimal(value)), "f")


def _plain(value: Decimal) -> str:
    """A rate or a quantity without trailing zeros: 20, 5.5, 2."""
    text = format(Decimal(value).normalize(), "f")
    return text


def _price(value: Decimal) -> str:
    value = Decimal(value)
    return _amount(value) if value == round_money(value) else _plain(value)


def _ymd(day: date) -> str:
    return day.strftime("%Y%m%d")


def _cii_party(tag: str, party: Party) -> str:
    out = [f"   <ram:{tag}><ram:Name>{escape(party.name)}</ram:Name>"]
    if party.siren:
        out.append(f'    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{escape(party.siren)}</ram:ID></ram:SpecifiedLegalOrganization>')
    elif party.siret:
        out.append(f'    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0009">{escape(party.siret)}</ram:ID></ram:SpecifiedLegalOrganization>')
    if party.street or party.postal_code or party.city:
        address = ["    <ram:PostalTradeAddress>"]
        if party.postal_code:
            address.append(f"<ram:PostcodeCode>{escape(party.postal_code)}</ram:PostcodeCode>")
        if party.street:
            address.append(f"<ram:LineOne>{escape(party.street)}</ram:LineOne>")
        if party.city:
            address.append(f"<ram:CityName>{escape(party.city)}</ram:CityName>")
        address.append(f"<ram:CountryID>{escape(party.country)}</ram:CountryID></ram:PostalTradeAddress>")
        out.append("".join(address))
    if party.email:
        out.append(f'    <ram:URIUniversalCommunication><ram:URIID schemeID="EM">{escape(party.email)}</ram:URIID></ram:URIUniversalCommunication>')
    if party.vat:
        out.append(f'    <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{escape(party.vat)}</ram:ID></ram:SpecifiedTaxRegistration>')
    out.append(f"   </ram:{tag}>")
    return "\n".join(out)


def _cii_line(n: int, line: Line) -> str:
    return f"""  <ram:IncludedSupplyChainTradeLineItem>
   <ram:AssociatedDocumentLineDocument><ram:LineID>{n}</ram:LineID></ram:AssociatedDocumentLineDocument>
   <ram:SpecifiedTradeProduct><ram:Name>{escape(line.label)}</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>{_price(line.unit_price)}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
   <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode={quoteattr(line.unit)}>{_plain(line.quantity)}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
   <ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>{"S" if line.vat_rate else "E"}</ram:CategoryCode><ram:RateApplicablePercent>{_plain(line.vat_rate)}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
    <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{_amount(line.net)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
"""


def cii_xml(invoice: Invoice) -> bytes:
    """The invoice as Factur-X / ZUGFeRD CII XML (EN 16931 elements, in the schema's order)."""
    inv = invoice
    cur = escape(inv.currency)
    settlement = [f"   <ram:InvoiceCurrencyCode>{cur}</ram:InvoiceCurrencyCode>"]
    if inv.seller.iban:
        settlement.append(
            "   <ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount>"
            f"<ram:IBANID>{escape(inv.seller.iban)}</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>")
    for rate, base, tax in inv.breakdown():
        settlement.append(
            f"   <ram:ApplicableTradeTax><ram:CalculatedAmount>{_amount(tax)}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>"
            f"<ram:BasisAmount>{_amount(base)}</ram:BasisAmount><ram:CategoryCode>{'S' if rate else 'E'}</ram:CategoryCode>"
            f"<ram:RateApplicablePercent>{_plain(rate)}</ram:RateApplicablePercent></ram:ApplicableTradeTax>")
    if inv.due or inv.payment_terms:
        terms = ["   <ram:SpecifiedTradePaymentTerms>"]
        if inv.payment_terms:
            terms.append(f"<ram:Description>{escape(inv.payment_terms)}</ram:Description>")
        if inv.due:
            terms.append(f'<ram:DueDateDateTime><udt:DateTimeString format="102">{_ymd(inv.due)}</udt:DateTimeString></ram:DueDateDateTime>')
        terms.append("</ram:SpecifiedTradePaymentTerms>")
        settlement.append("".join(terms))
    tax_totals = "".join(f'<ram:TaxTotalAmount currencyID={quoteattr(c)}>{_amount(a)}</ram:TaxTotalAmount>'
                         for c, a in inv.extra_tax_totals)
    tax_totals += f'<ram:TaxTotalAmount currencyID="{cur}">{_amount(inv.tax)}</ram:TaxTotalAmount>'
    prepaid = f"<ram:TotalPrepaidAmount>{_amount(inv.prepaid)}</ram:TotalPrepaidAmount>" if inv.prepaid else ""
    settlement.append(
        "   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>\n"
        f"    <ram:LineTotalAmount>{_amount(inv.net)}</ram:LineTotalAmount><ram:TaxBasisTotalAmount>{_amount(inv.net)}</ram:TaxBasisTotalAmount>\n"
        f"    {tax_totals}\n"
        f"    <ram:GrandTotalAmount>{_amount(inv.total)}</ram:GrandTotalAmount>{prepaid}<ram:DuePayableAmount>{_amount(inv.due_payable)}</ram:DuePayableAmount>\n"
        "   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>")
    if inv.preceding_invoice:
        settlement.append(f"   <ram:InvoiceReferencedDocument><ram:IssuerAssignedID>{escape(inv.preceding_invoice)}</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>")
    settlement_xml = "\n".join(settlement)
    lines = "".join(_cii_line(n, line) for n, line in enumerate(inv.lines, 1))
    note = f"<ram:IncludedNote><ram:Content>{escape(inv.subject)}</ram:Content></ram:IncludedNote>" if inv.subject else ""
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>{escape(inv.profile)}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument><ram:ID>{escape(inv.number)}</ram:ID><ram:TypeCode>{escape(inv.type_code)}</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">{_ymd(inv.issue)}</udt:DateTimeString></ram:IssueDateTime>{note}</rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
{lines}  <ram:ApplicableHeaderTradeAgreement>
{_cii_party("SellerTradeParty", inv.seller)}
{_cii_party("BuyerTradeParty", inv.buyer)}
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement>
{settlement_xml}
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""
    return xml.encode("utf-8")


# --- invoices: the printed page ----------------------------------------------------------------

ACCENT = (0.12, 0.27, 0.47)
GREY = 0.42
LEFT, RIGHT = 50, 545

_WORDS = {
    "fr": {
        "invoice": "FACTURE", "credit_note": "AVOIR", "number": "N° de facture", "number_cn": "N° d'avoir",
        "date": "Date de facture", "date_cn": "Date de l'avoir", "due": "Échéance", "bill_to": "FACTURÉ À",
        "subject": "Objet", "buyer_siren": "SIREN client : {}", "buyer_vat": "N° TVA client : {}",
        "label": "Désignation", "qty": "Qté", "price": "PU HT", "vat": "TVA", "amount": "Montant HT",
        "net": "Total HT", "tax": "TVA {}", "tax_base": "TVA {} (base {})", "total": "Total TTC",
        "due_amount": "Net à payer", "prepaid": "Acompte versé", "refund": "Montant de l'avoir",
        "terms": "Conditions de paiement : {}", "iban": "IBAN : {}",
        "penalties": "Pénalités de retard : trois fois le taux d'intérêt légal ; indemnité forfaitaire pour frais de recouvrement : 40 €.",
        "preceding": "Avoir relatif à la facture {}.",
        "ids": "SIREN {} · TVA {}", "footer": "{} – {} – RCS {} {} – SIRET {} – TVA {}",
        "facturx": "Facture électronique Factur-X (profil EN 16931) : les données structurées sont jointes au PDF (factur-x.xml).",
        "page": "Page 1/1",
    },
    "en": {
        "invoice": "INVOICE", "credit_note": "CREDIT NOTE", "number": "Invoice No.", "number_cn": "Credit note No.",
        "date": "Invoice date", "date_cn": "Credit note date", "due": "Due date", "bill_to": "BILL TO",
        "subject": "Subject", "buyer_siren": "Customer SIREN: {}", "buyer_vat": "Customer VAT No.: {}",
        "label": "Description", "qty": "Qty", "price": "Unit price", "vat": "VAT", "amount": "Amount",
        "net": "Total excl. VAT", "tax": "VAT {}", "tax_base": "VAT {} (on {})", "total": "Total incl. VAT",
        "due_amount": "Amount due", "prepaid": "Prepayment", "refund": "Credit amount",
        "terms": "Payment terms: {}", "iban": "IBAN: {}",
        "penalties": "Late payment: interest at three times the French legal rate, plus a fixed recovery fee of 40 euros.",
        "preceding": "Credit note for invoice {}.",
        "ids": "SIREN {} · VAT {}", "footer": "{} – {} – RCS {} {} – SIRET {} – VAT {}",
        "facturx": "Factur-X e-invoice (EN 16931 profile): the structured data is attached to this PDF (factur-x.xml).",
        "page": "Page 1/1",
    },
}  # fmt: skip


def _money(value: Decimal, language: str, symbol: bool = True) -> str:
    text = format_amount(value, language).replace("\u202f", "\xa0")
    if not symbol:
        return text
    return f"{text}\xa0€" if language == "fr" else f"{text} EUR"


def _rate_text(rate: Decimal, language: str) -> str:
    text = _plain(rate)
    return (text.replace(".", ",") + "\xa0%") if language == "fr" else f"{text}%"


def _qty_text(qty: Decimal, language: str) -> str:
    text = _plain(qty)
    return text.replace(".", ",") if language == "fr" else text


def _date_text(day: date, language: str) -> str:
    if language == "fr":
        return day.strftime("%d/%m/%Y")
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def _siren_text(siren: str | None) -> str:
    s = siren or ""
    return f"{s[:3]} {s[3:6]} {s[6:9]}" if len(s) == 9 and s.isdigit() else s


def _iban_text(iban: str) -> str:
    v = iban.replace(" ", "")
    return " ".join(v[i:i + 4] for i in range(0, len(v), 4))


def render_invoice(inv: Invoice, language: str = "fr", *, facturx: bool = False) -> Page:
    """Draw ``inv`` as a one-page A4 invoice. Every label and its value share a baseline, and no
    two unrelated things do, so a text extractor reads "Total HT 459,00 €" as one line."""
    w = _WORDS[language]
    page = Page()
    seller, buyer = inv.seller, inv.buyer
    credit = inv.credit_note

    # header: the seller (left) and the document's title and references (right)
    page.rect(0, A4[1] - 8, A4[0], 8, fill=ACCENT)
    page.text(LEFT, 790, seller.name, size=16, bold=True, color=ACCENT)
    page.text(RIGHT, 790, w["credit_note" if credit else "invoice"], size=20, bold=True, color=ACCENT, align="right")
    seller_lines = [seller.street, f"{seller.postal_code} {seller.city}".strip(), seller.email or "",
                    w["ids"].format(_siren_text(seller.siren), seller.vat or "") if seller.siren else ""]
    meta = [(w["number_cn" if credit else "number"], inv.number),
            (w["date_cn" if credit else "date"], _date_text(inv.issue, language))]
    if inv.due:
        meta.append((w["due"], _date_text(inv.due, language)))
    page.rect(330, 772 - 14 * len(meta) + 4, RIGHT - 330, 14 * len(meta) + 6, fill=0.95)
    for i in range(max(len(seller_lines), len(meta))):
        y = 768 - 14 * i
        if i < len(seller_lines) and seller_lines[i]:
            page.text(LEFT, y, seller_lines[i], size=9, color=0.2)
        if i < len(meta):
            page.text(338, y, meta[i][0], size=9, color=GREY)
            page.text(RIGHT - 8, y, meta[i][1], size=9, bold=True, align="right")

    # the buyer, in a frame on the right; the subject on the left
    top = 690
    buyer_lines = [(buyer.name, 11, True), (buyer.street, 9, False), (f"{buyer.postal_code} {buyer.city}".strip(), 9, False)]
    if buyer.siren:
        buyer_lines.append((w["buyer_siren"].format(_siren_text(buyer.siren)), 8.5, False))
    if buyer.vat:
        buyer_lines.append((w["buyer_vat"].format(buyer.vat), 8.5, False))
    buyer_lines = [item for item in buyer_lines if item[0]]
    height = 24 + 13 * len(buyer_lines)
    page.rect(320, top - height + 6, RIGHT - 320, height, stroke=0.75, width=0.6)
    page.text(330, top - 8, w["bill_to"], size=7.5, bold=True, color=GREY)
    if inv.subject:
        page.text(LEFT, top - 8, w["subject"].upper(), size=7.5, bold=True, color=GREY)
    for i, (text, size, bold) in enumerate(buyer_lines):
        y = top - 24 - 13 * i
        if i == 0 and inv.subject:
            page.text(LEFT, y, inv.subject, size=9.5, max_width=255)
        if i == 1 and inv.preceding_invoice:
            page.text(LEFT, y, w["preceding"].format(inv.preceding_invoice), size=9, color=0.2, max_width=255)
        page.text(330, y, text, size=size, bold=bold, max_width=RIGHT - 338)

    # the line table
    y = top - height - 22
    cols = [(w["label"], 58, "left"), (w["qty"], 330, "right"), (w["price"], 400, "right"),
            (w["vat"], 450, "right"), (w["amount"], RIGHT - 8, "right")]
    page.rect(LEFT, y - 7, RIGHT - LEFT, 20, fill=ACCENT)
    for text, x, align in cols:
        page.text(x, y, text, size=8.5, bold=True, color=1.0, align=align)
    y -= 21
    for line in inv.lines:
        page.text(58, y, line.label, size=9, max_width=235)
        page.text(330, y, _qty_text(Decimal(line.quantity), language), size=9, align="right")
        page.text(400, y, _money(Decimal(line.unit_price), language, symbol=False), size=9, align="right")
        page.text(450, y, _rate_text(Decimal(line.vat_rate), language), size=9, align="right")
        page.text(RIGHT - 8, y, _money(line.net, language, symbol=False), size=9, align="right")
        page.rule(LEFT, y - 7, RIGHT, y - 7, width=0.4, color=0.82)
        y -= 20

    # the totals block (right; nothing else on these baselines)
    y -= 14
    breakdown = inv.breakdown()
    rows: list[tuple[str, Decimal, bool]] = [(w["net"], inv.net, False)]
    for rate, base, tax in breakdown:
        label = (w["tax_base"].format(_rate_text(rate, language), _money(base, language, symbol=False))
                 if len(breakdown) > 1 else w["tax"].format(_rate_text(rate, language)))
        rows.append((label, tax, False))
    rows.append((w["total"], inv.total, True))
    if inv.prepaid:
        rows.append((w["prepaid"], inv.prepaid, False))
    if not credit:
        rows.append((w["due_amount"], inv.due_payable, False))
    for label, value, strong in rows:
        if strong:
            page.rect(330, y - 7, RIGHT - 330, 20, fill=0.92)
        page.text(338, y, label, size=10 if strong else 9, bold=strong)
        page.text(RIGHT - 8, y, _money(value, language), size=10 if strong else 9, bold=strong, align="right")
        y -= 20 if strong else 16

    # payment terms and bank details (below everything else, full width)
    y -= 14
    page.rule(LEFT, y + 12, RIGHT, y + 12, width=0.5, color=0.8)
    notes = []
    if inv.payment_terms:
        notes.append(w["terms"].format(inv.payment_terms))
    if seller.iban and not credit:
        notes.append(w["iban"].format(_iban_text(seller.iban)))
    if not credit:
        notes.append(w["penalties"])
    for text in notes:
        page.text(LEFT, y, text, size=8.5, color=0.2, max_width=RIGHT - LEFT)
        y -= 13

    # legal footer
    if seller.siren:
        siret = seller.siret or ""
        siret = f"{_siren_text(siret[:9])} {siret[9:]}" if len(siret) == 14 else siret
        legal = w["footer"].format(seller.name, seller.legal or "", seller.city, _siren_text(seller.siren),
                                   siret, seller.vat or "").replace(" –  – ", " – ")
        page.text(A4[0] / 2, 52, legal, size=7, color=GREY, align="center", max_width=RIGHT - LEFT)
    if facturx:
        page.text(A4[0] / 2, 41, w["facturx"], size=7, color=GREY, align="center", max_width=RIGHT - LEFT)
    page.text(RIGHT, 28, w["page"], size=7, color=GREY, align="right")
    return page


def invoice_pdf(path: str | Path, inv: Invoice, *, language: str = "fr", facturx: bool = True,
                page: Page | None = None) -> Path:
    """Write ``inv`` as a PDF: the printed invoice (or ``page``), with ``factur-x.xml`` embedded
    when ``facturx``."""
    title = ("Avoir" if language == "fr" else "Credit note") if inv.credit_note else ("Facture" if language == "fr" else "Invoice")
    return write_pdf(
        path, [page or render_invoice(inv, language, facturx=facturx)],
        attachments={"factur-x.xml": cii_xml(inv)} if facturx else None,
        metadata={"Title": f"{title} {inv.number}", "Author": inv.seller.name, "Creator": "Pennylane Importer (demo)"},
    )


# --- the demo set ------------------------------------------------------------------------------

DEMO_STREET, DEMO_POSTAL_CODE, DEMO_CITY = "14 rue de la Folie-Méricourt", "75011", "Paris"
DEMO_EMAIL = "facturation@atelier-demo.fr"
DEMO_IBAN = "FR7630004008230001045678943"  # a valid (made-up) IBAN for the demo company's own invoices
# A valid (made-up) IBAN that is *not* the one seeded for "Au bon moulin": one sample says the supplier's
# bank changed — the fraud signal the form warns about (app.jobs.matching.iban_changed).
CHANGED_IBAN = "FR7630076020112134657890134"

# Legal forms and capital for the suppliers' footers (the seed only has names).
_LEGAL = {
    "Au bon moulin": "SARL au capital de 20 000 €",
    "Papeterie Garnier": "EURL au capital de 8 000 €",
    "Imprimerie Roux & Cie": "SNC au capital de 45 000 €",
    "Télécom Horizon SAS": "SAS au capital de 150 000 €",
    "Locations Mercier": "SARL au capital de 12 000 €",
    "Fiduciaire Blanc Conseil": "SELARL au capital de 30 000 €",
    "Transports Girard Logistique": "SAS au capital de 80 000 €",
    "Atelier Demo SAS": "SAS au capital de 10 000 €",
}


@dataclass(frozen=True)
class DemoBook:
    """The demo company and its seeded counterparts, as parties of an invoice."""

    company: Party
    suppliers: dict[str, Party]
    customers: dict[str, Party]


def demo_book(seed_value: int = 2024) -> DemoBook:
    """The stand-in's demo company (same seed, same SIREN/VAT/IBAN) and its suppliers/customers."""
    from app.standin.identifiers import fr_vat_number, siret_for
    from app.standin.seed import seed
    from app.standin.state import State

    state = State()
    co = state.companies[seed(state, seed_value)["demo"]]
    company = Party(co.name, DEMO_STREET, DEMO_POSTAL_CODE, DEMO_CITY, siren=co.reg_no, siret=siret_for(co.reg_no),
                    vat=fr_vat_number(co.reg_no), iban=DEMO_IBAN, email=DEMO_EMAIL, legal=_LEGAL.get(co.name, ""))
    suppliers = {}
    for sup in co.suppliers.values():
        address = sup["postal_address"]
        suppliers[sup["name"]] = Party(
            sup["name"], address["address"], address["postal_code"], address["city"], address.get("country_alpha2") or "FR",
            siren=sup["reg_no"], siret=sup["establishment_no"], vat=sup["vat_number"], iban=sup["iban"],
            email=(sup.get("emails") or [None])[0], legal=_LEGAL.get(sup["name"], ""))
    customers = {}
    for cust in co.customers.values():
        if cust.get("customer_type") != "company":
            continue
        address = cust["billing_address"]
        customers[cust["name"]] = Party(
            cust["name"], address["address"], address["postal_code"], address["city"], address.get("country_alpha2") or "FR",
            siren=cust.get("reg_no"), vat=cust.get("vat_number"), email=(cust.get("emails") or [None])[0])
    return DemoBook(company, suppliers, customers)


@dataclass(frozen=True)
class Sample:
    filename: str
    invoice: Invoice
    language: str = "fr"
    facturx: bool = True
    direction: str = "supplier"  # "supplier": a purchase of the demo company; "customer": a sale
    balanced: bool = True

    @property
    def counterpart(self) -> Party:
        return self.invoice.seller if self.direction == "supplier" else self.invoice.buyer


def _d(text: str) -> Decimal:
    return Decimal(text)


def sample_specs(seed_value: int = 2024) -> list[Sample]:
    """The demo invoices, in the order they are written."""
    book = demo_book(seed_value)
    me, sup, cust = book.company, book.suppliers, book.customers

    def day(text: str) -> date:
        return date.fromisoformat(text)

    def bill(number: str, issued: str, seller: Party, lines: list[Line], *, buyer: Party = me, days: int = 30, **kw) -> Invoice:
        issue = day(issued)
        return Invoice(number, issue, seller, buyer, tuple(lines), due=issue + timedelta(days=days), **kw)

    rate_55 = _d("5.5")
    return [
        Sample("au-bon-moulin-AM-2026-1187.pdf", bill(
            "AM-2026-1187", "2026-10-05", sup["Au bon moulin"], [
                Line("Farine de blé T65 bio, sac de 25 kg", _d("8"), _d("32.50"), rate_55),
                Line("Farine de seigle T130, sac de 25 kg", _d("4"), _d("41.00"), rate_55),
                Line("Livraison sur palette", _d("1"), _d("35.00")),
            ], subject="Commande atelier pain du mois d'octobre", payment_terms="virement à 30 jours")),
        Sample("imprimerie-roux-IR-26-0452.pdf", bill(
            "IR-26-0452", "2026-10-08", sup["Imprimerie Roux & Cie"], [
                Line("Catalogue collection printemps, 16 p. A4", _d("500"), _d("1.20")),
                Line("Cartes de visite, lot de 250", _d("2"), _d("45.00")),
                Line("Livre « L'art de la poterie », réimpression", _d("100"), _d("6.00"), rate_55),
            ], subject="Impressions pour la collection printemps", payment_terms="virement à 30 jours fin de mois")),
        Sample("papeterie-garnier-PG-2026-00318.pdf", bill(
            "PG-2026-00318", "2026-10-12", sup["Papeterie Garnier"], [
                Line("Ramettes de papier A4 80 g", _d("10"), _d("4.90")),
                Line("Classeurs à levier, dos 8 cm", _d("12"), _d("3.25")),
                Line("Stylos bille bleus, boîte de 50", _d("2"), _d("18.50")),
            ], subject="Fournitures de bureau", payment_terms="à réception", days=15)),
        Sample("avoir-mercier-AV-2026-014.pdf", bill(
            "AV-2026-014", "2026-10-15", sup["Locations Mercier"], [
                Line("Location de vitrine d'exposition annulée (jours)", _d("2"), _d("120.00"), unit="DAY"),
            ], type_code="381", preceding_invoice="LM-2026-0107", subject="Annulation partielle de location",
            payment_terms="déduit de votre prochain règlement")),
        Sample("telecom-horizon-TH-2026-10-04417.pdf", bill(
            "TH-2026-10-04417", "2026-10-16", sup["Télécom Horizon SAS"], [
                Line("Forfait fibre pro 1 Gbit/s, octobre 2026", _d("1"), _d("59.90")),
                Line("Forfaits mobiles pro 80 Go", _d("3"), _d("24.99")),
                Line("Numéro fixe et standard virtuel", _d("1"), _d("15.00")),
            ], subject="Abonnements télécom d'octobre 2026", payment_terms="prélèvement à 30 jours"), facturx=False),
        Sample("transports-girard-TGL-26-0588.pdf", bill(
            "TGL-26-0588", "2026-10-19", sup["Transports Girard Logistique"], [
                Line("Road freight Le Havre to Paris, 2 pallets", _d("1"), _d("380.00")),
                Line("Port handling and storage (days)", _d("3"), _d("45.00"), unit="DAY"),
                Line("Fuel surcharge", _d("1"), _d("38.00")),
            ], subject="Import of ceramic glazes, shipment 26-114", payment_terms="bank transfer within 30 days"),
            language="en", facturx=False),
        Sample("vente-pages-vives-AD-2026-0042.pdf", bill(
            "AD-2026-0042", "2026-10-20", me, [
                Line("Livre « L'art de la poterie »", _d("50"), _d("28.44"), rate_55),
                Line("Vase en céramique", _d("6"), _d("45.00")),
            ], buyer=cust["Librairie Les Pages Vives"], subject="Commande de la librairie du 14 octobre",
            payment_terms="virement à 30 jours"), direction="customer"),
        Sample("fiduciaire-blanc-FBC-2026-118.pdf", bill(
            "FBC-2026-118", "2026-10-22", sup["Fiduciaire Blanc Conseil"], [
                Line("Tenue de la comptabilité, octobre 2026", _d("1"), _d("450.00")),
                Line("Déclaration de TVA mensuelle", _d("1"), _d("120.00")),
            ], declared_net=_d("620.00"), declared_tax=_d("124.00"), subject="Honoraires d'octobre 2026",
            payment_terms="virement à 30 jours"), balanced=False),
        Sample("au-bon-moulin-AM-2026-1254.pdf", bill(
            "AM-2026-1254", "2026-10-26", replace(sup["Au bon moulin"], iban=CHANGED_IBAN), [
                Line("Farine de blé T65 bio, sac de 25 kg", _d("6"), _d("32.50"), rate_55),
                Line("Livraison sur palette", _d("1"), _d("35.00")),
            ], subject="Commande atelier pain, complément d'octobre",
            payment_terms="virement à 30 jours sur notre nouveau compte"), facturx=False),
    ]


def write_samples(folder: str | Path, *, seed_value: int = 2024) -> list[Path]:
    """Write the demo invoices into ``folder`` (created if needed); return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [invoice_pdf(folder / s.filename, s.invoice, language=s.language, facturx=s.facturx)
            for s in sample_specs(seed_value)]


def _main(argv: list[str] | None = None) -> int:
    """``python -m app.standin.samples FOLDER``: write the demo invoices there."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m app.standin.samples FOLDER", file=sys.stderr)
        return 2
    for path in write_samples(args[0]):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())

